package dev.portcullis.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.http.Json;
import dev.portcullis.identity.Workspace;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A client that lives only in a web page on another origin, as an MCP client in a browser does:
 * from the API's 401 challenge it discovers Portcullis, registers itself, sends the user through
 * authorize with PKCE, exchanges the code and calls the API, every call a cross-origin fetch()
 * that Chromium's CORS checks must let through.
 */
@Tag("browser")
class BrowserClientJourneyTest {
    static final String EMAIL = "grace@example.com";
    static final String PASSWORD = "correct horse battery staple";
    static TestServer portcullis;
    static HttpServer spa;
    static Chromium browser;
    static Workspace workspace;

    @BeforeAll
    static void start() throws IOException {
        browser = Chromium.start();
        portcullis = TestServer.start(Db.SQLITE);
        workspace = portcullis.portcullis().core().identity().signUp("Grace Hopper", EMAIL, PASSWORD).workspace();
        spa = servePage(page(portcullis.uri("").toString()));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) browser.close();
            if (spa != null) spa.stop(0);
        } finally {
            if (portcullis != null) portcullis.close();
        }
    }

    @Test
    void pageOnAnotherOriginRegistersConnectsAndCallsTheApi() throws IOException {
        browser.beginJourney("browser-client");
        // "localhost" and Portcullis's 127.0.0.1 are different origins, and localhost is a secure context for crypto.subtle.
        browser.open("http://localhost:" + spa.getAddress().getPort() + "/");
        for (int step = 0; step < 5; step++) {
            String seen = browser.waitForAny("form#login", "form#workspace-picker", "form#consent", "body[data-done]");
            if (seen.equals("body[data-done]")) break;
            switch (seen) {
                case "form#login" -> {
                    browser.fill("form#login", Map.of("email", EMAIL, "password", PASSWORD));
                    browser.clickAndWait("form#login button[type=submit]");
                }
                case "form#workspace-picker" -> {
                    browser.find("form#workspace-picker input[name=workspace]").click();
                    browser.clickAndWait("form#workspace-picker button[type=submit]");
                }
                default -> {
                    browser.screenshot("portcullis-consent");
                    browser.clickAndWait("form#consent button[name=decision][value=approve]");
                }
            }
        }
        String out = browser.text("#out");
        browser.screenshot("spa-connected");
        assertTrue(out.startsWith("connected "), out);
        JsonNode self = Json.MAPPER.readTree(out.substring("connected ".length()));
        assertTrue(self.get("active").asBoolean(), out);
        assertEquals(workspace.id(), self.get("workspace_id").asText());
    }

    private static String page(String api) {
        try (InputStream in = BrowserClientJourneyTest.class.getResourceAsStream("/browser/spa.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__API__", api.replaceAll("/$", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page at / and at /callback, from a plain JDK server on a port of its own. */
    private static HttpServer servePage(String html) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(0), 0);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/") || exchange.getRequestURI().getPath().equals("/callback");
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            if (known) exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
