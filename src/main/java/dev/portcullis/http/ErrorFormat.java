package dev.portcullis.http;

/** The shapes an error takes on the wire, chosen by where the request went (SPEC "Errors"). */
public enum ErrorFormat {
    /** RFC 6749 §5.2 JSON merged with the API fields: token, introspection, revocation, registration. */
    OAUTH,
    /** {@code {"status_code","type","code","message"}}: /v2, /manage and everything else. */
    API,
    /** An HTML page: the authorization endpoint, where a person is looking (RFC 6749 §4.1.2.1). */
    PAGE;

    public static ErrorFormat forPath(String path) {
        if (path.equals("/authorize") || path.startsWith("/authorize/") || path.startsWith("/oauth2/authorize")) return PAGE;
        return path.startsWith("/oauth/") || path.startsWith("/oauth2/") ? OAUTH : API;
    }
}
