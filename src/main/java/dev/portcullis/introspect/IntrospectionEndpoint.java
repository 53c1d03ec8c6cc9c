package dev.portcullis.introspect;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientAuthenticator;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.Optional;

/**
 * {@code POST /oauth/introspect}, {@code /oauth2/introspect}, {@code /oauth2/introspection}: two
 * callers, one answer (SPEC). With a {@code token} parameter it is RFC 7662: the client
 * authenticates and may see its own tokens, or any token when it is a resource server. Without
 * one, the {@code Authorization: Bearer} token describes itself, as {@code GET /v2/self} does.
 */
public final class IntrospectionEndpoint implements Routes {
    private final ClientAuthenticator clients;
    private final CredentialResolver resolver;
    private final URI issuer;

    public IntrospectionEndpoint(ClientAuthenticator clients, CredentialResolver resolver, URI issuer) {
        this.clients = clients;
        this.resolver = resolver;
        this.issuer = issuer;
    }

    @Override
    public void mount(RouteTable r) {
        r.post("/oauth/introspect", this::handle);
        r.post("/oauth2/introspect", this::handle);
        r.post("/oauth2/introspection", this::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        Optional<String> bearer = BearerToken.of(req);
        Optional<Credential> credential;
        if (!params.has("token") && bearer.isPresent()) {
            // Attio style: a bearer credential asks about itself, so a refresh token is not one.
            credential = resolver.resolve(bearer.get());
        } else {
            App caller = clients.authenticate(req.headers().first(HeaderNames.AUTHORIZATION), params);
            // token_type_hint is only a search hint (RFC 7662 §2.1): the prefix or JWT shape already tells the kind.
            credential = resolver.resolveForIntrospection(params.require("token")).filter(c -> mayIntrospect(caller, c));
        }
        Json.send(res, 200, IntrospectionBody.of(credential, issuer));
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
}
