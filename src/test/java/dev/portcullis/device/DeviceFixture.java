package dev.portcullis.device;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the device-flow tests share: a device app, the device's two calls, and a person at /device. */
record DeviceFixture(TestServer server, OAuthClient oauth) {
    static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    static final List<String> SCOPES = List.of("openid", "profile", "offline_access", "task:read", "user_management:read");

    DeviceFixture(TestServer server) {
        this(server, new OAuthClient(server));
    }

    /** A public app (client_id alone) allowed the device grant and refresh tokens. */
    AppService.Created app(String name) {
        return app(name, AuthMethod.NONE, EnumSet.of(GrantType.DEVICE_CODE, GrantType.REFRESH_TOKEN));
    }

    AppService.Created app(String name, AuthMethod method, Set<GrantType> grants) {
        return server.portcullis().apps().create(Actor.system(), java.util.Optional.empty(), new AppSettings(name, "", java.util.Optional.empty(), true,
                method, grants, SCOPES, List.of(), AccessTokenFormat.OPAQUE, new Lifetime.Default(), "RS256", false));
    }

    HttpResponse<String> start(String clientId, String... scope) {
        Map<String, String> params = OAuthClient.params("client_id", clientId);
        if (scope.length > 0) params.put("scope", String.join(" ", scope));
        return oauth.post("/oauth2/device_authorization", null, OAuthClient.form(params));
    }

    JsonNode started(String clientId, String... scope) {
        HttpResponse<String> res = start(clientId, scope);
        assertEquals(200, res.statusCode(), res.body());
        return OAuthClient.json(res);
    }

    HttpResponse<String> poll(String clientId, String deviceCode) {
        return oauth.token(null, OAuthClient.params("grant_type", DEVICE_GRANT, "client_id", clientId, "device_code", deviceCode));
    }

    /** Someone at a browser, signed up with a workspace of their own. */
    record Person(Browser browser, String userId) {}

    Person person(String name) {
        String email = name.toLowerCase().replace(' ', '.') + System.nanoTime() + "@example.com";
        new Browser(server).signUp(name, email, "correct horse battery");
        // Logged in with the password (a sign-up's first session states no amr): the device's ID token says "pwd".
        Browser browser = new Browser(server);
        browser.logIn(email, "correct horse battery");
        return new Person(browser, server.portcullis().core().identity().findByEmail(email).orElseThrow().id());
    }

    static Browser.Page consent(Browser browser, String userCode) {
        return browser.get("/device?user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8));
    }

    /** Opens the consent page for the code and answers {@code approve} or {@code deny}. */
    static Browser.Page decide(Browser browser, String userCode, String decision) {
        Browser.Page consent = consent(browser, userCode);
        assertEquals(200, consent.status(), consent.text());
        return browser.follow(browser.submit(consent, "form#device-consent", Map.of("decision", decision)));
    }
}
