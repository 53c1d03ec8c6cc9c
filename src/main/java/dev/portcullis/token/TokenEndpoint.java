package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.dpop.DPoPProofs;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.Cors;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code POST /oauth/token} and {@code /oauth2/token} (RFC 6749 §3.2): parse, authenticate the
 * client, check the grant is allowed, check a DPoP proof if one came (RFC 9449 §5), then hand
 * over to the one class for that grant.
 */
public final class TokenEndpoint implements Routes {
    private static final HeaderName DPOP = HeaderNames.create(DPoPProofs.HEADER);
    private final ClientAuthenticator<App> clients;
    private final AuthorizationCodeGrant authorizationCode;
    private final RefreshTokenGrant refreshToken;
    private final ClientCredentialsGrant clientCredentials;
    private final DeviceCodeGrant deviceCode;
    private final ExtensionGrant<TokenRequest.TokenExchange> tokenExchange;
    private final ExtensionGrant<TokenRequest.JwtBearer> jwtBearer;
    private final RateLimiter perClient;
    private final DPoPProofs proofs;

    private final Consumer<String> clientUsed;
    private final ClientAddress addresses;

    /**
     * {@code clientUsed} hears of every successful grant, so never-used self-registered apps can be swept;
     * {@code addresses} names the request's origin in the token.issued event.
     */
    public TokenEndpoint(ClientAuthenticator<App> clients, Grants grants, RateLimiter perClient, Consumer<String> clientUsed,
                         DPoPProofs proofs, ClientAddress addresses) {
        this.addresses = addresses;
        this.proofs = proofs;
        this.clients = clients;
        this.clientUsed = clientUsed;
        this.perClient = perClient;
        this.authorizationCode = grants.authorizationCode();
        this.refreshToken = grants.refreshToken();
        this.clientCredentials = grants.clientCredentials();
        this.deviceCode = grants.deviceCode();
        this.tokenExchange = grants.tokenExchange();
        this.jwtBearer = grants.jwtBearer();
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/oauth/token", this::handle);
        r.post("/oauth2/token", this::handle);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        var client = ClientAuthRequest.of(AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of)),
                params::has, params::get);
        TokenRequest request;
        App app;
        try {
            request = TokenRequest.parse(params);
            app = clients.authenticate(client);
        } catch (OAuthException refused) {
            // A public client is its client_id alone, so its own page may read even a refusal that
            // comes before authentication (a misspelt grant_type, say).
            clients.named(client).ifPresent(named -> Cors.allowClient(req, res, named::allowsBrowserOrigin));
            throw refused;
        }
        Cors.allowClient(req, res, app::allowsBrowserOrigin);
        // After authentication, so nobody can spend another client's budget by naming its client_id.
        perClient.acquire(app.clientId());
        if (!app.mayUse(request.grantType())) {
            throw new OAuthException(new OAuthError.UnauthorizedClient(
                    "This app may not use the " + request.grantType().wireName() + " grant"));
        }
        proofs.tokenEndpointNonce().ifPresent(nonce -> res.header(DPoPProofs.HEADER + "-Nonce", nonce));
        Optional<String> jkt = proofs.atTokenEndpoint(req.headers().all(DPOP, List::of), req.prologue().method().text(),
                req.path().rawPath(), app.clientId());
        if (jkt.isEmpty() && requiresDpop(app)) {
            throw new OAuthException(new OAuthError.InvalidDpopProof("This app's tokens must be DPoP-bound: send a DPoP proof", false));
        }
        Actor actor = Actor.client(app.clientId(), Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req)));
        TokenResponse response = switch (request) {
            case TokenRequest.AuthorizationCode code -> authorizationCode.handle(app, actor, code, jkt);
            case TokenRequest.Refresh refresh -> refreshToken.handle(app, actor, refresh, jkt);
            case TokenRequest.ClientCredentials cc -> clientCredentials.handle(app, actor, cc, jkt);
            case TokenRequest.DeviceCode device -> deviceCode.handle(app, actor, device, jkt);
            case TokenRequest.TokenExchange exchange -> tokenExchange.handle(app, actor, exchange, jkt);
            case TokenRequest.JwtBearer bearer -> jwtBearer.handle(app, actor, bearer, jkt);
        };
        clientUsed.accept(app.clientId());
        Json.send(res, 200, response.toJson());
    }

    /**
     * Whether {@code app} must present a DPoP proof: its {@code dpop_bound_access_tokens} (RFC 9449
     * §5.2), which the FAPI 2.0 profile implies.
     */
    static boolean requiresDpop(App app) {
        return app.assurance().dpopBoundAccessTokens();
    }
}
