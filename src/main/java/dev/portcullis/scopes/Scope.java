package dev.portcullis.scopes;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;

/**
 * One scope token. RFC 6749 §3.3: {@code scope-token = 1*( %x21 / %x23-5B / %x5D-7E )}, that is
 * printable ASCII without space, double quote or backslash; anything else is invalid_scope.
 */
public record Scope(String name) {
    /** Longer names are a mistake or an attack; no catalogue needs them. */
    static final int MAX_LENGTH = 128;

    public Scope {
        if (!isValid(name)) {
            throw new OAuthException(new OAuthError.InvalidScope("Invalid scope name: "
                    + (name == null ? "null" : printable(name))));
        }
    }

    public static Scope of(String name) {
        return new Scope(name);
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) return false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x21 || c > 0x7E || c == '"' || c == '\\') return false;
        }
        return true;
    }

    /** Echoes a rejected name safely: short, and with non-printable characters escaped. */
    private static String printable(String name) {
        StringBuilder out = new StringBuilder("'");
        name.codePoints().limit(40).forEach(c -> {
            if (c >= 0x20 && c <= 0x7E && c != '\'' && c != '\\') out.append((char) c);
            else out.append(String.format("\\u%04x", c & 0xFFFF));
        });
        return out.append(name.length() > 40 ? "…'" : "'").toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
