package dev.portcullis.error;

/**
 * How each error reads on the wire: HTTP status, the RFC {@code error} code (for a
 * {@link Failure}, the nearest one), and the API convention's {@code type} and {@code code}. An
 * exhaustive switch, so a new error does not compile until it has all four.
 */
public record ErrorCodes(int status, String error, String type, String code) {

    public static ErrorCodes of(Problem e) {
        return switch (e) {
            case OAuthError.InvalidRequest x -> new ErrorCodes(400, "invalid_request", "invalid_request_error", "invalid_request");
            case OAuthError.InvalidClient x -> new ErrorCodes(401, "invalid_client", "authentication_error", "invalid_client");
            case OAuthError.InvalidGrant x -> new ErrorCodes(400, "invalid_grant", "invalid_request_error", "invalid_grant");
            case OAuthError.UnauthorizedClient x -> new ErrorCodes(400, "unauthorized_client", "invalid_request_error", "unauthorized_client");
            case OAuthError.UnsupportedGrantType x -> new ErrorCodes(400, "unsupported_grant_type", "invalid_request_error", "unsupported_grant_type");
            case OAuthError.InvalidScope x -> new ErrorCodes(400, "invalid_scope", "invalid_request_error", "invalid_scope");
            case OAuthError.InvalidTarget x -> new ErrorCodes(400, "invalid_target", "invalid_request_error", "invalid_target");
            case OAuthError.AccessDenied x -> new ErrorCodes(403, "access_denied", "authorization_error", "access_denied");
            case OAuthError.UnsupportedResponseType x -> new ErrorCodes(400, "unsupported_response_type", "invalid_request_error", "unsupported_response_type");
            case OAuthError.LoginRequired x -> new ErrorCodes(400, "login_required", "invalid_request_error", "login_required");
            case OAuthError.ConsentRequired x -> new ErrorCodes(400, "consent_required", "invalid_request_error", "consent_required");
            case OAuthError.InvalidRedirectUri x -> new ErrorCodes(400, "invalid_redirect_uri", "invalid_request_error", "invalid_redirect_uri");
            case OAuthError.InvalidClientMetadata x -> new ErrorCodes(400, "invalid_client_metadata", "invalid_request_error", "invalid_client_metadata");
            case OAuthError.InvalidRequestObject x -> new ErrorCodes(400, "invalid_request_object", "invalid_request_error", "invalid_request_object");
            case OAuthError.InvalidRequestUri x -> new ErrorCodes(400, "invalid_request_uri", "invalid_request_error", "invalid_request_uri");
            case OAuthError.NotSupported x -> new ErrorCodes(400, x.parameter().error(), "invalid_request_error", x.parameter().error());
            case OAuthError.DevicePolling x -> new ErrorCodes(400, x.reason().error(), "invalid_request_error", x.reason().error());
            case OAuthError.InvalidToken x -> new ErrorCodes(401, "invalid_token", "authentication_error", "invalid_token");
            case OAuthError.InvalidDpopProof x -> new ErrorCodes(x.atResource() ? 401 : 400, "invalid_dpop_proof",
                    x.atResource() ? "authentication_error" : "invalid_request_error", "invalid_dpop_proof");
            case OAuthError.UseDpopNonce x -> new ErrorCodes(x.atResource() ? 401 : 400, "use_dpop_nonce",
                    x.atResource() ? "authentication_error" : "invalid_request_error", "use_dpop_nonce");
            case OAuthError.InvalidDpopToken x -> new ErrorCodes(401, "invalid_token", "authentication_error", "invalid_token");
            case OAuthError.InsufficientScope x -> new ErrorCodes(403, "insufficient_scope", "authorization_error", "insufficient_scopes");
            case Failure.Validation x -> new ErrorCodes(400, "invalid_request", "invalid_request_error", "validation_type");
            case Failure.NotFound x -> new ErrorCodes(404, "not_found", "invalid_request_error", "not_found");
            case Failure.MethodNotAllowed x -> new ErrorCodes(405, "invalid_request", "invalid_request_error", "method_not_allowed");
            case Failure.Conflict x -> new ErrorCodes(409, "invalid_request", "invalid_request_error", "conflict");
            case Failure.MalformedBody x -> new ErrorCodes(400, "invalid_request", "invalid_request_error", "invalid_request");
            case Failure.PayloadTooLarge x -> new ErrorCodes(413, "invalid_request", "invalid_request_error", "payload_too_large");
            case Failure.BearerRequired x -> new ErrorCodes(401, "invalid_token", "authentication_error", "invalid_token");
            case Failure.RateLimited x -> new ErrorCodes(429, "rate_limited", "rate_limit_error", "rate_limit_exceeded");
            case OAuthError.TemporarilyUnavailable x -> new ErrorCodes(503, "temporarily_unavailable", "internal_error", "service_unavailable");
            case OAuthError.ServerError x -> new ErrorCodes(500, "server_error", "internal_error", "server_error");
        };
    }
}
