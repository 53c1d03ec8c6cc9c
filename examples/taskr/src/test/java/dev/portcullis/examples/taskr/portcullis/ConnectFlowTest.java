package dev.portcullis.examples.taskr.portcullis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.portcullis.examples.taskr.support.ConnectedStage.CALLBACK;
import static dev.portcullis.examples.taskr.support.ConnectedStage.enc;
import static dev.portcullis.examples.taskr.support.ConnectedStage.query;

import dev.portcullis.examples.taskr.support.Browser;
import dev.portcullis.examples.taskr.support.ConnectedStage;
import dev.portcullis.examples.taskr.support.PortcullisStandIn;
import dev.portcullis.examples.taskr.support.TaskrServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connect, callback and the first exchange, against a stand-in authorization server. */
class ConnectFlowTest {
    private ConnectedStage stage;
    private PortcullisStandIn portcullis;
    private TaskrServer taskr;
    private Browser browser;

    @BeforeEach
    void start() {
        stage = new ConnectedStage();
        portcullis = stage.portcullis;
        taskr = stage.taskr;
        browser = stage.browser;
    }

    @AfterEach
    void stop() {
        stage.close();
    }

    @Test
    void connectRedirectsToAuthorizeWithStateS256ChallengeAndRedirectUri() {
        URI authorize = browser.connect();
        assertEquals(portcullis.url() + "/oauth2/authorize", authorize.getScheme() + "://" + authorize.getRawAuthority() + authorize.getRawPath());
        Map<String, String> q = query(authorize);
        assertEquals("code", q.get("response_type"));
        assertEquals(TaskrServer.CLIENT_ID, q.get("client_id"));
        assertEquals("http://localhost:3050/integrations/portcullis/callback", q.get("redirect_uri"));
        assertEquals("openid profile email offline_access task:read object_configuration:read record_permission:read user_management:read", q.get("scope"));
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length(), "base64url of SHA-256");
        assertTrue(q.get("state").length() >= 43, "at least 256 bits of state");
        assertFalse(authorize.getRawQuery().contains("+"), "spaces are %20 in the query");

        URI again = browser.connect();
        assertFalse(query(again).get("state").equals(q.get("state")), "a fresh state per attempt");
    }

    @Test
    void connectWithoutCsrfTokenThen403AndNoRedirect() {
        var page = browser.post("/integrations/portcullis/connect", Map.of("csrf", "forged"));
        assertEquals(403, page.status());
    }

    @Test
    void callbackWithForgedStateThen403AndNothingStored() throws Exception {
        Map<String, String> q = query(browser.connect());
        String code = portcullis.issueCode(q.get("code_challenge"));

        var page = browser.get(CALLBACK + "?code=" + code + "&state=forged-" + q.get("state"));
        assertEquals(403, page.status());
        assertTrue(page.body().contains("state mismatch"));
        assertEquals(0, stage.rows("connections"));
        assertTrue(portcullis.issuedTokens.isEmpty(), "the code was never redeemed");

        // The state is single-use: after a mismatch the genuine response is refused too.
        assertEquals(403, browser.get(CALLBACK + "?code=" + code + "&state=" + q.get("state")).status());
        assertEquals(0, stage.rows("connections"));
    }

    @Test
    void callbackWithoutStateOrFromAnotherBrowserThen403() throws Exception {
        Map<String, String> q = query(browser.connect());
        String code = portcullis.issueCode(q.get("code_challenge"));
        assertEquals(403, browser.get(CALLBACK + "?code=" + code).status());

        Browser attacker = stage.signedUp("Mallory");
        assertEquals(403, attacker.get(CALLBACK + "?code=" + code + "&state=" + q.get("state")).status());
        assertEquals(403, taskr.browser().get(CALLBACK + "?code=" + code + "&state=" + q.get("state")).status());
        assertEquals(0, stage.rows("connections"));
    }

    @Test
    void callbackWithAccessDeniedThenFriendlyMessageAndStillDisconnected() {
        Map<String, String> q = query(browser.connect());
        var callback = browser.get(CALLBACK + "?error=access_denied&error_description=" + enc("The user denied access")
                + "&state=" + q.get("state") + "&iss=" + enc(portcullis.url().toString()));
        assertEquals(303, callback.status());
        assertEquals("/", callback.location());

        var home = browser.get("/");
        assertTrue(home.body().contains("<p id=\"message\" role=\"status\">You declined to connect Portcullis.</p>"), home.body());
        assertTrue(home.body().contains("Portcullis: disconnected"));
        assertFalse(browser.get("/").body().contains("id=\"message\""), "the message shows once");
    }

    @Test
    void callbackFromAnotherIssuerThen403AndNothingStored() throws Exception {
        Map<String, String> q = query(browser.connect());
        String code = portcullis.issueCode(q.get("code_challenge"));
        var page = browser.get(CALLBACK + "?code=" + code + "&state=" + q.get("state") + "&iss=" + enc("https://evil.example"));
        assertEquals(403, page.status());
        assertEquals(0, stage.rows("connections"));
    }

    @Test
    void callbackExchangesCodeWithVerifierAndStoresTokensOnlyEncrypted() throws Exception {
        stage.connect();
        assertEquals(2, portcullis.issuedTokens.size(), "the stand-in checked client auth, redirect_uri and the PKCE verifier");
        var home = browser.get("/");
        assertTrue(home.body().contains("Connected to Portcullis."));
        assertTrue(home.body().contains("Portcullis: connected"));

        String access = portcullis.issuedTokens.get(0);
        String refresh = portcullis.issuedTokens.get(1);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + taskr.databaseFile());
             ResultSet rs = c.createStatement().executeQuery("SELECT access_token_sealed, refresh_token_sealed FROM connections")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("v1.") && rs.getString(2).startsWith("v1."));
            assertFalse(rs.getString(1).contains(access) || rs.getString(2).contains(refresh));
        }
        // Not in any page of the database file or its write-ahead log either.
        for (Path file : List.of(taskr.databaseFile(), Path.of(taskr.databaseFile() + "-wal"))) {
            if (!Files.exists(file)) continue;
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains(access) || bytes.contains(refresh), "plaintext token in " + file);
        }
    }

    @Test
    void callbackRepeatedAfterConnectingThenAlreadyConnectedAndNothingRedeemed() throws Exception {
        Map<String, String> q = query(browser.connect());
        String callback = CALLBACK + "?code=" + portcullis.issueCode(q.get("code_challenge")) + "&state=" + q.get("state");
        assertEquals(303, browser.get(callback).status());
        browser.get("/");
        int issued = portcullis.issuedTokens.size();

        // Back after consent: the browser asks for the same callback again, its state already spent.
        var again = browser.get(callback);
        assertEquals(303, again.status());
        assertEquals("/", again.location());
        var home = browser.get("/");
        assertTrue(home.body().contains("Taskr is already connected to Portcullis."), home.body());
        assertTrue(home.body().contains("Portcullis: connected"));
        assertFalse(home.body().contains("state mismatch"));
        assertEquals(issued, portcullis.issuedTokens.size(), "nothing redeemed again");
        assertEquals(1, stage.rows("connections"));
    }

    @Test
    void callbackWhenCodeRefusedThenMessageAndNothingStored() throws Exception {
        Map<String, String> q = query(browser.connect());
        var callback = browser.get(CALLBACK + "?code=pc_code_unknown&state=" + q.get("state"));
        assertEquals(303, callback.status());
        assertTrue(browser.get("/").body().contains("Portcullis refused the connection (invalid_grant)"));
        assertEquals(0, stage.rows("connections"));
    }
}
