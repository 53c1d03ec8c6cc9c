package dev.portcullis.examples.taskr.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser against Taskr: keeps its cookies, follows no redirects, reads CSRF tokens from forms. */
public final class Browser {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(URI base) {
        this.base = base;
    }

    public record Page(int status, String body, HttpResponse<String> response) {
        public String location() {
            return response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location; status " + status));
        }

        public List<String> setCookies() {
            return response.headers().allValues("Set-Cookie");
        }

        public String csrf() {
            Matcher m = CSRF.matcher(body);
            if (!m.find()) throw new AssertionError("no CSRF token in page:\n" + body);
            return m.group(1);
        }
    }

    public Page get(String pathAndQuery) {
        return send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).GET());
    }

    public Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Posts the form of the page at {@code pagePath} with its CSRF token. */
    public Page submit(String pagePath, String action, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>(fields);
        form.put("csrf", get(pagePath).csrf());
        return post(action, form);
    }

    public Page signUp(String name, String email, String password) {
        return submit("/signup", "/signup", Map.of("name", name, "email", email, "password", password));
    }

    public Page logIn(String email, String password) {
        return submit("/login", "/login", Map.of("email", email, "password", password));
    }

    /** Presses "Connect Portcullis"; answers the authorization URL Taskr redirects to. */
    public URI connect() {
        Page page = submit("/", "/integrations/portcullis/connect", Map.of());
        if (page.status() != 303) throw new AssertionError("connect answered " + page.status() + ": " + page.body());
        return URI.create(page.location());
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private Page send(HttpRequest.Builder request) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) remember(set);
            return new Page(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void remember(String setCookie) {
        String pair = setCookie.split(";", 2)[0];
        int eq = pair.indexOf('=');
        String name = pair.substring(0, eq).trim();
        String value = pair.substring(eq + 1).trim();
        if (value.isEmpty() || setCookie.contains("Max-Age=0")) cookies.remove(name);
        else cookies.put(name, value);
    }
}
