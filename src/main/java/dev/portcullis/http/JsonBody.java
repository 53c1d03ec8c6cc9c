package dev.portcullis.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.error.Problem;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A JSON object request body, read strictly: the one way every endpoint reads JSON. The size is
 * capped before it gets here ({@link BodyLimit}); a repeated key or malformed JSON is refused, so
 * no later reader can pick a different copy (RFC 8259 §4 leaves duplicates undefined). Then
 * either typed accessors or a strict binding into a record ({@link #as}) read the fields, and
 * every failure is a 4xx naming the field, never a silent coercion.
 */
public final class JsonBody {
    /** Deadlines and the like beyond this are a typo, and would overflow epoch millis further out. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final ObjectNode object;

    private JsonBody(ObjectNode object) {
        this.object = object;
    }

    /**
     * The request's JSON object body. A body that is not one is refused by {@code refusal}, which
     * names it as the route's protocol does (invalid_request, invalid_client_metadata, a field
     * error); any other Content-Type is invalid_request.
     */
    public static JsonBody read(ServerRequest req, Function<String, ? extends Problem> refusal) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) throw OAuthException.invalidRequest("Content-Type must be application/json");
        return parse(Params.text(req), "Request body", refusal);
    }

    /** The request's JSON object bound to {@code type}, as the management API reads it: errors name the field ("body" for the whole). */
    public static <T> T bind(ServerRequest req, Class<T> type) {
        return read(req, problem -> new Failure.Validation("body", problem)).as(type, "");
    }

    /** JSON text that must be an object; {@code what} names it in the refusal ("Request body", "The setup file"). */
    public static JsonBody parse(String text, String what, Function<String, ? extends Problem> refusal) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new OAuthException(refusal.apply(what + " is not valid JSON"));
        }
        if (root == null || !root.isObject()) throw new OAuthException(refusal.apply(what + " must be a JSON object"));
        return new JsonBody((ObjectNode) root);
    }

    /** The object itself, for a reader that walks a document (client metadata, RFC 7591 §2). */
    public ObjectNode object() {
        return object;
    }

    /** The object inside {@code {"<wrapper>": {...}}} when that is the whole body; else this body unchanged. */
    public JsonBody unwrap(String wrapper) {
        if (object.size() != 1 || !object.has(wrapper)) return this;
        JsonNode inner = object.get(wrapper);
        if (!inner.isObject()) throw OAuthException.validation(wrapper, wrapper + " must be a JSON object");
        return new JsonBody((ObjectNode) inner);
    }

    /** Refuses any field not in {@code allowed}, naming the first one. */
    public JsonBody allowOnly(Set<String> allowed) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) throw OAuthException.validation(printable(name), "Unknown field: " + printable(name));
        }
        return this;
    }

    /**
     * The object bound strictly to {@code type}, snake_case names: an unknown field or a value of
     * the wrong type is a field error naming its JSON path relative to {@code root} ("" or "$").
     */
    public <T> T as(Class<T> type, String root) {
        return JsonBinding.bind(object, type, root);
    }

    public boolean has(String field) {
        return object.has(field);
    }

    public boolean isNull(String field) {
        return object.has(field) && object.get(field).isNull();
    }

    /** A string of 1..maxLength characters, without NUL (PostgreSQL text cannot hold it). */
    public Optional<String> text(String field, int maxLength) {
        JsonNode v = object.get(field);
        if (v == null) return Optional.empty();
        if (!v.isTextual()) throw OAuthException.validation(field, field + " must be a string");
        String s = v.textValue();
        if (s.isBlank()) throw OAuthException.validation(field, field + " must not be empty");
        if (s.codePointCount(0, s.length()) > maxLength) {
            throw OAuthException.validation(field, field + " must be at most " + maxLength + " characters");
        }
        if (s.indexOf('\0') >= 0) throw OAuthException.validation(field, field + " must not contain NUL characters");
        return Optional.of(s);
    }

    public Optional<Boolean> bool(String field) {
        JsonNode v = object.get(field);
        if (v == null) return Optional.empty();
        if (!v.isBoolean()) throw OAuthException.validation(field, field + " must be true or false");
        return Optional.of(v.booleanValue());
    }

    /** An ISO 8601 timestamp with offset (RFC 3339), to the millisecond; JSON null is empty. */
    public Optional<Instant> instantOrNull(String field) {
        JsonNode v = object.get(field);
        if (v == null || v.isNull()) return Optional.empty();
        String problem = field + " must be an ISO 8601 timestamp with offset, e.g. 2030-01-31T17:00:00Z";
        if (!v.isTextual() || v.textValue().length() > 40) throw OAuthException.validation(field, problem);
        try {
            Instant at = OffsetDateTime.parse(v.textValue()).toInstant().truncatedTo(ChronoUnit.MILLIS);
            if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
                throw OAuthException.validation(field, field + " must be between 1970 and 9999");
            }
            return Optional.of(at);
        } catch (DateTimeException e) {
            throw OAuthException.validation(field, problem);
        }
    }

    /** An array of at most {@code max} elements, each read by {@code element} (which names the field in errors). */
    public <T> Optional<List<T>> list(String field, int max, Function<JsonNode, T> element) {
        JsonNode v = object.get(field);
        if (v == null) return Optional.empty();
        if (!v.isArray()) throw OAuthException.validation(field, field + " must be an array");
        if (v.size() > max) throw OAuthException.validation(field, field + " must have at most " + max + " entries");
        List<T> out = new ArrayList<>();
        v.forEach(e -> out.add(element.apply(e)));
        return Optional.of(out);
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "…" : name;
        return cut.replaceAll("[^\\x20-\\x7E…]", "?");
    }
}
