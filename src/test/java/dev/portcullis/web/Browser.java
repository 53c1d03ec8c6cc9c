package dev.portcullis.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A cookie-keeping client that drives the real pages as a browser would: it reads forms from the
 * HTML (hidden CSRF fields included) and submits them. Redirects are not followed, so tests can
 * assert them.
 */
public final class Browser {
    private final TestServer server;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private String forwardedFor;
    private String userAgent;

    public Browser(TestServer server) {
        this.server = server;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Page(HttpResponse<String> response, Document doc) {
        public int status() {
            return response.statusCode();
        }

        public String location() {
            return response.headers().firstValue("Location").orElse("");
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        public String text() {
            return doc.text();
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET().build());
    }

    /** Fills the form found by {@code selector} with {@code fields} over its own values, and posts it to its action. */
    public Page submit(Page page, String selector, Map<String, String> fields) {
        Element form = Optional.ofNullable(page.doc().selectFirst(selector))
                .orElseThrow(() -> new AssertionError("no form " + selector + " in " + page.doc().title()));
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            // As a browser does: an unticked checkbox or radio button is not sent at all.
            boolean toggle = input.attr("type").equals("checkbox") || input.attr("type").equals("radio");
            if (toggle && !input.hasAttr("checked")) continue;
            String value = switch (input.tagName()) {
                case "select" -> Optional.ofNullable(input.selectFirst("option[selected]")).map(o -> o.attr("value")).orElse("");
                case "textarea" -> input.wholeText();
                default -> input.attr("value");
            };
            values.put(input.attr("name"), value);
        }
        values.putAll(fields);
        return post(form.attr("action"), values);
    }

    public Page post(String path, Map<String, String> form) {
        return postRaw(path, form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
    }

    /** Posts a form body exactly as given, repeats and all. */
    public Page postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Follows one 303 with a GET, as a browser would. */
    public Page follow(Page redirect) {
        assertEquals(303, redirect.status(), redirect.text());
        return get(redirect.location());
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).map(HttpCookie::getValue).findFirst();
    }

    public void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(server.uri("/"), cookie);
    }

    /** Signs up through the real form; the browser is then signed in. */
    public Page signUp(String name, String email, String password) {
        Page form = get("/signup");
        Page done = submit(form, "form#signup", Map.of("name", name, "email", email, "password", password));
        assertEquals(303, done.status(), done.text());
        return done;
    }

    public Page logIn(String email, String password) {
        return submit(get("/login"), "form#login", Map.of("email", email, "password", password));
    }

    /** Every request says it comes from {@code address} (X-Forwarded-For; believed when 127.0.0.1 is a trusted proxy). */
    public Browser from(String address) {
        this.forwardedFor = address;
        return this;
    }

    /** Every request carries this User-Agent (for the audit log's origin). */
    public Browser as(String userAgent) {
        this.userAgent = userAgent;
        return this;
    }

    private Page send(HttpRequest request) {
        if (forwardedFor != null) request = HttpRequest.newBuilder(request, (n, v) -> true).header("X-Forwarded-For", forwardedFor).build();
        if (userAgent != null) request = HttpRequest.newBuilder(request, (n, v) -> !n.equalsIgnoreCase("User-Agent")).header("User-Agent", userAgent).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(response, Jsoup.parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
