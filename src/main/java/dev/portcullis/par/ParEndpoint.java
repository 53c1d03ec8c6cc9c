package dev.portcullis.par;

import dev.portcullis.apps.App;
import dev.portcullis.authorize.AuthorizeChecks;
import dev.portcullis.authorize.FormParameters;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.http.Cors;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import io.helidon.common.parameters.Parameters;
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

    public ParEndpoint(ClientAuthenticator<App> clients, AuthorizeChecks checks, RequestUris requestUris, RateLimiter perClient) {
        this.clients = clients;
        this.checks = checks;
        this.requestUris = requestUris;
        this.perClient = perClient;
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
        RequestUris.Minted minted = requestUris.push(app.clientId(), checks.checkPushed(app, form));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("request_uri", minted.requestUri());
        body.put("expires_in", minted.expiresIn());
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        Json.send(res, 201, body);
    }

    private static Optional<String> first(Parameters form, String name) {
        return form.contains(name) ? Optional.of(form.all(name).getFirst()) : Optional.empty();
    }
}
