package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.events.Actor;
import java.util.Optional;

/**
 * A grant whose rules live in their own capability package (RFC 8693 token exchange, RFC 7523
 * JWT bearer in exchange/), so that package may use this one without this one knowing it.
 */
@FunctionalInterface
public interface ExtensionGrant<R extends TokenRequest> {
    /**
     * {@code actor}: the client, for the token.issued event recorded in the grant's transaction;
     * {@code jkt}: the key of the request's DPoP proof, which the issued token is bound to (RFC 9449 §5).
     */
    TokenResponse handle(App app, Actor actor, R request, Optional<String> jkt);
}
