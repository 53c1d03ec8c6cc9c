package dev.portcullis.par;

import dev.portcullis.apps.App;
import dev.portcullis.authorize.AuthorizeChecks;
import dev.portcullis.authorize.FormParameters;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.dpop.DPoPProofs;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Cors;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /oauth2/par} (RFC 9126 §2): the client authenticates as at the token endpoint (a
 * public client by its client_id), its authorization request passes /authorize's checks, and it
 * gets a one-time request_uri to send the browser to /authorize with. Errors are RFC 6749 JSON.
 */
public final class ParEndpoint implements Routes {
    static final String PATH = "/oauth2/par";

    private final ClientAuthenticator<App> clients;
    private final AuthorizeChecks checks;
    private final RequestUris requestUris;
    private final RateLimiter perClient;
    private static final HeaderName DPOP = HeaderNames.create(DPoPProofs.HEADER);
    private final DPoPProofs proofs;

    public ParEndpoint(ClientAuthenticator<App> clients, AuthorizeChecks checks, RequestUris requestUris, RateLimiter perClient,
                       DPoPProofs proofs) {
        this.clients = clients;
        this.checks = checks;
        this.requestUris = requestUris;
        this.perClient = perClient;
        this.proofs = proofs;
    }

    @Override
    public void mount(RouteTable r) {
        r.post(PATH, this::push);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void push(ServerRequest req, ServerResponse res) {
        Parameters form = FormParameters.read(req);
        var client = ClientAuthRequest.of(AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of)),
                form::contains, name -> first(form, name));
        App app = clients.authenticate(client);
        Cors.allowClient(req, res, app::allowsBrowserOrigin);
        // After authentication, so nobody can spend another client's budget by naming its client_id.
        perClient.acquire(app.clientId());
        Map<String, List<String>> pushed = withProofKey(req, res, app, checks.checkPushed(app, form));
        RequestUris.Minted minted = requestUris.push(app.clientId(), pushed);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_uri", minted.requestUri());
        body.put("expires_in", minted.expiresIn());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, 201, body);
    }

    /**
     * RFC 9449 §10.1: a DPoP proof sent with the push binds the code to its key, as dpop_jkt would;
     * when both come, they must name the same key.
     */
    private Map<String, List<String>> withProofKey(ServerRequest req, ServerResponse res, App app,
                                                   Map<String, List<String>> pushed) {
        proofs.tokenEndpointNonce().ifPresent(nonce -> res.header(DPoPProofs.HEADER + "-Nonce", nonce));
        Optional<String> jkt = proofs.atTokenEndpoint(req.headers().all(DPOP, List::of), req.prologue().method().text(),
                req.path().rawPath(), app.clientId());
        if (jkt.isEmpty()) return pushed;
        List<String> named = pushed.getOrDefault("dpop_jkt", List.of());
        if (!named.isEmpty() && !named.equals(List.of(jkt.get()))) {
            throw new OAuthException(new OAuthError.InvalidDpopProof("dpop_jkt names another key than the DPoP proof's", false));
        }
        Map<String, List<String>> bound = new LinkedHashMap<>(pushed);
        bound.put("dpop_jkt", List.of(jkt.get()));
        return bound;
    }

    private static Optional<String> first(Parameters form, String name) {
        return form.contains(name) ? Optional.of(form.all(name).getFirst()) : Optional.empty();
    }
}
