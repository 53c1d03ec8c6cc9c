package dev.portcullis.error;

/** The shapes an error takes on the wire, chosen by where the request went (SPEC "Errors"). */
public enum ErrorFormat {
    /** RFC 6749 §5.2 JSON merged with the API fields: token, introspection, revocation, registration. */
    OAUTH,
    /** {@code {"status_code","type","code","message"}}: /v2, /manage and everything else. */
    API;

    public static ErrorFormat forPath(String path) {
        return path.startsWith("/oauth/") || path.startsWith("/oauth2/") ? OAUTH : API;
    }
}
