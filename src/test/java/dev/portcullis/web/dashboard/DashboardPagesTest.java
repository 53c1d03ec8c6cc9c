package dev.portcullis.web.dashboard;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.App;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The developer dashboard through its real forms, over a real port, on both databases. */
@ParameterizedClass
@EnumSource(Db.class)
class DashboardPagesTest {
    private static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A freshly signed-up developer, the POST's redirect, and the app page it leads to (the one that shows the secret). */
    private record Created(Browser browser, Browser.Page redirect, Browser.Page page, String clientId, String secret) {}

    private static Browser developer() {
        var browser = new Browser(server);
        int n = USERS.incrementAndGet();
        browser.signUp("Dev " + n, "dev" + n + "@example.com", PASSWORD);
        return browser;
    }

    private static Created createApp(String method) {
        Browser dev = developer();
        var redirect = dev.submit(dev.get("/dashboard"), "form#create-app",
                Map.of("name", "Taskr", "description", "Tasks for teams", "logo_url", "https://taskr.example/logo.png",
                        "token_endpoint_auth_method", method));
        assertEquals(303, redirect.status(), redirect.text());
        var page = dev.follow(redirect);
        assertEquals(200, page.status(), page.text());
        String clientId = page.doc().selectFirst("[data-testid=client-id]").text();
        var secret = page.doc().selectFirst("[data-testid=client-secret]");
        return new Created(dev, redirect, page, clientId, secret == null ? null : secret.text());
    }

    private static App app(String clientId) {
        return server.portcullis().apps().find(clientId).orElseThrow();
    }

    private static Browser.Page saveSettings(Created c, Map<String, String> changes) {
        var page = c.browser().get("/dashboard/apps/" + c.clientId());
        return c.browser().submit(page, "form#app-settings", changes);
    }

    private static int clientCredentials(String clientId, String secret) {
        return oauth.token(basic(clientId, secret), params("grant_type", "client_credentials")).statusCode();
    }

    @Test
    void createAppShowsTheSecretOnceAndItWorksAtTheTokenEndpoint() {
        Created c = createApp("client_secret_basic");
        assertTrue(c.secret().startsWith("pc_secret_"), c.secret());
        assertTrue(c.page().text().contains("Copy it now: you won't see this again."));
        assertEquals("App created.", c.page().doc().selectFirst("#overview [data-testid=notice]").text());
        App app = app(c.clientId());
        assertEquals("Tasks for teams", app.settings().description());
        assertEquals("https://taskr.example/logo.png", app.settings().logoUrl().orElseThrow());
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));

        var saved = saveSettings(c, Map.of("grant.client_credentials", "on", "scope.task:read", "on"));
        assertEquals(303, saved.status(), saved.text());
        assertEquals(200, clientCredentials(c.clientId(), c.secret()));

        var reloaded = c.browser().follow(saved);
        assertNull(reloaded.doc().selectFirst("[data-testid=client-secret]"));
        assertFalse(reloaded.response().body().contains(c.secret()), "a GET never shows the secret");
        assertFalse(c.browser().get("/dashboard").response().body().contains(c.secret()));
        long raw = server.portcullis().database().read(tx -> tx.count(
                "SELECT count(*) AS n FROM client_secrets WHERE secret_hash = ?", c.secret()));
        assertEquals(0L, raw, "only a hash is stored");
        assertEquals(List.of("…" + c.secret().substring(c.secret().length() - 4)),
                reloaded.doc().select("table.secrets td:first-child").eachText());
    }

    @Test
    void dashboardListsOnlyTheDevelopersOwnApps() {
        Created mine = createApp("client_secret_basic");
        Created theirs = createApp("none");
        var list = mine.browser().get("/dashboard");
        assertEquals(List.of(mine.clientId()), list.doc().select("tr[data-client-id]").eachAttr("data-client-id"));
        assertNull(theirs.secret(), "a public app has no secret");
        assertEquals(AuthMethod.NONE, app(theirs.clientId()).authMethod());
    }

    @Test
    void aPublicAppHasNoSecretsAndCannotBecomeConfidential() {
        Created c = createApp("none");
        var page = c.browser().get("/dashboard/apps/" + c.clientId());
        assertNull(page.doc().selectFirst("form#rotate-secret"));
        var refused = saveSettings(c, Map.of("token_endpoint_auth_method", "client_secret_basic"));
        assertEquals(400, refused.status());
        assertEquals("A public app cannot become confidential; create a new app instead",
                refused.doc().selectFirst("#token_endpoint_auth_method-error").text());
        var rotate = c.browser().post("/dashboard/apps/" + c.clientId() + "/secrets",
                Map.of("csrf", page.doc().selectFirst("form#app-settings input[name=csrf]").attr("value"), "old", "grace"));
        assertEquals(400, rotate.status());
        assertEquals("A public app has no secret", rotate.doc().selectFirst("#form-error").text());
        assertEquals(AuthMethod.NONE, app(c.clientId()).authMethod());
        assertEquals(0, secrets(c.clientId()));
    }

    @Test
    void redirectUrisAreCheckedAndStoredExactlyAsEntered() {
        Created c = createApp("client_secret_basic");
        Map<String, String> refused = Map.of(
                "http://evil.com/cb", "https",
                "https://ok.example/cb#frag", "fragment",
                "https://*.example.com/cb", "wildcard",
                "myapp:/cb", "reverse domain");
        for (var entry : refused.entrySet()) {
            var page = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#add-redirect-uri",
                    Map.of("redirect_uri", entry.getKey()));
            assertEquals(400, page.status(), entry.getKey());
            String reason = page.doc().selectFirst("#redirect_uri-error").text();
            assertTrue(reason.contains(entry.getValue()), reason);
            assertEquals(entry.getKey(), page.doc().selectFirst("input#redirect_uri").attr("value"), "the entered value is kept");
            assertEquals("true", page.doc().selectFirst("input#redirect_uri").attr("aria-invalid"));
            assertTrue(page.doc().selectFirst("input#redirect_uri").hasAttr("autofocus"), "the browser scrolls to the refused field");
        }
        assertEquals(List.of(), app(c.clientId()).redirectUris());

        List<String> accepted = List.of("https://ok.example/cb", "http://127.0.0.1:8080/cb", "com.example.app:/cb",
                "https://ok.example/Call%20Back?x=1");
        for (String uri : accepted) {
            var done = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#add-redirect-uri",
                    Map.of("redirect_uri", uri));
            assertEquals(303, done.status(), uri + " " + done.text());
        }
        assertEquals(Set.copyOf(accepted), uris(c.clientId()));
        var page = c.browser().get("/dashboard/apps/" + c.clientId());
        assertEquals(Set.copyOf(accepted), Set.copyOf(page.doc().select("ul.redirect-uris code").eachText()));

        var again = c.browser().submit(page, "form#add-redirect-uri", Map.of("redirect_uri", "https://ok.example/cb"));
        assertEquals(400, again.status());
        assertEquals("This redirect URI is already registered", again.doc().selectFirst("#redirect_uri-error").text());

        var removed = c.browser().submit(page, "form[action$=/redirect-uris/remove]:has(input[value=http://127.0.0.1:8080/cb])", Map.of());
        assertEquals(303, removed.status());
        assertEquals(Set.of("https://ok.example/cb", "com.example.app:/cb", "https://ok.example/Call%20Back?x=1"), uris(c.clientId()));
    }

    @Test
    void rotationWithGraceKeepsBothSecretsValid() {
        Created c = createApp("client_secret_basic");
        var posted = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#rotate-secret", Map.of());
        assertEquals(303, posted.status(), posted.text());
        var rotated = c.browser().follow(posted);
        assertEquals("New secret created; the old one keeps working for the grace period.",
                rotated.doc().selectFirst("#secrets [data-testid=notice]").text(), "the notice sits next to the secrets");
        String fresh = rotated.doc().selectFirst("#secrets [data-testid=client-secret]").text();
        assertTrue(fresh.startsWith("pc_secret_") && !fresh.equals(c.secret()));
        var apps = server.portcullis().apps();
        assertTrue(apps.verifySecret(c.clientId(), c.secret()), "the old secret lives through the grace period");
        assertTrue(apps.verifySecret(c.clientId(), fresh));
        var listed = c.browser().get("/dashboard/apps/" + c.clientId());
        assertEquals(2, listed.doc().select("table.secrets tbody tr").size());
        assertTrue(listed.doc().select("table.secrets td:nth-child(3)").eachText().contains("never"));
        assertFalse(listed.response().body().contains(fresh));
    }

    @Test
    void rotationRevokingNowKillsTheOldSecretAtTheTokenEndpoint() {
        Created c = createApp("client_secret_basic");
        assertEquals(303, saveSettings(c, Map.of("grant.client_credentials", "on")).status());
        assertEquals(200, clientCredentials(c.clientId(), c.secret()));
        var rotated = c.browser().follow(c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()),
                "form#rotate-secret-revoke", Map.of()));
        String fresh = rotated.doc().selectFirst("[data-testid=client-secret]").text();
        assertFalse(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));
        assertEquals(401, clientCredentials(c.clientId(), c.secret()));
        assertEquals(200, clientCredentials(c.clientId(), fresh));
        assertEquals(1, c.browser().get("/dashboard/apps/" + c.clientId()).doc().select("table.secrets tbody tr").size());
    }

    @Test
    void oauthTurnedOffThenTheTokenEndpointRefusesTheApp() {
        Created c = createApp("client_secret_post");
        assertEquals(303, saveSettings(c, Map.of("grant.client_credentials", "on")).status());
        var post = params("grant_type", "client_credentials", "client_id", c.clientId(), "client_secret", c.secret());
        assertEquals(200, oauth.token(null, post).statusCode());
        var off = saveSettings(c, Map.of("oauth_enabled", ""));
        assertEquals(303, off.status(), off.text());
        assertFalse(app(c.clientId()).oauthEnabled());
        var refused = oauth.token(null, post);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("invalid_client"));
        assertTrue(c.browser().follow(off).doc().selectFirst("[data-testid=client-id]").parent().text().contains("OAuth off"));
    }

    @Test
    void settingsAreSavedAndShownBack() {
        Created c = createApp("client_secret_basic");
        Map<String, String> changes = new HashMap<>(Map.of("name", "Taskr Pro", "access_token_format", "jwt",
                "access_token_lifetime", "seconds", "access_token_lifetime_seconds", "600",
                "id_token_signed_response_alg", "ES256", "token_endpoint_auth_method", "client_secret_post",
                "scope.openid", "on", "scope.task:read-write", "on", "grant.refresh_token", ""));
        var saved = saveSettings(c, changes);
        assertEquals(303, saved.status(), saved.text());
        App app = app(c.clientId());
        assertEquals("Taskr Pro", app.name());
        assertEquals(AccessTokenFormat.JWT, app.settings().accessTokenFormat());
        assertEquals(new Lifetime.Fixed(Duration.ofSeconds(600)), app.settings().accessTokenLifetime());
        assertEquals("ES256", app.settings().idTokenAlg());
        assertEquals(AuthMethod.CLIENT_SECRET_POST, app.authMethod());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE), app.grantTypes());
        assertEquals(Set.of("openid", "task:read-write"), Set.copyOf(app.scopes()));
        var page = c.browser().follow(saved);
        assertEquals("Settings saved.", page.doc().selectFirst("#settings [data-testid=notice]").text());
        assertEquals("600", page.doc().selectFirst("#lifetime-value").attr("value"));
        assertTrue(page.doc().selectFirst("#format-jwt").hasAttr("checked"));
        assertEquals(List.of("scope.openid", "scope.task:read-write"), page.doc().select("fieldset.scopes input[checked]").eachAttr("name"));
        assertEquals("See, create, change and delete tasks",
                page.doc().selectFirst("label[for=scope-task_read-write] .muted").text(), "scopes carry their descriptions");
        var neverJwt = saveSettings(c, Map.of("access_token_lifetime", "never"));
        assertEquals(400, neverJwt.status(), "a JWT access token must expire");
        var never = saveSettings(c, Map.of("access_token_lifetime", "never", "access_token_format", "opaque"));
        assertEquals(303, never.status());
        assertEquals(new Lifetime.Never(), app(c.clientId()).settings().accessTokenLifetime());
    }

    @Test
    void savingSettingsKeepsTheUserinfoAlgorithmThePageDoesNotShow() {
        Created c = createApp("client_secret_basic");
        server.portcullis().database().inTransaction(tx -> tx.update(
                "UPDATE apps SET userinfo_signed_response_alg = ? WHERE id = ?", "ES256", c.clientId()));
        var saved = saveSettings(c, Map.of("name", "Taskr Signed"));
        assertEquals(303, saved.status(), saved.text());
        assertEquals("Taskr Signed", app(c.clientId()).name());
        assertEquals(Optional.of("ES256"), app(c.clientId()).userinfoAlg(), "set by /manage or registration, kept by the form");
    }

    @Test
    void jwtAccessTokensAndResourceServerAreSetFromTheSettingsFormAndWork() {
        Created c = createApp("client_secret_basic");
        assertFalse(c.page().doc().selectFirst("#resource_server").hasAttr("checked"), "off unless asked");
        assertTrue(c.page().doc().selectFirst("#format-opaque").hasAttr("checked"));
        var saved = saveSettings(c, Map.of("access_token_format", "jwt", "resource_server", "on", "grant.client_credentials", "on"));
        assertEquals(303, saved.status(), saved.text());
        assertEquals(AccessTokenFormat.JWT, app(c.clientId()).settings().accessTokenFormat());
        assertTrue(app(c.clientId()).settings().resourceServer());
        var page = c.browser().follow(saved);
        assertTrue(page.doc().selectFirst("#resource_server").hasAttr("checked"));
        assertTrue(page.doc().selectFirst("#format-jwt").hasAttr("checked"));

        var token = oauth.token(basic(c.clientId(), c.secret()), params("grant_type", "client_credentials"));
        assertEquals(200, token.statusCode(), token.body());
        String jwt = OAuthClient.json(token).get("access_token").asText();
        assertEquals(3, jwt.split("\\.").length, "a JWT access token: " + jwt);
        var asResourceServer = oauth.post("/oauth2/introspect", "Bearer " + jwt, OAuthClient.form(params("token", jwt)));
        assertEquals(200, asResourceServer.statusCode(), asResourceServer.body());

        assertEquals(303, saveSettings(c, Map.of("resource_server", "")).status());
        assertFalse(app(c.clientId()).settings().resourceServer(), "unticked: no longer a resource server");
        server.portcullis().credentials().changed();
        assertEquals(401, oauth.post("/oauth2/introspect", "Bearer " + jwt, OAuthClient.form(params("token", jwt))).statusCode());
    }

    @Test
    void privateKeyJwtIsChosenWithKeysAndAPrivateKeyIsRefusedNextToTheField() throws Exception {
        Created c = createApp("client_secret_basic");
        var key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).keyID("dash").generate();
        var leaked = saveSettings(c, Map.of("token_endpoint_auth_method", "private_key_jwt",
                "jwks", new com.nimbusds.jose.jwk.JWKSet(key).toString(false)));
        assertEquals(400, leaked.status());
        assertTrue(leaked.doc().selectFirst("#jwks-error").text().contains("public keys only"));
        assertEquals(AuthMethod.CLIENT_SECRET_BASIC, app(c.clientId()).authMethod(), "nothing saved");
        var noKeys = saveSettings(c, Map.of("token_endpoint_auth_method", "private_key_jwt"));
        assertEquals("private_key_jwt needs the client's public keys: jwks or jwks_uri", noKeys.doc().selectFirst("#jwks-error").text());

        String publicSet = new com.nimbusds.jose.jwk.JWKSet(key).toPublicJWKSet().toString();
        var saved = saveSettings(c, Map.of("token_endpoint_auth_method", "private_key_jwt", "jwks", publicSet,
                "token_endpoint_auth_signing_alg", "ES256"));
        assertEquals(303, saved.status(), saved.text());
        App app = app(c.clientId());
        assertEquals(AuthMethod.PRIVATE_KEY_JWT, app.authMethod());
        assertEquals("ES256", app.clientKeys().signingAlg().orElseThrow());
        assertFalse(server.portcullis().apps().verifySecret(c.clientId(), c.secret()), "moving to keys retires the secret");
        var page = c.browser().follow(saved);
        assertTrue(page.doc().selectFirst("#token_endpoint_auth_method option[value=private_key_jwt]").hasAttr("selected"));
        assertTrue(page.doc().selectFirst("textarea#jwks").text().contains("\"kid\":\"dash\""));
        assertTrue(page.doc().selectFirst("#token_endpoint_auth_signing_alg option[value=ES256]").hasAttr("selected"));
        assertEquals(null, page.doc().selectFirst("form#rotate-secret"), "no secret to rotate");
    }

    @Test
    void refusedSettingsShowTheReasonNextToTheFieldAndKeepWhatWasEntered() {
        Created c = createApp("client_secret_basic");
        App before = app(c.clientId());
        var publicNever = saveSettings(c, Map.of("name", "Renamed", "token_endpoint_auth_method", "none",
                "access_token_lifetime", "never"));
        assertEquals(400, publicNever.status());
        assertEquals("Only confidential apps may have access tokens that never expire",
                publicNever.doc().selectFirst("#access_token_lifetime-error").text());
        assertEquals("Renamed", publicNever.doc().selectFirst("input#name").attr("value"));
        assertTrue(publicNever.doc().selectFirst("#lifetime-never").hasAttr("checked"));

        var badSeconds = saveSettings(c, Map.of("access_token_lifetime", "seconds", "access_token_lifetime_seconds", "5"));
        assertEquals("Lifetime must be between 60 seconds and one year", badSeconds.doc().selectFirst("#access_token_lifetime-error").text());
        var notNumber = saveSettings(c, Map.of("access_token_lifetime", "seconds", "access_token_lifetime_seconds", "soon"));
        assertEquals(400, notNumber.status());
        assertNotNull(notNumber.doc().selectFirst("#access_token_lifetime-error"));
        var httpLogo = saveSettings(c, Map.of("logo_url", "http://taskr.example/logo.png"));
        assertEquals("Logo URL must be an https URL", httpLogo.doc().selectFirst("#logo_url-error").text());
        var publicWorker = saveSettings(c, Map.of("token_endpoint_auth_method", "none", "grant.client_credentials", "on"));
        assertNotNull(publicWorker.doc().selectFirst("#grant_types-error"));
        var noName = saveSettings(c, Map.of("name", " "));
        assertEquals(400, noName.status());
        assertNotNull(noName.doc().selectFirst("#name-error"));
        assertEquals(before.settings(), app(c.clientId()).settings(), "nothing refused was saved");
    }

    @Test
    void anotherUsersAppIsNotFoundAndStaysUnchanged() {
        Created c = createApp("client_secret_basic");
        App before = app(c.clientId());
        Browser eve = developer();
        String csrf = eve.get("/dashboard").doc().selectFirst("form#create-app input[name=csrf]").attr("value");
        String base = "/dashboard/apps/" + c.clientId();
        List<Browser.Page> attempts = List.of(
                eve.get(base),
                eve.get(base + "/delete"),
                eve.get("/dashboard/apps/no-such-app"),
                eve.post(base + "/settings", Map.of("csrf", csrf, "name", "Pwned", "token_endpoint_auth_method", "client_secret_basic",
                        "access_token_format", "opaque", "access_token_lifetime", "default", "id_token_signed_response_alg", "RS256")),
                eve.post(base + "/redirect-uris", Map.of("csrf", csrf, "redirect_uri", "https://evil.example/cb")),
                eve.post(base + "/secrets", Map.of("csrf", csrf, "old", "revoke")),
                eve.post(base + "/delete", Map.of("csrf", csrf)));
        for (var attempt : attempts) {
            assertEquals(404, attempt.status(), attempt.text());
            assertTrue(attempt.text().contains("App not found"), attempt.text());
            assertEquals("text/html; charset=utf-8", attempt.header("Content-Type"));
        }
        assertEquals(before.settings(), app(c.clientId()).settings());
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));
        assertEquals(1, secrets(c.clientId()));
    }

    @Test
    void formsWithoutCsrfAreForbiddenAndChangeNothing() {
        Created c = createApp("client_secret_basic");
        App before = app(c.clientId());
        String base = "/dashboard/apps/" + c.clientId();
        List<Browser.Page> attempts = List.of(
                c.browser().post("/dashboard/apps", Map.of("name", "Sneaky", "token_endpoint_auth_method", "none")),
                c.browser().post(base + "/settings", Map.of("name", "Sneaky")),
                c.browser().post(base + "/redirect-uris", Map.of("redirect_uri", "https://evil.example/cb", "csrf", "x".repeat(43))),
                c.browser().post(base + "/redirect-uris/remove", Map.of("uri", "https://ok.example/cb")),
                c.browser().post(base + "/secrets", Map.of("old", "revoke")),
                c.browser().post(base + "/delete", Map.of()));
        for (var attempt : attempts) assertEquals(403, attempt.status(), attempt.text());
        assertEquals(before.settings(), app(c.clientId()).settings());
        assertEquals(1, secrets(c.clientId()));
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));
        assertEquals(1, c.browser().get("/dashboard").doc().select("tr[data-client-id]").size());
    }

    @Test
    void deleteAsksToConfirmThenRemovesTheApp() {
        Created c = createApp("client_secret_basic");
        var app = c.browser().get("/dashboard/apps/" + c.clientId());
        var confirm = c.browser().get(app.doc().selectFirst("a[href$=/delete]").attr("href"));
        assertEquals(200, confirm.status());
        assertTrue(app(c.clientId()) != null, "opening the confirm page deletes nothing");
        var deleted = c.browser().submit(confirm, "form#delete-app", Map.of());
        assertTrue(deleted.location().startsWith("/dashboard?flash="), deleted.location());
        assertEquals("Deleted Taskr.", c.browser().follow(deleted).doc().selectFirst("#apps [data-testid=notice]").text());
        assertTrue(server.portcullis().apps().find(c.clientId()).isEmpty());
        assertEquals(404, c.browser().get("/dashboard/apps/" + c.clientId()).status());
        assertEquals(401, clientCredentials(c.clientId(), c.secret()));
    }

    @Test
    void createWithoutANameShowsTheFormAgain() {
        Browser dev = developer();
        var page = dev.submit(dev.get("/dashboard"), "form#create-app",
                Map.of("name", "", "description", "kept", "token_endpoint_auth_method", "none"));
        assertEquals(400, page.status());
        assertNotNull(page.doc().selectFirst("#name-error"));
        assertEquals("kept", page.doc().selectFirst("textarea#app-description").text());
        assertTrue(page.doc().selectFirst("#app-type option[value=none]").hasAttr("selected"));
        assertEquals(0, dev.get("/dashboard").doc().select("tr[data-client-id]").size());
    }

    @Test
    void everyFieldHasALabelAndNoPageNeedsScript() {
        Created c = createApp("client_secret_basic");
        for (String path : List.of("/dashboard", "/dashboard/apps/" + c.clientId(), "/dashboard/apps/" + c.clientId() + "/delete")) {
            var page = c.browser().get(path);
            assertEquals(200, page.status(), path);
            for (var field : page.doc().select("main input:not([type=hidden]), main select, main textarea")) {
                assertFalse(field.id().isEmpty(), path + " " + field);
                assertNotNull(page.doc().selectFirst("label[for=" + field.id() + "]"), path + " has no label for " + field.id());
            }
            assertTrue(page.doc().select("script, [style], [onclick], [onsubmit]").isEmpty(), path);
            assertTrue(page.doc().select("[aria-invalid], [autofocus], .field-error").isEmpty(), path + " shows no error unasked");
        }
    }

    @Test
    void signedOutVisitorIsSentToLogIn() {
        var page = new Browser(server).get("/dashboard");
        assertEquals(303, page.status());
        assertEquals("/login?return_to=%2Fdashboard", page.location());
    }

    @Test
    void createThenReloadShowsTheSecretOnceAndCreatesNoSecondApp() {
        Created c = createApp("client_secret_basic");
        assertTrue(c.redirect().location().startsWith("/dashboard/apps/" + c.clientId() + "?flash="), c.redirect().location());
        assertTrue(c.redirect().location().endsWith("#overview"), "the page opens where the notice is");
        assertNotNull(c.secret());
        var reload = c.browser().get(c.redirect().location());
        assertEquals(200, reload.status());
        assertNull(reload.doc().selectFirst("[data-testid=client-secret]"));
        assertFalse(reload.response().body().contains(c.secret()), "a reload shows no secret");
        assertNull(reload.doc().selectFirst("[data-testid=notice]"), "nor the notice");
        assertEquals(1, c.browser().get("/dashboard").doc().select("tr[data-client-id]").size(), "and makes no second app");
        assertEquals(1, secrets(c.clientId()));
    }

    @Test
    void rotateRevokingNowThenReloadDoesNotRotateAgainAndTheHintIsTheTrueLastFour() {
        Created c = createApp("client_secret_basic");
        var posted = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#rotate-secret-revoke", Map.of());
        assertEquals(303, posted.status(), posted.text());
        assertTrue(posted.location().endsWith("#secrets"), posted.location());
        var shown = c.browser().get(posted.location());
        String fresh = shown.doc().selectFirst("#secrets [data-testid=client-secret]").text();
        assertEquals("New secret created; the old ones no longer work.", shown.doc().selectFirst("#secrets [data-testid=notice]").text());
        assertEquals(List.of("…" + fresh.substring(fresh.length() - 4)), shown.doc().select("table.secrets td:first-child").eachText(),
                "a rotated secret's hint is its true last four characters");

        var reload = c.browser().get(posted.location());
        assertFalse(reload.response().body().contains(fresh), "a reload shows no secret");
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), fresh), "and rotates nothing: the copied secret still works");
        assertEquals(1, reload.doc().select("table.secrets tbody tr").size());
        assertFalse(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));
    }

    @Test
    void aFlashIsReadOnlyByTheSessionThatMadeIt() {
        Created c = createApp("client_secret_basic");
        var posted = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#rotate-secret", Map.of());
        String location = posted.location();
        var anonymous = new Browser(server).get(location);
        assertEquals(303, anonymous.status(), "signed out: to the login page");
        assertFalse(anonymous.response().body().contains("pc_secret_"));

        Browser sameUserOtherSession = new Browser(server);
        String email = server.portcullis().core().identity().findUser(app(c.clientId()).ownerUserId().orElseThrow()).orElseThrow().email();
        assertEquals(303, sameUserOtherSession.logIn(email, PASSWORD).status());
        var elsewhere = sameUserOtherSession.get(location);
        assertEquals(200, elsewhere.status());
        assertNull(elsewhere.doc().selectFirst("[data-testid=client-secret]"), "another session of the same user sees no secret");
        assertNull(elsewhere.doc().selectFirst("[data-testid=notice]"));

        var owner = c.browser().get(location);
        String fresh = owner.doc().selectFirst("[data-testid=client-secret]").text();
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), fresh), "the others did not use it up");
        assertNull(c.browser().get(location).doc().selectFirst("[data-testid=client-secret]"), "read once");
    }

    @Test
    void theWaitingSecretIsSealedNeverStoredInClear() {
        Created c = createApp("client_secret_basic");
        var posted = c.browser().submit(c.browser().get("/dashboard/apps/" + c.clientId()), "form#rotate-secret", Map.of());
        String id = posted.location().replaceAll(".*flash=([^#&]+).*", "$1");
        List<String> rows = server.portcullis().database().read(tx -> tx.query(
                "SELECT id_hash, notice, secret_label, sealed_secret FROM page_flashes",
                r -> r.text("id_hash") + " " + r.text("notice") + " " + r.text("secret_label") + " " + r.text("sealed_secret")));
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().noneMatch(r -> r.contains(id)), "only the id's hash is stored");
        String fresh = c.browser().get(posted.location()).doc().selectFirst("[data-testid=client-secret]").text();
        assertTrue(rows.stream().noneMatch(r -> r.contains(fresh) || r.contains(fresh.substring(10, 40))), "the secret is sealed");
    }

    @Test
    void destructiveFormsWithoutTheirConfirmStepChangeNothing() {
        Created c = createApp("client_secret_basic");
        String base = "/dashboard/apps/" + c.clientId();
        assertEquals(303, c.browser().submit(c.browser().get(base), "form#add-redirect-uri",
                Map.of("redirect_uri", "https://ok.example/cb")).status());
        var page = c.browser().get(base);
        assertNotNull(page.doc().selectFirst("ul.redirect-uris details.confirm form input[name=confirm][value=yes]"));
        assertNotNull(page.doc().selectFirst("details.confirm form#rotate-secret-revoke input[name=confirm][value=yes]"));
        String csrf = page.doc().selectFirst("form#app-settings input[name=csrf]").attr("value");
        List<Browser.Page> attempts = List.of(
                c.browser().post(base + "/redirect-uris/remove", Map.of("csrf", csrf, "uri", "https://ok.example/cb")),
                c.browser().post(base + "/secrets", Map.of("csrf", csrf, "old", "revoke")),
                c.browser().post(base + "/delete", Map.of("csrf", csrf)),
                c.browser().post(base + "/delete", Map.of("csrf", csrf, "confirm", "no")));
        for (var attempt : attempts) {
            assertEquals(400, attempt.status(), attempt.text());
            assertTrue(attempt.text().contains("nothing was changed"), attempt.text());
        }
        assertEquals(Set.of("https://ok.example/cb"), uris(c.clientId()));
        assertEquals(1, secrets(c.clientId()));
        assertTrue(server.portcullis().apps().verifySecret(c.clientId(), c.secret()));
    }

    @Test
    void theCopyButtonScriptIsServedFromAssetsAndAllowedByTheCsp() {
        Created c = createApp("client_secret_basic");
        var button = c.page().doc().selectFirst("#overview button.copy[data-copy=one-time-secret]");
        assertNotNull(button);
        assertTrue(button.hasAttr("hidden"), "shown by the script only, so without script nothing is broken");
        assertEquals("one-time-secret", c.page().doc().selectFirst("[data-testid=client-secret]").id());
        assertTrue(c.page().doc().select("script:not([src])").isEmpty(), "no inline script");
        assertTrue(c.page().header("Content-Security-Policy").contains("script-src 'self'"), c.page().header("Content-Security-Policy"));
        var script = server.get("/assets/copy.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(script.body().contains("navigator.clipboard"));
    }

    @Test
    void emptyStatesSayWhatToDoNext() {
        Browser dev = developer();
        var empty = dev.get("/dashboard");
        assertEquals("No apps yet. Create your first app to let people connect it to their workspaces with OAuth.",
                empty.doc().selectFirst("[data-testid=empty-apps]").text());
        assertEquals("#create", empty.doc().selectFirst("[data-testid=empty-apps] a").attr("href"));
        assertNotNull(empty.doc().selectFirst("section#create form#create-app"));
        Created c = createApp("client_secret_basic");
        var app = c.browser().get("/dashboard/apps/" + c.clientId());
        assertEquals(List.of("#settings", "#redirect-uris", "#secrets", "#delete"),
                app.doc().select("nav.local-nav a").eachAttr("href"), "a long page has a local nav to its sections");
        for (String id : List.of("settings", "redirect-uris", "secrets", "delete")) assertNotNull(app.doc().getElementById(id), id);
        assertTrue(app.doc().selectFirst("#redirect-uris .empty-state").text().startsWith("No redirect URIs yet. Add one below"));
    }

    private static Set<String> uris(String clientId) {
        return app(clientId).redirectUris().stream().map(RedirectUri::value).collect(java.util.stream.Collectors.toSet());
    }

    private static long secrets(String clientId) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM client_secrets WHERE app_id = ?", clientId));
    }
}
