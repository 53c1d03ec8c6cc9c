package dev.portcullis.events;

import static dev.portcullis.events.OAuthEventFixtures.about;
import static dev.portcullis.events.OAuthEventFixtures.assertActor;
import static dev.portcullis.events.OAuthEventFixtures.assertNoEventContains;
import static dev.portcullis.events.OAuthEventFixtures.assertTarget;
import static dev.portcullis.events.OAuthEventFixtures.by;
import static dev.portcullis.events.OAuthEventFixtures.theOne;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.apps.AppSettings;
import dev.portcullis.identity.Role;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
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

/**
 * Consent and connections over real HTTP: consent.granted when a person approves on the consent
 * screen (not when a remembered consent answers), token.issued for the implicit flow's access
 * token, connection.revoked by the user or by a workspace admin on /account.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ConsentEventsHttpTest {
    static final String CALLBACK = "https://client.example/cb";
    static final String PASSWORD = "correct horse battery";
    static final AtomicInteger PEOPLE = new AtomicInteger();
    static TestServer server;

    @Parameter
    Db db;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    record Person(Browser browser, String userId, String workspaceId, String email) {}

    static Person person() {
        int n = PEOPLE.incrementAndGet();
        String email = "consenter" + n + "@example.com";
        Browser browser = new Browser(server);
        browser.signUp("Person " + n, email, PASSWORD);
        var user = server.portcullis().core().identity().findByEmail(email).orElseThrow();
        String workspace = server.portcullis().core().identity().workspacesOf(user.id()).getFirst().workspace().id();
        return new Person(browser, user.id(), workspace, email);
    }

    static String app(Set<GrantType> grants) {
        var s = AppSettings.defaults("Consent app", AuthMethod.NONE).withRedirectUris(List.of(new RedirectUri(CALLBACK)))
                .withScopes(List.of("openid", "profile", "task:read"));
        var settings = new AppSettings(s.name(), s.description(), s.logoUrl(), true, s.authMethod(), grants, s.scopes(),
                s.redirectUris(), s.accessTokenFormat(), s.accessTokenLifetime(), s.idTokenAlg(), false);
        return server.portcullis().apps().create(Actor.system(), Optional.empty(), settings).app().clientId();
    }

    static String request(String clientId, String responseType) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", responseType);
        params.put("client_id", clientId);
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid task:read");
        params.put("state", "xyz");
        params.put("nonce", "n-0S6_WzA2Mj");
        if (responseType.equals("code")) {
            params.put("code_challenge_method", "S256");
            params.put("code_challenge", dev.portcullis.oauth.Pkce.s256("v".repeat(43)));
        }
        return "/authorize?" + OAuthClient.form(params);
    }

    static Browser.Page approve(Browser browser, String path) {
        Browser.Page consent = browser.get(path);
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(303, answer.status(), answer.text());
        return answer;
    }

    static Map<String, String> fragment(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawFragment().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void approvingOnTheConsentScreenRecordsConsentGrantedButARememberedConsentDoesNot() {
        Person ada = person();
        String clientId = app(Set.of(GrantType.AUTHORIZATION_CODE));
        approve(ada.browser(), request(clientId, "code"));

        List<Event> granted = by(server.portcullis(), EventType.CONSENT_GRANTED, ada.userId());
        assertEquals(1, granted.size(), granted.toString());
        Event e = granted.getFirst();
        assertActor(e, Actor.Kind.USER, ada.userId());
        assertEquals(Optional.of("127.0.0.1"), e.actor().address());
        assertEquals(Optional.of(ada.workspaceId()), e.workspaceId());
        assertEquals("connection", e.target().orElseThrow().kind());
        assertEquals(clientId, e.data().get("client_id"));
        assertEquals(List.of("openid", "task:read"), e.data().get("scopes"));

        Browser.Page silent = ada.browser().get(request(clientId, "code"));
        assertEquals(303, silent.status(), "the remembered consent answers at once");
        assertEquals(1, by(server.portcullis(), EventType.CONSENT_GRANTED, ada.userId()).size());
    }

    @Test
    void theImplicitFlowsAccessTokenIsRecordedAsTokenIssuedByTheClientInTheWorkspace() {
        Person ada = person();
        String clientId = app(Set.of(GrantType.IMPLICIT));
        Map<String, String> answer = fragment(approve(ada.browser(), request(clientId, "id_token token")).location());
        String accessToken = answer.get("access_token");

        Event e = by(server.portcullis(), EventType.TOKEN_ISSUED, clientId).getFirst();
        assertActor(e, Actor.Kind.CLIENT, clientId);
        assertEquals(Optional.of(ada.workspaceId()), e.workspaceId());
        assertEquals("implicit", e.data().get("grant_type"));
        assertEquals(List.of("openid", "task:read"), e.data().get("scopes"));
        assertTarget(e, "grant", (String) e.data().get("grant_id"));
        assertNoEventContains(server.portcullis(), accessToken, answer.get("id_token"));
    }

    @Test
    void disconnectingOnTheAccountPageRecordsConnectionRevokedByTheUser() {
        Person ada = person();
        String clientId = app(Set.of(GrantType.AUTHORIZATION_CODE));
        approve(ada.browser(), request(clientId, "code"));
        String connectionId = by(server.portcullis(), EventType.CONSENT_GRANTED, ada.userId()).getFirst().target().orElseThrow().id();

        Browser.Page account = ada.browser().get("/account");
        Browser.Page done = ada.browser().submit(account, "form[action=/account/connections/" + connectionId + "/revoke]", Map.of());
        assertEquals(303, done.status(), done.text());
        Event e = theOne(server.portcullis(), EventType.CONNECTION_REVOKED, connectionId);
        assertActor(e, Actor.Kind.USER, ada.userId());
        assertEquals(Optional.of(ada.workspaceId()), e.workspaceId());
        assertEquals("user", e.data().get("by"));
        assertEquals(clientId, e.data().get("client_id"));
    }

    @Test
    void anAdminDisconnectingAMembersAppRecordsByAdminAndAStrangerRecordsNothing() {
        Person ada = person();
        Person bob = person();
        Person eve = person();
        var core = server.portcullis().core();
        core.identity().addMember(ada.userId(), ada.workspaceId(), bob.email(), Role.MEMBER);
        String clientId = app(Set.of(GrantType.AUTHORIZATION_CODE));
        var access = core.identity().access(bob.userId(), ada.workspaceId()).orElseThrow();
        String connectionId = core.database().inTransaction(tx ->
                core.connections().approve(tx, bob.userId(), clientId, access, List.of("task:read"))).id();

        Browser.Page refused = eve.browser().post("/account/connections/" + connectionId + "/revoke",
                Map.of("csrf", eve.browser().get("/account").doc().selectFirst("input[name=csrf]").attr("value"), "confirm", "yes"));
        assertEquals(404, refused.status(), refused.text());
        assertEquals(List.of(), about(server.portcullis(), EventType.CONNECTION_REVOKED, connectionId));

        Browser.Page account = ada.browser().get("/account");
        Browser.Page done = ada.browser().submit(account, "form[action=/account/connections/" + connectionId + "/revoke]", Map.of());
        assertEquals(303, done.status(), done.text());
        Event e = theOne(server.portcullis(), EventType.CONNECTION_REVOKED, connectionId);
        assertActor(e, Actor.Kind.USER, ada.userId());
        assertEquals("admin", e.data().get("by"));
        assertEquals(bob.userId(), e.data().get("user_id"));
        assertEquals(Optional.of(ada.workspaceId()), e.workspaceId());
    }
}
