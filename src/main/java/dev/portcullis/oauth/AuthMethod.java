package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.Optional;

/** Token endpoint client authentication methods (RFC 7591 §2): the ones Portcullis supports. */
public enum AuthMethod {
    CLIENT_SECRET_BASIC("client_secret_basic"),
    CLIENT_SECRET_POST("client_secret_post"),
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
