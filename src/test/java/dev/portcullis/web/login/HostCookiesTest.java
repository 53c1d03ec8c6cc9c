package dev.portcullis.web.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

/**
 * With an https issuer every cookie is a {@code __Host-} cookie (Secure, Path=/, no Domain) and is
 * read back under that name only. The test server still speaks plain HTTP, as behind a TLS proxy,
 * so cookies are carried by hand here (a browser keeps Secure cookies off plain http).
 */
class HostCookiesTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void httpsIssuerThenLoginSetsHostPrefixedSecureCookiesThatSignTheUserIn() {
        try (TestServer server = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", "https://localhost:8443")).withStorage(TestDatabases.fresh(Db.SQLITE)))) {
            server.portcullis().core().identity().signUp("Ada", "ada@example.com", PASSWORD);

            HttpResponse<String> form = server.get("/login");
            String csrfCookie = setCookie(form, "__Host-portcullis_csrf");
            assertHostCookie(csrfCookie);
            String csrf = Jsoup.parse(form.body()).selectFirst("input[name=csrf]").attr("value");
            assertEquals(csrf, value(csrfCookie));

            HttpResponse<String> unprefixed = post(server, "/login", "portcullis_csrf=" + csrf,
                    Map.of("email", "ada@example.com", "password", PASSWORD, "csrf", csrf));
            assertEquals(403, unprefixed.statusCode(), "a cookie without the prefix could have been planted; it is not read");

            HttpResponse<String> login = post(server, "/login", "__Host-portcullis_csrf=" + csrf,
                    Map.of("email", "ada@example.com", "password", PASSWORD, "csrf", csrf));
            assertEquals(303, login.statusCode(), login.body());
            String session = setCookie(login, "__Host-portcullis_session");
            assertHostCookie(session);
            assertTrue(session.contains("HttpOnly"), session);
            assertTrue(login.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("portcullis_")),
                    login.headers().allValues("Set-Cookie").toString());

            assertEquals(200, account(server, "__Host-portcullis_session=" + value(session)).statusCode(), "signed in");
            assertEquals(303, account(server, "portcullis_session=" + value(session)).statusCode(), "only the prefixed name is read");
        }
    }

    private static void assertHostCookie(String setCookie) {
        // RFC 6265bis §4.1.3.2: Secure, Path=/ and no Domain, or the browser drops it.
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        assertTrue(attributes.contains("Secure"), setCookie);
        assertTrue(attributes.contains("Path=/"), setCookie);
        assertFalse(setCookie.toLowerCase().contains("domain="), setCookie);
    }

    private static String setCookie(HttpResponse<String> res, String name) {
        return res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + res.headers().allValues("Set-Cookie")));
    }

    private static String value(String setCookie) {
        return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
    }

    private static HttpResponse<String> post(TestServer server, String path, String cookie, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static HttpResponse<String> account(TestServer server, String cookie) {
        return server.send(HttpRequest.newBuilder(server.uri("/account")).header("Cookie", cookie).GET().build());
    }
}
