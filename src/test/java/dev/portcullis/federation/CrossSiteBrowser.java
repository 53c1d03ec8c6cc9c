package dev.portcullis.federation;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A cookie-keeping client that walks a sign-in across two sites (the downstream Portcullis at
 * 127.0.0.1 and the upstream at localhost, so their cookies stay apart, as in a real browser):
 * it follows redirects, logs in, picks a workspace and answers consent on the upstream's pages.
 */
final class CrossSiteBrowser {
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** Every URL visited, in order. */
    final List<URI> visited = new ArrayList<>();

    record Page(URI uri, HttpResponse<String> response, Document doc) {
        int status() {
            return response.statusCode();
        }

        Optional<String> location() {
            return response.headers().firstValue("Location");
        }
    }

    Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET().build());
    }

    /**
     * From {@code start}, follows redirects and fills the upstream's login, workspace and consent
     * forms, until a page that is none of those; {@code rewrite} may change each URL before it is
     * visited (to play an attacker).
     */
    Page walk(URI start, String email, String password, boolean approve, UnaryOperator<URI> rewrite) {
        Page page = get(rewrite.apply(start));
        for (int steps = 0; steps < 20; steps++) {
            if (page.status() == 302 || page.status() == 303) {
                page = get(rewrite.apply(page.uri().resolve(page.location().orElseThrow())));
            } else if (page.doc().selectFirst("form#login") != null && page.uri().getHost().equals("localhost")) {
                page = submit(page, "form#login", Map.of("email", email, "password", password));
            } else if (page.doc().selectFirst("form#workspace-picker") != null) {
                String first = page.doc().selectFirst("input[name=workspace]").attr("value");
                page = submit(page, "form#workspace-picker", Map.of("workspace", first));
            } else if (page.doc().selectFirst("form#consent") != null && page.uri().getHost().equals("localhost")) {
                page = submit(page, "form#consent", Map.of("decision", approve ? "approve" : "deny"));
            } else {
                return page;
            }
        }
        throw new AssertionError("too many steps: " + visited);
    }

    Page submit(Page page, String selector, Map<String, String> fields) {
        Element form = Optional.ofNullable(page.doc().selectFirst(selector)).orElseThrow(() -> new AssertionError("no " + selector));
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            boolean toggle = input.attr("type").equals("checkbox") || input.attr("type").equals("radio");
            if (toggle && !input.hasAttr("checked")) continue;
            values.put(input.attr("name"), input.attr("value"));
        }
        values.putAll(fields);
        String body = values.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(page.uri().resolve(form.attr("action")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    boolean hasCookie(String host, String name) {
        return cookies.getCookieStore().get(URI.create("http://" + host + "/")).stream().anyMatch(c -> c.getName().equals(name));
    }

    private Page send(HttpRequest request) {
        visited.add(request.uri());
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(request.uri(), response, Jsoup.parse(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
