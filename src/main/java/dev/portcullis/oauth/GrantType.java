package dev.portcullis.oauth;

import java.util.Arrays;
import java.util.Optional;

/**
 * The grants an app may be allowed (RFC 6749 §4.1, §4.2, §6, §4.4, RFC 8628), by their wire names.
 * {@link #IMPLICIT} is never redeemed at the token endpoint: it only opts an app into the
 * {@code id_token} and {@code id_token token} response types (RFC 7591 §2.1), off by default.
 */
public enum GrantType {
    AUTHORIZATION_CODE("authorization_code"),
    REFRESH_TOKEN("refresh_token"),
    CLIENT_CREDENTIALS("client_credentials"),
    IMPLICIT("implicit"),
    /** RFC 8628 §3.4: a device without a browser polls for the tokens a person approves elsewhere. */
    DEVICE_CODE("urn:ietf:params:oauth:grant-type:device_code"),
    /** RFC 8693: trade a Portcullis access token for one aimed at another resource, recording who acts. */
    TOKEN_EXCHANGE("urn:ietf:params:oauth:grant-type:token-exchange"),
    /** RFC 7523 §2.1: a JWT signed by a trusted issuer (an ID-JAG among them) asserts the user. */
    JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer");

    private final String wireName;

    GrantType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether a client sends this grant_type to the token endpoint. */
    public boolean isTokenGrant() {
        return this != IMPLICIT;
    }

    public static Optional<GrantType> fromWire(String name) {
        return Arrays.stream(values()).filter(g -> g.wireName.equals(name)).findFirst();
    }
}
