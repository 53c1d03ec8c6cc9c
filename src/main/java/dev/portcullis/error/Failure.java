package dev.portcullis.error;

import java.time.Duration;
import java.util.List;

/**
 * Refusals that are not OAuth errors: what the API and the pages answer about resources and
 * fields, and HTTP's own refusals (RFC 9110 §15.5). They render like any {@link Problem}; where
 * the OAuth JSON style needs an RFC 6749 {@code error}, {@link ErrorCodes} gives one.
 */
public sealed interface Failure extends Problem {
    /** A body or query field failed validation; {@code field} names it. */
    record Validation(String field, String description) implements Failure {}
    record NotFound(String description) implements Failure {}
    /** RFC 9110 §15.5.6: the path exists, under {@code allowed} methods only. */
    record MethodNotAllowed(String description, List<String> allowed) implements Failure {}
    record Conflict(String description) implements Failure {}
    record PayloadTooLarge(String description) implements Failure {}
    /** A body that cannot be read to its end (a bad chunk size): the connection cannot carry another request. */
    record MalformedBody(String description) implements Failure {}
    /**
     * A bearer secret that is no OAuth token (the metrics token) is missing or wrong: a bare
     * challenge for {@code realm} (RFC 6750 §3), without the resource metadata of an OAuth resource.
     */
    record BearerRequired(String realm, String description) implements Failure {}
    /** RFC 6585 §4: too many requests; {@code retryAfter} says when to come back. */
    record RateLimited(Duration retryAfter) implements Failure {
        public String description() {
            return "Rate limit exceeded, retry after " + Math.max(1, retryAfter.toSeconds()) + " seconds";
        }
    }
}
