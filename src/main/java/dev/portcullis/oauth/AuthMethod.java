package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.Optional;

/** Token endpoint client authentication methods (RFC 7591 §2): the three Portcullis supports. */
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
}
