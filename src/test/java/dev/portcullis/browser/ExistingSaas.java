package dev.portcullis.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An existing SaaS with users and workspaces of its own and its own login form, as a team that
 * adopts Portcullis has: its login page receives {@code external_auth_id}, checks the password
 * against its own user table, then its backend calls Portcullis's complete with an operator token
 * and sends the browser to the {@code redirect_uri} it answers.
 */
final class ExistingSaas implements AutoCloseable {
    /** One of the SaaS's own accounts: its ids, not Portcullis's. */
    record Account(String id, String email, String password, String firstName, String lastName, String workspaceId,
                   String workspaceName) {}

    private final HttpServer server;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final URI portcullis;
    private final String operatorToken;
    private final HttpClient http = HttpClient.newHttpClient();

    private ExistingSaas(HttpServer server, URI portcullis, String operatorToken) {
        this.server = server;
        this.portcullis = portcullis;
        this.operatorToken = operatorToken;
    }

    static ExistingSaas start(String host, int port, URI portcullis, String operatorToken) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
            ExistingSaas saas = new ExistingSaas(server, portcullis, operatorToken);
            server.createContext("/login", saas::login);
            server.start();
            return saas;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void add(Account account) {
        accounts.put(account.email(), account);
    }

    private void login(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("GET")) {
                String id = query(ex.getRequestURI().getRawQuery()).getOrDefault("external_auth_id", "");
                page(ex, 200, "<h1>Log in to Acme SaaS</h1><form id=\"saas-login\" method=\"post\" action=\"/login\">"
                        + "<input type=\"hidden\" name=\"external_auth_id\" value=\"" + escape(id) + "\">"
                        + "<label>Email <input name=\"email\" type=\"email\"></label>"
                        + "<label>Password <input name=\"password\" type=\"password\"></label>"
                        + "<button type=\"submit\">Log in</button></form>");
                return;
            }
            Map<String, String> form = query(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Account account = accounts.get(form.getOrDefault("email", ""));
            if (account == null || !account.password().equals(form.get("password"))) {
                page(ex, 401, "<p id=\"saas-error\">Wrong email or password</p>");
                return;
            }
            String redirect = complete(form.getOrDefault("external_auth_id", ""), account);
            ex.getResponseHeaders().add("Location", redirect);
            ex.sendResponseHeaders(303, -1);
        }
    }

    /** The backend call, as docs/external-login.md shows it. */
    private String complete(String externalAuthId, Account a) {
        Map<String, Object> body = Map.of("external_auth_id", externalAuthId,
                "user", Map.of("id", a.id(), "email", a.email(), "first_name", a.firstName(), "last_name", a.lastName(),
                        "email_verified", true),
                "workspaces", List.of(Map.of("id", a.workspaceId(), "name", a.workspaceName(), "role", "admin")));
        HttpRequest request = HttpRequest.newBuilder(portcullis.resolve("/manage/v1/external-auth/complete"))
                .header("Authorization", "Bearer " + operatorToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body))).build();
        try {
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) throw new IllegalStateException("complete answered " + res.statusCode() + ": " + res.body());
            JsonNode answer = Json.MAPPER.readTree(res.body());
            return answer.get("redirect_uri").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void page(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = ("<!DOCTYPE html><html><head><title>Acme SaaS</title></head><body>" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
    }

    String url(String path) {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
