package dev.portcullis.device;

import dev.portcullis.apps.App;
import dev.portcullis.clientauth.ClientAuthRequest;
import dev.portcullis.clientauth.ClientAuthenticator;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.Params;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.ratelimit.RateLimiter;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code POST /oauth2/device_authorization} (RFC 8628 §3.1-3.2): the client authenticates as at
 * the token endpoint (a public client by its client_id alone), names scopes as at /authorize,
 * and gets the codes and the page to send its user to.
 */
public final class DeviceAuthorizationEndpoint implements Routes {
    public static final String PATH = "/oauth2/device_authorization";
    private final ClientAuthenticator<App> clients;
    private final DeviceAuthorizations authorizations;
    private final Predicate<String> knownScope;
    private final RateLimiter perClient;
    private final String verificationUri;

    public DeviceAuthorizationEndpoint(ClientAuthenticator<App> clients, DeviceAuthorizations authorizations,
                                       Predicate<String> knownScope, RateLimiter perClient, URI issuer) {
        this.clients = clients;
        this.authorizations = authorizations;
        this.knownScope = knownScope;
        this.perClient = perClient;
        this.verificationUri = issuer + DevicePage.PATH;
    }

    @Override
    public void mount(RouteTable r) {
        r.post(PATH, this::handle);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void handle(ServerRequest req, ServerResponse res) {
        Params params = Params.body(req);
        App app = clients.authenticate(ClientAuthRequest.of(
                AuthorizationHeader.parse(req.headers().all(HeaderNames.AUTHORIZATION, List::of)), params::has, params::get));
        perClient.acquire(app.clientId());
        if (!app.mayUse(GrantType.DEVICE_CODE)) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("This app may not use the device_code grant"));
        }
        var started = authorizations.start(app, checkScope(app, params));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", started.deviceCode().value());
        body.put("user_code", started.userCode().display());
        body.put("verification_uri", verificationUri);
        // §3.3.1: the code in the URI saves typing; a QR code can carry it.
        body.put("verification_uri_complete", verificationUri + "?user_code="
                + URLEncoder.encode(started.userCode().display(), StandardCharsets.UTF_8));
        body.put("expires_in", started.expiresIn().toSeconds());
        body.put("interval", started.interval().toSeconds());
        Json.send(res, 200, body);
    }

    /** As at /authorize: the app's scopes by default; an unknown or unallowed one is invalid_scope. */
    private List<String> checkScope(App app, Params params) {
        List<String> scopes = params.get("scope")
                .map(s -> Arrays.stream(s.trim().split(" +")).filter(w -> !w.isEmpty()).distinct().toList())
                .orElse(app.scopes());
        List<String> refused = scopes.stream().filter(s -> !knownScope.test(s) || !app.scopes().contains(s)).toList();
        if (!refused.isEmpty()) throw new OAuthException(new OAuthError.InvalidScope("Scope not allowed: " + String.join(" ", refused)));
        if (scopes.isEmpty()) throw new OAuthException(new OAuthError.InvalidScope("No scope requested and the app has none"));
        return scopes;
    }
}
