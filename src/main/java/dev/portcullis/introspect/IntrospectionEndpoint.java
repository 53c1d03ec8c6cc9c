package dev.portcullis.introspect;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.dpop.BoundTokens;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.introspect.IntrospectionBody.Subject;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth/introspect}, {@code /oauth2/introspect}, {@code /oauth2/introspection}: two
 * callers, one answer (docs/credential-resolution.md). With a {@code token} parameter it is RFC 7662: the caller is a client
 * that authenticates, or a resource server that sends its own access token as {@code Authorization:
 * Bearer} (§2.1); it may see its own tokens, or any access token and API key when it is a resource
 * server. Without one, the {@code Authorization: Bearer} token describes itself, as
 * {@code GET /v2/self} does.
 */
public final class IntrospectionEndpoint implements Routes {
    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionEndpoint.class);

    private final ClientAuthenticator<App> clients;
    private final ClientLookup apps;
    private final CredentialResolver resolver;
    private final URI issuer;

    public IntrospectionEndpoint(ClientAuthenticator<App> clients, ClientLookup apps, CredentialResolver resolver, URI issuer) {
        this.clients = clients;
        this.apps = apps;
        this.resolver = resolver;
        this.issuer = issuer;
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/oauth/introspect", this::handle);
        r.post("/oauth2/introspect", this::handle);
        r.post("/oauth2/introspection", this::handle);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        AuthorizationHeader header = AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of));
        Optional<String> bearer = header.bearer();
        if (!params.has("token") && bearer.isPresent()) {
            // Attio style: a bearer credential asks about itself, so a refresh token is not one.
            // A DPoP-bound token is no bearer credential (RFC 9449 §7.1), here neither.
            Json.send(res, 200, IntrospectionBody.of(resolver.resolve(bearer.get()).map(BoundTokens::asBearer), issuer,
                    Subject.WORKSPACE));
            return;
        }
        App caller = bearer.isPresent()
                ? resourceServerBehind(bearer.get(), params)
                : clients.authenticate(ClientAuthRequest.of(header, params::has, params::get));
        // token_type_hint is only a search hint (RFC 7662 §2.1): the prefix or JWT shape already tells the kind.
        Optional<Credential> credential = resolver.resolveForIntrospection(params.require("token"))
                .filter(c -> mayIntrospect(caller, c) || refused(caller, c));
        Json.send(res, 200, IntrospectionBody.of(credential, issuer, Subject.USER));
    }

    /**
     * RFC 7662 §2.1 and §2.3: a protected resource may authorize its call with its own access token.
     * Only one issued to a resource-server app may ask about other tokens; anything else is 401
     * {@code invalid_token} (RFC 6750 §3), as Ory Hydra refuses such a bearer before looking at
     * {@code token}, so a caller learns nothing about the token it sent.
     */
    private App resourceServerBehind(String bearer, Params params) {
        // RFC 6749 §2.3: one authentication method per request.
        if (params.has("client_secret")) {
            throw OAuthException.invalidRequest("Authorize with a Bearer token or with client authentication, not both");
        }
        Optional<App> app = resolver.resolve(bearer).map(BoundTokens::asBearer)
                .flatMap(c -> c instanceof AccessTokenCredential token ? Optional.of(token.clientId()) : Optional.empty())
                .flatMap(apps::find)
                .filter(App::oauthEnabled);
        if (app.isEmpty()) {
            throw new OAuthException(new OAuthError.InvalidToken("The Bearer token is not an active access token"));
        }
        if (!app.get().settings().resourceServer()) {
            throw new OAuthException(new OAuthError.InvalidToken(
                    "The Bearer token's app is not a resource server, so it may not introspect other tokens"),
                    "introspection by bearer of client " + app.get().clientId());
        }
        return app.get();
    }

    /** RFC 7662 §4: a foreign token is reported inactive, so its existence does not leak. */
    static boolean mayIntrospect(App caller, Credential credential) {
        boolean resourceServer = caller.settings().resourceServer();
        return switch (credential) {
            case AccessTokenCredential token -> resourceServer || token.clientId().equals(caller.clientId());
            case ApiKeyCredential key -> resourceServer;
            // Only the client holding it has any business with a refresh token.
            case RefreshTokenCredential token -> token.clientId().equals(caller.clientId());
        };
    }

    /**
     * The caller still sees {@code active: false}, but the operator sees why: an app that should
     * have been a resource server is the usual cause. The token itself is never logged.
     */
    private static boolean refused(App caller, Credential credential) {
        if (caller.settings().resourceServer()) {
            LOG.info("Introspection by client_id={} of another client's {} answered inactive: only its own client may see it",
                    caller.clientId(), credential.kind().name().toLowerCase(Locale.ROOT));
        } else {
            LOG.info("Introspection by client_id={} of a token it does not hold answered inactive: the app is not a resource "
                    + "server (resource_server=false)", caller.clientId());
        }
        return false;
    }
}
