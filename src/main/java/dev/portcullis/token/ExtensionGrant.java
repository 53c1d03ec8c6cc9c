package dev.portcullis.token;

import dev.portcullis.apps.App;

/**
 * A grant whose rules live in their own capability package (RFC 8693 token exchange, RFC 7523
 * JWT bearer in exchange/), so that package may use this one without this one knowing it.
 */
@FunctionalInterface
public interface ExtensionGrant<R extends TokenRequest> {
    TokenResponse handle(App app, R request);
}
