package dev.portcullis.examples.taskr.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** A posted {@code application/x-www-form-urlencoded} body; a repeated field is refused. */
public record Form(Map<String, String> fields) {

    public static Form read(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase();
        if (!type.startsWith("application/x-www-form-urlencoded")) throw new WebException(415, "Expected a form submission.");
        String body = req.content().hasEntity() ? req.content().as(String.class) : "";
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (fields.putIfAbsent(name, value) != null) throw new WebException(400, "The form has a repeated field.");
        }
        return new Form(fields);
    }

    /** The field's value, or "" when absent. */
    public String get(String name) {
        return fields.getOrDefault(name, "");
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WebException(400, "The form is malformed.");
        }
    }
}
