package dev.portcullis.externallogin;

import static dev.portcullis.externallogin.ExternalLoginStage.body;
import static dev.portcullis.externallogin.ExternalLoginStage.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.web.Browser;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The external login's security properties over real HTTP, on both databases: each refusal asserts status, body and side effect. */
class ExternalLoginHttpTest {

    @ParameterizedTest
    @EnumSource(Db.class)
    void authorizeWithoutSessionThenSaasLoginThenCompleteThenConsentNamesTheSaasUser(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            String id = stage.startLogin(browser);
            assertTrue(browser.cookie("portcullis_authz").isPresent(), "the browser is bound by a cookie at /authorize");

            String link = stage.completed(body(id, "saas-user-1", "ada@saas.example"));
            Browser.Page back = browser.get(link);

            assertEquals(303, back.status(), back.text());
            assertTrue(back.location().startsWith("/authorize/continue?handle=pc_req_"), back.location());
            assertTrue(browser.cookie("portcullis_session").isPresent(), "logged in");
            Browser.Page next = browser.get(back.location());
            assertEquals(302, next.status(), "no workspace yet: the flow refuses, as for any user without one");
            assertTrue(next.location().startsWith(ExternalLoginStage.CALLBACK + "?error=access_denied"), next.location());
            var user = stage.server.portcullis().core().identity().findByEmail("ada@saas.example").orElseThrow();
            assertEquals("Ada Lovelace", user.name());
            assertTrue(user.emailVerified());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWithWorkspacesThenPickerAndConsentShowTheSaasUserAndWorkspaces(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            String id = stage.startLogin(browser);
            String link = stage.completed("{\"external_auth_id\": \"" + id + "\", \"user\": {\"id\": \"u-7\", \"email\": \"grace@saas.example\","
                    + " \"first_name\": \"Grace\", \"last_name\": \"Hopper\", \"email_verified\": true, \"metadata\": {\"plan\": \"pro\"}},"
                    + " \"workspaces\": [{\"id\": \"org-1\", \"name\": \"Navy\", \"slug\": \"navy\", \"role\": \"admin\"},"
                    + " {\"id\": \"org-2\", \"name\": \"Harvard\", \"role\": \"member\"}]}");

            Browser.Page picker = browser.get(browser.get(link).location());

            assertEquals(200, picker.status(), picker.text());
            assertTrue(picker.doc().selectFirst("form#workspace-picker") != null, picker.text());
            assertEquals("Grace Hopper · grace@saas.example", picker.doc().selectFirst("[data-testid=signed-in-as]").text());
            assertTrue(picker.text().contains("Navy") && picker.text().contains("Harvard"), picker.text());
            Browser.Page consent = browser.submit(picker, "form#workspace-picker",
                    java.util.Map.of("workspace", picker.doc().select("input[name=workspace]").first().attr("value")));
            assertEquals(200, consent.status(), consent.text());
            assertEquals("Grace Hopper · grace@saas.example", consent.doc().selectFirst("[data-testid=signed-in-as]").text());
            Browser.Page account = browser.get("/account");
            assertTrue(account.text().contains("Grace Hopper") && account.text().contains("grace@saas.example"), account.text());
            assertEquals("navy", stage.server.portcullis().core().identity().findWorkspaceBySlug("navy").orElseThrow().slug());

            // The audit log: the SaaS's backend (its operator token) made the workspaces and memberships; the person logged in.
            var core = stage.server.portcullis().core();
            String graceId = core.identity().findByEmail("grace@saas.example").orElseThrow().id();
            String navy = core.identity().findWorkspaceBySlug("navy").orElseThrow().id();
            var login = dev.portcullis.support.Recorded.one(core, dev.portcullis.events.EventType.LOGIN_SUCCEEDED);
            assertEquals(java.util.Optional.of(graceId), login.actor().id());
            assertEquals(java.util.Map.of("method", "external"), login.data());
            assertEquals(java.util.Optional.of("127.0.0.1"), login.actor().address());
            var navyCreated = dev.portcullis.support.Recorded.of(core, dev.portcullis.events.EventType.WORKSPACE_CREATED).stream()
                    .filter(e -> e.workspaceId().equals(java.util.Optional.of(navy))).findFirst().orElseThrow();
            assertEquals(dev.portcullis.events.Actor.Kind.OPERATOR, navyCreated.actor().kind());
            var added = dev.portcullis.support.Recorded.of(core, dev.portcullis.events.EventType.MEMBER_ADDED).stream()
                    .filter(e -> dev.portcullis.support.Recorded.target(e).equals("user:" + graceId)).toList();
            assertEquals(2, added.size(), added.toString());
            assertTrue(added.stream().allMatch(e -> e.actor().kind() == dev.portcullis.events.Actor.Kind.OPERATOR), added.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWhenIdUnknownOrMalformedThen400AndNothingWritten(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            long users = stage.count("users");
            String forged = Token.mint(TokenKind.EXTERNAL_AUTH, new SecureRandom()).value();
            for (String id : new String[] {forged, "ext_auth_01J3X4Y5Z6A7B8C9D0E1F2G3H4", forged + "x"}) {
                HttpResponse<String> res = stage.complete(body(id, "u-1", "eve@saas.example"));
                assertEquals(400, res.statusCode(), res.body());
                JsonNode error = json(res);
                assertEquals("validation_type", error.get("code").asText());
                assertTrue(error.get("message").asText().contains("external_auth_id is unknown"), res.body());
            }
            assertEquals(users, stage.count("users"));
            assertEquals(0, stage.count("external_users"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWhenIdReusedThen400AndTheFirstLoginStands(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            String id = stage.startLogin(new Browser(stage.server));
            stage.completed(body(id, "u-1", "ada@saas.example"));

            HttpResponse<String> again = stage.complete(body(id, "u-2", "mallory@saas.example"));

            assertEquals(400, again.statusCode(), again.body());
            assertTrue(json(again).get("message").asText().contains("external_auth_id was already used"), again.body());
            assertTrue(stage.server.portcullis().core().identity().findByEmail("mallory@saas.example").isEmpty());
            assertEquals(1, stage.count("external_users"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWhenIdExpiredThen400AndNoUser(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            String id = stage.startLogin(new Browser(stage.server));
            stage.clock.advance(ExternalAuthentications.ID_LIFETIME.plusSeconds(1));

            HttpResponse<String> res = stage.complete(body(id, "u-1", "ada@saas.example"));

            assertEquals(400, res.statusCode(), res.body());
            assertTrue(json(res).get("message").asText().contains("external_auth_id has expired"), res.body());
            assertTrue(stage.server.portcullis().core().identity().findByEmail("ada@saas.example").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWithoutOperatorTokenThen401AndIdStillUsable(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            String id = stage.startLogin(new Browser(stage.server));
            String apiKeyLike = Token.mint(TokenKind.API_KEY, new SecureRandom()).value();
            for (String authorization : new String[] {null, "Bearer " + apiKeyLike, "Basic " + stage.operatorToken}) {
                HttpResponse<String> res = stage.call("POST", "/manage/v1/external-auth/complete", authorization,
                        body(id, "u-1", "ada@saas.example"));
                assertEquals(401, res.statusCode(), res.body());
                assertEquals("invalid_token", json(res).get("code").asText());
            }
            assertEquals(0, stage.count("external_users"));
            stage.completed(body(id, "u-1", "ada@saas.example"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void completeWhenEmailBelongsToAnotherUserThen409AndNothingChanges(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            String id = stage.startLogin(new Browser(stage.server));
            long users = stage.count("users");

            HttpResponse<String> res = stage.complete("{\"external_auth_id\": \"" + id + "\", \"user\": {\"id\": \"u-9\","
                    + " \"email\": \"DANA@apps.example\"}, \"workspaces\": [{\"id\": \"org-9\", \"name\": \"Nine\", \"role\": \"admin\"}]}");

            assertEquals(409, res.statusCode(), res.body());
            JsonNode error = json(res);
            assertEquals(409, error.get("status_code").asInt());
            assertEquals("conflict", error.get("code").asText());
            assertEquals("invalid_request_error", error.get("type").asText());
            assertEquals(users, stage.count("users"));
            assertEquals(0, stage.count("external_users") + stage.count("external_workspaces"));
            assertTrue(stage.server.portcullis().core().identity().findWorkspaceBySlug("nine").isEmpty());
            // Nothing was used up either: the SaaS may fix the email and try again.
            stage.completed(body(id, "u-9", "nine@saas.example"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void linkBackOpenedInAnotherBrowserThenRefusedAndNoSession(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser victim = new Browser(stage.server);
            Browser attacker = new Browser(stage.server);
            String link = stage.completed(body(stage.startLogin(attacker), "mallory", "mallory@saas.example"));
            victim.get(stage.authorizePath(""));  // the victim's browser has a binding of its own

            for (Browser other : new Browser[] {victim, new Browser(stage.server)}) {
                Browser.Page refused = other.get(link);
                assertEquals(400, refused.status(), refused.text());
                assertTrue(refused.text().contains("opened in another browser"), refused.text());
                assertTrue(other.cookie("portcullis_session").isEmpty(), "no session in another browser (login CSRF)");
            }
            assertEquals(0, stage.count("login_sessions"));
            assertEquals(303, attacker.get(link).status(), "the browser that started the login still may");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void linkBackReusedOrExpiredThenRefusedAndNoNewSession(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            String link = stage.completed(body(stage.startLogin(browser), "u-1", "ada@saas.example"));
            assertEquals(303, browser.get(link).status());

            Browser.Page reused = browser.get(link);

            assertEquals(400, reused.status(), reused.text());
            assertTrue(reused.text().contains("was already used"), reused.text());
            assertEquals(1, stage.count("login_sessions"));

            Browser late = new Browser(stage.server);
            String slow = stage.completed(body(stage.startLogin(late), "u-2", "bob@saas.example"));
            stage.clock.advance(ExternalAuthentications.LINK_LIFETIME.plusSeconds(1));
            assertEquals(400, late.get(slow).status());
            assertTrue(late.cookie("portcullis_session").isEmpty());
            assertEquals(400, browser.get("/login/external?code=pc_extlogin_forged").status());
            assertEquals(1, stage.count("login_sessions"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void secondCompleteUpdatesTheSameUserAndWorkspaceSoApiKeysKeepWorking(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            stage.completed("{\"external_auth_id\": \"" + stage.startLogin(new Browser(stage.server)) + "\", \"user\": {\"id\": \"u-1\","
                    + " \"email\": \"ada@saas.example\"}, \"workspaces\": [{\"id\": \"org-1\", \"name\": \"Engines\", \"role\": \"admin\"},"
                    + " {\"id\": \"org-2\", \"name\": \"Looms\", \"role\": \"admin\"}]}");
            var identity = stage.server.portcullis().core().identity();
            var ada = identity.findByEmail("ada@saas.example").orElseThrow();
            var engines = identity.findWorkspaceBySlug("engines").orElseThrow();
            var key = stage.server.portcullis().core().apiKeys().create(dev.portcullis.apikeys.Actor.operator(), engines.id(),
                    new dev.portcullis.apikeys.ApiKeyService.Draft("ci", java.util.List.of("task:read"), java.util.Optional.empty()));

            stage.completed("{\"external_auth_id\": \"" + stage.startLogin(new Browser(stage.server)) + "\", \"user\": {\"id\": \"u-1\","
                    + " \"email\": \"ada.king@saas.example\", \"first_name\": \"Ada\", \"last_name\": \"King\"},"
                    + " \"workspaces\": [{\"id\": \"org-1\", \"name\": \"Analytical Engines\", \"role\": \"member\"}],"
                    + " \"replace_memberships\": true}");

            var after = identity.findUser(ada.id()).orElseThrow();
            assertEquals("ada.king@saas.example", after.email());
            assertEquals("Ada King", after.name());
            var mine = identity.workspacesOf(ada.id());
            assertEquals(1, mine.size(), "replace_memberships drops Looms");
            assertEquals(engines.id(), mine.getFirst().workspace().id());
            assertEquals("Analytical Engines", mine.getFirst().workspace().name());
            assertEquals(dev.portcullis.identity.Role.MEMBER, mine.getFirst().role());
            HttpResponse<String> self = stage.call("GET", "/v2/self", "Bearer " + key.secret(), null);
            assertEquals(200, self.statusCode(), self.body());
            assertTrue(json(self).get("active").asBoolean(), self.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void workosShapeAtAuthkitCompleteThenSameLogin(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            String id = stage.startLogin(browser);
            HttpResponse<String> res = stage.call("POST", "/authkit/oauth2/complete", "Bearer " + stage.operatorToken,
                    "{\"external_auth_id\": \"" + id + "\", \"user\": {\"id\": \"user_12345\", \"email\": \"leroy.jenkins@example.com\","
                            + " \"first_name\": \"Leroy\", \"last_name\": \"Jenkins\", \"metadata\": {\"department\": \"Engineering\"}},"
                            + " \"user_consent_options\": [{\"claim\": \"tos\", \"type\": \"enum\", \"label\": \"Terms\","
                            + " \"choices\": [{\"value\": \"accepted\", \"label\": \"I accept\"}]}]}");
            assertEquals(200, res.statusCode(), res.body());
            String link = json(res).get("redirect_uri").asText();
            assertEquals(303, browser.get(link.substring(link.indexOf("/login/external"))).status());
            var user = stage.server.portcullis().core().identity().findByEmail("leroy.jenkins@example.com").orElseThrow();
            assertEquals("Leroy Jenkins", user.name());
            assertFalse(user.emailVerified(), "WorkOS's shape says nothing of verification");

            HttpResponse<String> unknownField = stage.call("POST", "/authkit/oauth2/complete", "Bearer " + stage.operatorToken,
                    "{\"external_auth_id\": \"" + stage.startLogin(new Browser(stage.server)) + "\", \"user\": {\"id\": \"u\", \"email\": \"x@example.com\","
                            + " \"role\": \"admin\"}}");
            assertEquals(400, unknownField.statusCode(), unknownField.body());
            assertEquals("user.role", json(unknownField).get("field").asText(), unknownField.body());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void promptLoginWithSessionThenSentToTheSaasLoginAgain(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            browser.get(stage.completed(body(stage.startLogin(browser), "u-1", "ada@saas.example")));
            assertTrue(browser.cookie("portcullis_session").isPresent());

            ExternalLoginStage.externalAuthId(browser.get(stage.authorizePath("&prompt=login")));
            stage.clock.advance(Duration.ofSeconds(30));
            ExternalLoginStage.externalAuthId(browser.get(stage.authorizePath("&max_age=10")));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void passwordLoginOffThenLoginAndSignupGoToTheSaasAndTheirFormsAreRefused(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            Browser browser = new Browser(stage.server);
            assertEquals(200, browser.get("/login").status(), "the password login stays on until turned off");
            HttpResponse<String> off = stage.manage("PUT", "/settings/external-login", "{\"password_login\": false}");
            assertEquals(200, off.statusCode(), off.body());
            assertFalse(json(off).get("password_login").asBoolean());

            String id = ExternalLoginStage.externalAuthId(browser.get("/login"));
            ExternalLoginStage.externalAuthId(browser.get("/signup"));
            Browser.Page refused = browser.post("/login", java.util.Map.of("email", "dana@apps.example", "password", "correct horse battery"));
            assertEquals(403, refused.status(), refused.text());
            assertEquals(403, browser.post("/signup", java.util.Map.of("name", "E", "email", "e@x.example", "password", "correct horse battery"))
                    .status());
            assertTrue(browser.cookie("portcullis_session").isEmpty());

            Browser.Page back = browser.get(stage.completed(body(id, "u-1", "ada@saas.example")));
            assertEquals("/account", back.location(), "a login without a pending request lands on the account page");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void passwordLoginOffWithoutExternalLoginButWithAnUpstreamProviderThenLoginShowsOnlyItsButton(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            String off = "{\"external_login_uri\": \"\", \"password_login\": false}";
            HttpResponse<String> lockout = stage.manage("PUT", "/settings/external-login", off);
            assertEquals(400, lockout.statusCode(), "no provider yet: nobody could log in");
            assertEquals("password_login", json(lockout).get("field").asText(), lockout.body());
            HttpResponse<String> provider = stage.manage("POST", "/upstream-providers", """
                    {"id": "acme", "name": "Acme SSO", "issuer": "https://sso.acme.example", "client_id": "portcullis",
                     "client_secret": "s3cret-value"}""");
            assertEquals(201, provider.statusCode(), provider.body());
            HttpResponse<String> accepted = stage.manage("PUT", "/settings/external-login", off);
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertTrue(json(accepted).get("external_login_uri").isNull(), accepted.body());

            Browser browser = new Browser(stage.server);
            Browser.Page toLogin = browser.get(stage.authorizePath(""));
            assertTrue(toLogin.location().startsWith("/login?return_to="), "the login step lands on the login page: " + toLogin.location());
            Browser.Page login = browser.get(toLogin.location());
            assertEquals(200, login.status(), login.text());
            assertTrue(login.doc().select("form#login, input[name=password]").isEmpty(), "no password form: " + login.text());
            assertTrue(login.doc().select("a[href^=/signup]").isEmpty(), "no sign-up link: " + login.text());
            var button = login.doc().selectFirst("[data-testid=upstream-providers] a");
            assertEquals("Sign in with Acme SSO", button.text());
            assertTrue(button.attr("href").startsWith("/login/upstream/acme?return_to=%2Fauthorize%2Fcontinue"), button.attr("href"));

            Browser.Page refused = browser.post("/login", java.util.Map.of("email", "dana@apps.example", "password", "correct horse battery"));
            assertEquals(403, refused.status(), refused.text());
            assertTrue(refused.text().contains("Password login is turned off"), refused.text());
            assertTrue(browser.cookie("portcullis_session").isEmpty(), "the right password still logs nobody in");
            long users = stage.count("users");
            assertEquals(403, browser.post("/signup", java.util.Map.of("name", "E", "email", "e@x.example", "password", "correct horse battery"))
                    .status());
            assertEquals(users, stage.count("users"), "no account made");
            Browser.Page signup = browser.get("/signup?return_to=%2Faccount");
            assertEquals(303, signup.status(), signup.text());
            assertEquals("/login?return_to=%2Faccount", signup.location());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void settingsReadWriteResetAndRefuseBadValues(Db db) {
        try (var stage = ExternalLoginStage.start(db)) {
            JsonNode now = json(stage.manage("GET", "/settings/external-login", null));
            assertEquals(ExternalLoginStage.SAAS_LOGIN, now.get("external_login_uri").asText());
            assertTrue(now.get("defaults").get("external_login_uri").isNull());

            HttpResponse<String> bad = stage.manage("PUT", "/settings/external-login", "{\"external_login_uri\": \"javascript:alert(1)\"}");
            assertEquals(400, bad.statusCode());
            assertEquals("external_login_uri", json(bad).get("field").asText());
            HttpResponse<String> lockout = stage.manage("PUT", "/settings/external-login",
                    "{\"external_login_uri\": \"\", \"password_login\": false}");
            assertEquals(400, lockout.statusCode(), lockout.body());
            assertEquals(ExternalLoginStage.SAAS_LOGIN, json(stage.manage("GET", "/settings/external-login", null))
                    .get("external_login_uri").asText(), "a refused change changes nothing");
            assertEquals(401, stage.call("GET", "/manage/v1/settings/external-login", null, null).statusCode());

            JsonNode reset = json(stage.manage("DELETE", "/settings/external-login", null));
            assertTrue(reset.get("external_login_uri").isNull());
            Browser.Page login = new Browser(stage.server).get(stage.authorizePath(""));
            assertTrue(login.location().startsWith("/login?return_to="), "back to Portcullis's own login page: " + login.location());
        }
    }
}
