package dev.portcullis.authorize;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushed authorization requests (RFC 9126) as /authorize sees them: a {@code request_uri} the
 * client got from the PAR endpoint, redeemed once for the parameters it pushed. Kept by the
 * {@code par} package; this package only asks.
 */
@FunctionalInterface
public interface PushedRequests {
    /** RFC 9126 §2.2: the request_uri is a URN under this prefix. */
    String URN_PREFIX = "urn:ietf:params:oauth:request_uri:";

    /** None is pushed: every request_uri is unknown. */
    PushedRequests NONE = (clientId, requestUri) -> Optional.empty();

    /** The pushed parameters, once, if {@code requestUri} is live and was pushed by {@code clientId}. */
    Optional<Map<String, List<String>>> redeem(String clientId, String requestUri);

    static boolean isPushed(String requestUri) {
        return requestUri.startsWith(URN_PREFIX);
    }
}
