package dev.portcullis.web.home;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /} is a page, never a JSON 404; the icons and the pages' script are served, so no page asks for a missing file. */
class HomePageTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void rootShowsWhatThisServerIsWithTheWayInAndTheDeveloperLinks() {
        try (var server = TestServer.start(Db.SQLITE)) {
            var home = new Browser(server).get("/");
            assertEquals(200, home.status());
            assertEquals("text/html; charset=utf-8", home.header("Content-Type"));
            assertFalse(home.text().contains("No route"));
            assertNotNull(home.doc().selectFirst("a[href=/login]"));
            assertNotNull(home.doc().selectFirst("a[href=/signup]"));
            assertNotNull(home.doc().selectFirst("a[href=/dashboard]"));
            assertNotNull(home.doc().selectFirst("a[href=/.well-known/openid-configuration]"));
            assertNotNull(home.doc().selectFirst("link[rel=icon][href=/assets/icon.svg]"));
            assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        }
    }

    @Test
    void rootSendsSomeoneSignedInToTheirAccount() {
        try (var server = TestServer.start(Db.SQLITE)) {
            var browser = new Browser(server);
            browser.signUp("Ada", "ada@example.com", PASSWORD);
            var home = browser.get("/");
            assertEquals(303, home.status());
            assertEquals("/account", home.location());
        }
    }

    @Test
    void faviconAndIconAndScriptAreServedPublicly() throws Exception {
        try (var server = TestServer.start(Db.SQLITE)) {
            HttpResponse<byte[]> ico = java.net.http.HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(server.uri("/favicon.ico")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, ico.statusCode());
            assertEquals("image/x-icon", ico.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(new byte[] {0, 0, 1, 0}, java.util.Arrays.copyOf(ico.body(), 4), "an ICO header");
            assertEquals("public, max-age=3600", ico.headers().firstValue("Cache-Control").orElseThrow());

            var svg = server.get("/assets/icon.svg");
            assertEquals(200, svg.statusCode());
            assertEquals("image/svg+xml", svg.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(svg.body().startsWith("<svg"));

            var js = server.get("/assets/signin.js");
            assertEquals(200, js.statusCode());
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElseThrow());
            // The pages may load it: scripts from this server only, never inline.
            String csp = server.get("/login").headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self';"), csp);
            assertFalse(csp.contains("unsafe-inline"), csp);
        }
    }
}
