package dev.portcullis.error;

/**
 * Every error a client can see: an {@link OAuthError} (the codes of the OAuth and OpenID Connect
 * specifications) or a {@link Failure} (refusals that are not OAuth errors). {@code description}
 * is public text; nothing private goes here (private detail travels in
 * {@link OAuthException#detail()}, to the log only).
 */
public sealed interface Problem permits OAuthError, Failure {
    String description();
}
