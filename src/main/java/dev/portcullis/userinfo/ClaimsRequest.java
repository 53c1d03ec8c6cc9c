package dev.portcullis.userinfo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.http.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code claims} authorization parameter (OIDC Core §5.5): the claims a client asks for in
 * the ID token and at UserInfo, each plain ({@code null}) or with {@code essential} and the
 * wanted {@code value}/{@code values}. Parsed once at the authorization endpoint, kept with the
 * code and the grant as {@link #toJson}. Only claims Portcullis knows and the app may receive
 * are kept (§5.5: others are ignored), so what is stored stays small.
 */
public record ClaimsRequest(Map<String, Claim> idToken, Map<String, Claim> userinfo) {
    public static final ClaimsRequest NONE = new ClaimsRequest(Map.of(), Map.of());

    /** One requested claim; {@code values} holds {@code value} or {@code values}, as text. */
    public record Claim(boolean essential, List<String> values) {
        public Claim {
            values = values == null ? List.of() : List.copyOf(values);
        }
    }

    public ClaimsRequest {
        idToken = idToken == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(idToken));
        userinfo = userinfo == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(userinfo));
    }

    /** Malformed JSON or a member of the wrong type: the message says which, for invalid_request. */
    public static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** {@code json} as sent, keeping the claims an app allowed {@code appScopes} may receive. */
    public static ClaimsRequest parse(String json, Collection<String> appScopes) throws Malformed {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new Malformed("claims is not valid JSON");
        }
        if (root == null || !root.isObject()) throw new Malformed("claims must be a JSON object");
        return new ClaimsRequest(member(root, "id_token", name -> UserClaims.mayRequestInIdToken(name, appScopes)),
                member(root, "userinfo", name -> UserClaims.mayRequest(name, appScopes)));
    }

    /** Read back from storage; a value this class wrote, or null for none. */
    public static ClaimsRequest fromJson(String stored) {
        if (stored == null || stored.isBlank()) return NONE;
        try {
            return parse(stored, UserClaims.SCOPES);
        } catch (Malformed e) {
            throw new IllegalStateException("stored claims request is unreadable", e);
        }
    }

    /** Normalised JSON for storage; null when nothing is requested. */
    public String toJson() {
        if (isNone()) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        if (!idToken.isEmpty()) out.put("id_token", json(idToken));
        if (!userinfo.isEmpty()) out.put("userinfo", json(userinfo));
        return new String(Json.bytes(out), java.nio.charset.StandardCharsets.UTF_8);
    }

    @JsonIgnore
    public boolean isNone() {
        return idToken.isEmpty() && userinfo.isEmpty();
    }

    /** The ID token's request for {@code name}, if any. */
    public Optional<Claim> inIdToken(String name) {
        return Optional.ofNullable(idToken.get(name));
    }

    private static Map<String, Claim> member(JsonNode root, String name, java.util.function.Predicate<String> keep) throws Malformed {
        JsonNode member = root.get(name);
        if (member == null || member.isNull()) return Map.of();
        if (!member.isObject()) throw new Malformed("claims." + name + " must be a JSON object");
        Map<String, Claim> claims = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : member.properties()) {
            Claim claim = claim(name + "." + entry.getKey(), entry.getValue());
            if (keep.test(entry.getKey())) claims.put(entry.getKey(), claim);
        }
        return claims;
    }

    /** §5.5.1: null, or an object with optional essential (boolean), value (scalar) and values (array of scalars). */
    private static Claim claim(String path, JsonNode node) throws Malformed {
        if (node == null || node.isNull()) return new Claim(false, List.of());
        if (!node.isObject()) throw new Malformed("claims." + path + " must be null or a JSON object");
        JsonNode essential = node.get("essential");
        if (essential != null && !essential.isNull() && !essential.isBoolean()) {
            throw new Malformed("claims." + path + ".essential must be true or false");
        }
        List<String> values = new ArrayList<>();
        JsonNode value = node.get("value");
        if (value != null && !value.isNull()) {
            if (!value.isValueNode()) throw new Malformed("claims." + path + ".value must be a string, number or boolean");
            values.add(value.asText());
        }
        JsonNode many = node.get("values");
        if (many != null && !many.isNull()) {
            if (!many.isArray()) throw new Malformed("claims." + path + ".values must be an array");
            for (JsonNode v : many) {
                if (!v.isValueNode() || v.isNull()) throw new Malformed("claims." + path + ".values must hold strings, numbers or booleans");
                values.add(v.asText());
            }
        }
        return new Claim(essential != null && essential.asBoolean(), values);
    }

    private static Map<String, Object> json(Map<String, Claim> claims) {
        Map<String, Object> out = new LinkedHashMap<>();
        claims.forEach((name, claim) -> {
            if (!claim.essential() && claim.values().isEmpty()) {
                out.put(name, null);
                return;
            }
            Map<String, Object> c = new LinkedHashMap<>();
            if (claim.essential()) c.put("essential", true);
            if (!claim.values().isEmpty()) c.put("values", claim.values());
            out.put(name, c);
        });
        return out;
    }
}
