package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * How the authorization response reaches the client (OAuth 2.0 Multiple Response Type Encoding
 * Practices §2, OAuth 2.0 Form Post Response Mode §2).
 */
public enum ResponseMode {
    QUERY("query"),
    FRAGMENT("fragment"),
    FORM_POST("form_post");

    private final String wireName;

    ResponseMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ResponseMode> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
