package dev.portcullis.revoke;

import dev.portcullis.apps.App;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.ApiKeyCredential;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.credentials.Credential.UserGrant;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.Cors;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.token.TokenEvents;
import dev.portcullis.token.TokenRepository;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * {@code POST /oauth/revoke} and {@code /oauth2/revoke} (RFC 7009). The client authenticates
 * and names a token; if it is one of its own access or refresh tokens, it dies. An active token
 * issued to another client is refused with unauthorized_client and left alone (§2.1: the server
 * verifies the token was issued to the caller). Anything else (unknown, expired, already revoked,
 * an API key) gets the same empty 200 (§2.2).
 */
public final class RevocationEndpoint implements Routes {
    private final ClientAuthenticator<App> clients;
    private final CredentialResolver resolver;
    private final Database db;
    private final TokenRepository tokens;
    private final EventLog events;
    private final ClientAddress addresses;

    /** {@code events}: token.revoked is recorded in the revoking transaction, when something was revoked. */
    public RevocationEndpoint(ClientAuthenticator<App> clients, CredentialResolver resolver, Database db, TokenRepository tokens,
                              EventLog events, ClientAddress addresses) {
        this.events = events;
        this.addresses = addresses;
        this.clients = clients;
        this.resolver = resolver;
        this.db = db;
        this.tokens = tokens;
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/oauth/revoke", this::handle);
        r.post("/oauth2/revoke", this::handle);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        App app = clients.authenticate(ClientAuthRequest.of(
                AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of)), params::has, params::get));
        Cors.allowClient(req, res, app::allowsBrowserOrigin);
        String token = params.require("token");
        Optional<UserGrant> owner = checkIssuedTo(app, token);
        Actor actor = Actor.client(app.clientId(), Actor.Origin.of(addresses.of(req), ClientAddress.userAgent(req)));
        // token_type_hint only orders a search (RFC 7009 §2.1); the prefix or JWT shape names the kind.
        List<SecretHash> revoked = resolver.identify(token).map(t -> db.inTransaction(tx -> {
            List<SecretHash> gone = switch (t.kind()) {
                case ACCESS_TOKEN -> tokens.revokeAccessToken(tx, t.hash(), t.jwt(), app.clientId());
                case REFRESH_TOKEN -> tokens.revokeRefreshToken(tx, t.hash(), app.clientId());
                // API keys are revoked by workspace admins, codes by use; a client cannot revoke them here.
                case API_KEY, AUTHORIZATION_CODE, CLIENT_SECRET, REGISTRATION_TOKEN, SESSION, OPERATOR_TOKEN,
                     AUTHORIZATION_REQUEST, EXTERNAL_AUTH, EXTERNAL_LOGIN_CODE, DEVICE_CODE, EMAIL_VERIFICATION,
                     PASSWORD_RESET -> List.<SecretHash>of();
            };
            if (!gone.isEmpty()) events.record(tx, revokedEvent(actor, app, t, owner, gone.size()));
            return gone;
        })).orElse(List.of());
        resolver.revoked(revoked);
        res.status(200);
        res.send();
    }

    /**
     * RFC 7009 §2.1: only the client a token was issued to may revoke it; invalid tokens pass to the 200.
     * Returns the user's side of the token (its grant and workspace), when it has one, for the event.
     */
    private Optional<UserGrant> checkIssuedTo(App app, String token) {
        boolean oauthToken = resolver.identify(token)
                .filter(t -> t.kind() == TokenKind.ACCESS_TOKEN || t.kind() == TokenKind.REFRESH_TOKEN).isPresent();
        if (!oauthToken) return Optional.empty();
        Optional<Credential> credential = resolver.resolveForIntrospection(token);
        Optional<String> issuedTo = credential.flatMap(c -> switch (c) {
            case AccessTokenCredential access -> Optional.of(access.clientId());
            case RefreshTokenCredential refresh -> Optional.of(refresh.clientId());
            case ApiKeyCredential key -> Optional.<String>empty();
        });
        if (issuedTo.isPresent() && !issuedTo.get().equals(app.clientId())) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("The token was not issued to this client"),
                    "revocation of a token of client " + issuedTo.get() + " by " + app.clientId());
        }
        return credential.flatMap(c -> switch (c) {
            case AccessTokenCredential access -> access.grant();
            case RefreshTokenCredential refresh -> Optional.of(refresh.grant());
            case ApiKeyCredential key -> Optional.<UserGrant>empty();
        });
    }

    /** token.revoked: the kind, a prefix of the stored hash, the grant; never the token. */
    private static EventDraft revokedEvent(Actor actor, App app, CredentialResolver.StoredToken token, Optional<UserGrant> owner,
                                           int count) {
        String hashPrefix = token.hash().hex().substring(0, TokenEvents.HASH_PREFIX);
        return EventDraft.of(EventType.TOKEN_REVOKED, actor)
                .inWorkspace(owner.map(g -> g.workspace().id()).orElse(null))
                .about("token", hashPrefix)
                .with("client_id", app.clientId())
                .with("token_type", token.kind() == TokenKind.REFRESH_TOKEN ? "refresh_token" : "access_token")
                .with("token_hash_prefix", hashPrefix)
                .with("grant_id", owner.map(UserGrant::grantId).orElse(null))
                .with("tokens_revoked", count);
    }
}
