package dev.portcullis.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of one request, from the query string or from a form or JSON body. A repeated
 * parameter is refused (RFC 6749 §3.1), so no later reader can pick a different copy.
 */
public record Params(Map<String, String> values) {

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    public String require(String name) {
        return get(name).orElseThrow(() -> OAuthException.invalidRequest("Missing parameter: " + name));
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public static Params query(ServerRequest req) {
        return fromParameters(req.query());
    }

    /** The body as form or JSON, by Content-Type; anything else is invalid_request. */
    public static Params body(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase();
        String body = text(req);
        if (type.startsWith("application/x-www-form-urlencoded")) return form(body);
        if (type.startsWith("application/json")) return json(body);
        if (body.isEmpty()) return new Params(Map.of());
        throw OAuthException.invalidRequest("Content-Type must be application/x-www-form-urlencoded or application/json");
    }

    /**
     * The body as text, empty when there is none. Always UTF-8, whatever charset the Content-Type
     * names: JSON is UTF-8 (RFC 8259 §8.1) and a form is ASCII with percent-escapes, so an unknown
     * or malformed charset is no reason to fail; undecodable bytes become U+FFFD.
     */
    public static String text(ServerRequest req) {
        return req.content().hasEntity() ? new String(req.content().as(byte[].class), StandardCharsets.UTF_8) : "";
    }

    static Params form(String body) {
        Map<String, String> out = new HashMap<>();
        if (body.isEmpty()) return new Params(out);
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(out, name, value);
        }
        return new Params(out);
    }

    /** A JSON object of scalars, read by {@link JsonBody}: the one JSON reader refuses repeated keys. */
    static Params json(String body) {
        ObjectNode root = JsonBody.parse(body, "Request body", OAuthError.InvalidRequest::new).object();
        Map<String, String> out = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            var field = it.next();
            JsonNode v = field.getValue();
            if (v.isContainerNode()) throw OAuthException.invalidRequest("Parameter " + field.getKey() + " must be a string");
            put(out, field.getKey(), v.isNull() ? "" : v.asText());
        }
        return new Params(out);
    }

    private static Params fromParameters(Parameters params) {
        Map<String, String> out = new HashMap<>();
        for (String name : params.names()) {
            var all = params.all(name);
            if (all.size() > 1) throw repeated(name);
            out.put(name, all.isEmpty() ? "" : all.getFirst());
        }
        return new Params(out);
    }

    private static void put(Map<String, String> out, String name, String value) {
        if (out.putIfAbsent(name, value) != null) throw repeated(name);
    }

    private static OAuthException repeated(String name) {
        return OAuthException.invalidRequest("Parameter " + name + " is repeated");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidRequest("Malformed form encoding");
        }
    }
}
