package dev.portcullis.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** Raw token-endpoint calls, for the negative tests a real client library will not make. */
public final class OAuthClient {
    private final TestServer server;

    public OAuthClient(TestServer server) {
        this.server = server;
    }

    public static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    public HttpResponse<String> token(String authorization, Map<String, String> params) {
        return post("/oauth/token", authorization, form(params));
    }

    public HttpResponse<String> post(String path, String authorization, String formBody) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }

    /** GET with {@code Authorization: Bearer token}, as a resource client calls /v2 or userinfo. */
    public HttpResponse<String> getWithBearer(String path, String token) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + token).build());
    }

    /** The body as JSON, or a failure that shows the body. */
    public static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + res.body(), e);
        }
    }

    public HttpResponse<String> postJson(String path, String authorization, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }
}
