package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * Token endpoint client authentication methods (RFC 7591 §2, OIDC Core §9): the ones Portcullis
 * supports. client_secret_jwt is not one: secrets are stored only as hashes, so no HMAC over
 * one can be checked.
 */
public enum AuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
    /** RFC 7523 §2.2: a JWT signed with a key from the client's registered JWK Set. */
    PRIVATE_KEY_JWT("private_key_jwt"),
    NONE("none");

    private final String wireName;

    AuthMethod(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AuthMethod> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }

    public ClientType clientType() {
        return this == NONE ? ClientType.PUBLIC : ClientType.CONFIDENTIAL;
    }

    /** Whether the client proves itself with a client secret (and so holds one). */
    public boolean usesSecret() {
        return this == CLIENT_SECRET_BASIC || this == CLIENT_SECRET_POST;
    }
}
