package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The response types Portcullis answers (RFC 6749 §3.1.1, OIDC Core §3.2.2.1). The implicit two
 * put tokens in the front channel, which RFC 9700 §2.1.2 advises against: an app must opt in
 * through {@link GrantType#IMPLICIT}.
 */
public enum ResponseType {
    CODE("code", GrantType.AUTHORIZATION_CODE, ResponseMode.QUERY),
    ID_TOKEN("id_token", GrantType.IMPLICIT, ResponseMode.FRAGMENT),
    ID_TOKEN_TOKEN("id_token token", GrantType.IMPLICIT, ResponseMode.FRAGMENT);

    private final String wireName;
    private final GrantType grant;
    private final ResponseMode defaultMode;

    ResponseType(String wireName, GrantType grant, ResponseMode defaultMode) {
        this.wireName = wireName;
        this.grant = grant;
        this.defaultMode = defaultMode;
    }

    public String wireName() {
        return wireName;
    }

    public GrantType grant() {
        return grant;
    }

    public ResponseMode defaultMode() {
        return defaultMode;
    }

    /** Whether the response itself carries a token, which must never travel in a query string. */
    public boolean carriesTokens() {
        return this != CODE;
    }

    /** RFC 6749 §3.1.1: the order of space-delimited values does not matter. */
    public static Optional<ResponseType> fromWire(String value) {
        List<String> words = words(value);
        return Arrays.stream(values()).filter(t -> words(t.wireName).equals(words)).findFirst();
    }

    private static List<String> words(String value) {
        return Arrays.stream(value.trim().split(" +")).sorted().toList();
    }
}
