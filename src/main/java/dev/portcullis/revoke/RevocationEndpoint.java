package dev.portcullis.revoke;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientAuthenticator;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Cors;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.introspect.AccessTokenCredential;
import dev.portcullis.introspect.ApiKeyCredential;
import dev.portcullis.introspect.CredentialResolver;
import dev.portcullis.introspect.RefreshTokenCredential;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
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
    private final ClientAuthenticator clients;
    private final CredentialResolver resolver;
    private final Database db;
    private final RevocationRepository revocations;

    public RevocationEndpoint(ClientAuthenticator clients, CredentialResolver resolver, Database db,
                              RevocationRepository revocations) {
        this.clients = clients;
        this.resolver = resolver;
        this.db = db;
        this.revocations = revocations;
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/oauth/revoke", this::handle);
        r.post("/oauth2/revoke", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        App app = clients.authenticate(req.headers().first(HeaderNames.AUTHORIZATION), params);
        Cors.allowClient(req, res, app::allowsBrowserOrigin);
        String token = params.require("token");
        checkIssuedTo(app, token);
        // token_type_hint only orders a search (RFC 7009 §2.1); the prefix or JWT shape names the kind.
        List<SecretHash> revoked = resolver.identify(token).map(t -> db.inTransaction(tx -> switch (t.kind()) {
            case ACCESS_TOKEN -> revocations.revokeAccessToken(tx, t.hash(), t.jwt(), app.clientId());
            case REFRESH_TOKEN -> revocations.revokeRefreshToken(tx, t.hash(), app.clientId());
            // API keys are revoked by workspace admins, codes by use; a client cannot revoke them here.
            case API_KEY, AUTHORIZATION_CODE, CLIENT_SECRET, REGISTRATION_TOKEN, SESSION, OPERATOR_TOKEN,
                 AUTHORIZATION_REQUEST, EXTERNAL_AUTH, EXTERNAL_LOGIN_CODE -> List.<SecretHash>of();
        })).orElse(List.of());
        revoked.forEach(resolver::evict);
        res.status(200);
        res.send();
    }

    /** RFC 7009 §2.1: only the client a token was issued to may revoke it; invalid tokens pass to the 200. */
    private void checkIssuedTo(App app, String token) {
        boolean oauthToken = resolver.identify(token)
                .filter(t -> t.kind() == TokenKind.ACCESS_TOKEN || t.kind() == TokenKind.REFRESH_TOKEN).isPresent();
        if (!oauthToken) return;
        Optional<String> issuedTo = resolver.resolveForIntrospection(token).flatMap(c -> switch (c) {
            case AccessTokenCredential access -> Optional.of(access.clientId());
            case RefreshTokenCredential refresh -> Optional.of(refresh.clientId());
            case ApiKeyCredential key -> Optional.<String>empty();
        });
        if (issuedTo.isPresent() && !issuedTo.get().equals(app.clientId())) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("The token was not issued to this client"),
                    "revocation of a token of client " + issuedTo.get() + " by " + app.clientId());
        }
    }
}
