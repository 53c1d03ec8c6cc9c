package dev.portcullis.error;

import java.time.Duration;
import java.util.List;

/**
 * The errors the OAuth and OpenID Connect specifications name (RFC 6749 §4.1.2.1 and §5.2,
 * RFC 6750 §3.1, RFC 7591 §3.2.2, OIDC Core §3.1.2.6). Everything else a client can be refused
 * with is a {@link Failure}.
 */
public sealed interface OAuthError extends Problem {

    /** RFC 6749 §5.2 and friends. */
    record InvalidRequest(String description) implements OAuthError {}
    record InvalidClient(String description, boolean basicUsed) implements OAuthError {}
    record InvalidGrant(String description) implements OAuthError {}
    record UnauthorizedClient(String description) implements OAuthError {}
    record UnsupportedGrantType(String description) implements OAuthError {}
    record InvalidScope(String description) implements OAuthError {}
    record InvalidTarget(String description) implements OAuthError {}
    record AccessDenied(String description) implements OAuthError {}
    record UnsupportedResponseType(String description) implements OAuthError {}
    /** Authorization endpoint, OIDC Core §3.1.2.6: prompt=none could not be honoured. */
    record LoginRequired(String description) implements OAuthError {}
    record ConsentRequired(String description) implements OAuthError {}
    /** Shown as a page, never redirected: the client or its redirect URI cannot be trusted. */
    record InvalidRedirectUri(String description) implements OAuthError {}
    /** RFC 7591 §3.2.2: a registration's metadata (other than its redirect URIs) is refused. */
    record InvalidClientMetadata(String description) implements OAuthError {}
    /** OIDC Core §3.1.2.6: a request object that is malformed, unsigned, or fails its signature or claims checks. */
    record InvalidRequestObject(String description) implements OAuthError {}
    /** OIDC Core §3.1.2.6: a request_uri that is refused or whose request object cannot be fetched. */
    record InvalidRequestUri(String description) implements OAuthError {}
    /** OIDC Core §6 / RFC 9101 §6.3: an authorization parameter this server does not take. */
    record NotSupported(Parameter parameter, String description) implements OAuthError {
        public enum Parameter {
            REGISTRATION("registration_not_supported");

            private final String error;

            Parameter(String error) {
                this.error = error;
            }

            public String error() {
                return error;
            }
        }
    }

    /** RFC 8628 §3.5: why a polling device gets no token yet, or never will; each a 400 like §5.2 errors. */
    record DevicePolling(Reason reason, String description) implements OAuthError {
        public enum Reason {
            AUTHORIZATION_PENDING("authorization_pending"),
            SLOW_DOWN("slow_down"),
            ACCESS_DENIED("access_denied"),
            EXPIRED_TOKEN("expired_token");

            private final String error;

            Reason(String error) {
                this.error = error;
            }

            public String error() {
                return error;
            }
        }
    }

    /** RFC 6750 §3.1: bad or missing credential, and a credential lacking scopes. */
    record InvalidToken(String description) implements OAuthError {}
    /** RFC 9449 §5 and §7.1: a DPoP proof that fails its checks; 400 at the token endpoint, a 401 challenge at a resource. */
    record InvalidDpopProof(String description, boolean atResource) implements OAuthError {}
    /** RFC 9449 §8 and §9: the proof must carry {@code nonce}, sent back in the DPoP-Nonce header. */
    record UseDpopNonce(String nonce, boolean atResource) implements OAuthError {
        public String description() {
            return "Authorization server requires nonce in DPoP proof";
        }
    }
    /** RFC 9449 §7.1: a DPoP-bound token without its proof (sent as Bearer, say): 401 with a DPoP challenge. */
    record InvalidDpopToken(String description) implements OAuthError {}
    record InsufficientScope(List<String> missing) implements OAuthError {
        public String description() {
            return missing.size() == 1
                    ? "Token requires '" + missing.getFirst() + "' scope"
                    : "Token requires scopes " + String.join(", ", missing.stream().map(s -> "'" + s + "'").toList());
        }
    }

    /** RFC 6749 §4.1.2.1: the two server-side codes. The database is out of reach: 503 with Retry-After, so balancers and clients try again. */
    record TemporarilyUnavailable(String incidentId) implements OAuthError {
        public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

        public String description() {
            return "The service is temporarily unavailable; retry in a few seconds. Incident id: " + incidentId;
        }
    }
    record ServerError(String incidentId) implements OAuthError {
        public String description() {
            return "An unexpected error occurred. Incident id: " + incidentId;
        }
    }
}
