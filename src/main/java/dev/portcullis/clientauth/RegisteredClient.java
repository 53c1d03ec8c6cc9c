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
}
