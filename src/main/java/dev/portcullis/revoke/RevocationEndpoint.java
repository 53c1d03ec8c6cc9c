package dev.portcullis.revoke;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientAuthenticator;
import dev.portcullis.http.Cors;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.introspect.CredentialResolver;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code POST /oauth/revoke} and {@code /oauth2/revoke} (RFC 7009). The client authenticates
 * and names a token; if it is one of its own access or refresh tokens, it dies. Whatever the
 * token was (unknown, expired, another client's, an API key), the answer is the same 200
 * (RFC 7009 §2.2), so the endpoint tells nobody which tokens exist.
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
        // token_type_hint only orders a search (RFC 7009 §2.1); the prefix or JWT shape names the kind.
        List<SecretHash> revoked = resolver.identify(token).map(t -> db.inTransaction(tx -> switch (t.kind()) {
            case ACCESS_TOKEN -> revocations.revokeAccessToken(tx, t.hash(), t.jwt(), app.clientId());
            case REFRESH_TOKEN -> revocations.revokeRefreshToken(tx, t.hash(), app.clientId());
            // API keys are revoked by workspace admins, codes by use; a client cannot revoke them here.
            case API_KEY, AUTHORIZATION_CODE, CLIENT_SECRET, REGISTRATION_TOKEN, SESSION, OPERATOR_TOKEN,
                 AUTHORIZATION_REQUEST -> List.<SecretHash>of();
        })).orElse(List.of());
        revoked.forEach(resolver::evict);
        res.status(200);
        res.send();
    }
}
