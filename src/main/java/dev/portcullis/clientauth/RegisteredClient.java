package dev.portcullis.clientauth;

import dev.portcullis.oauth.AuthMethod;

/** A client as authentication sees it: its registration decides which methods it may use. */
public interface RegisteredClient {
    String clientId();

    boolean oauthEnabled();

    /** The method it registered (RFC 7591 {@code token_endpoint_auth_method}). */
    AuthMethod authMethod();

    /** The keys its private_key_jwt assertions are signed with. */
    ClientKeys clientKeys();

    /**
     * Whether its assertions must name this server's issuer, as one string, as their only audience
     * (FAPI 2.0 Security Profile §5.3.2.1); otherwise any endpoint URL is accepted too (RFC 7523 §3).
     */
    default boolean issuerOnlyAudience() {
        return false;
    }
}
