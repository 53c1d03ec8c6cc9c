package dev.portcullis.http;

/**
 * How a route's errors look, declared where it is mounted ({@link Routes#errorStyle()}); the
 * {@link ErrorHandler} renders every error in its route's style (docs/routes.md lists them).
 */
public enum ErrorStyle {
    /** An HTML page with the status and what went wrong: the pages a person uses (login, dashboard, logout). */
    PAGE,
    /**
     * The authorization endpoint: once the redirect URI is validated the error goes back to the
     * client (RFC 6749 §4.1.2.1); before, a page names the OAuth error code to the person.
     */
    AUTHORIZATION_PAGE,
    /** RFC 6749 §5.2 JSON merged with the API fields: token, introspection, revocation, registration, userinfo, JWKS. */
    OAUTH_JSON,
    /** {@code {"status_code","type","code","message"}}: /v2, /manage, discovery and operations. */
    API_JSON;

    /**
     * The style of a request no route took: an unknown path, a method the path does not take, a
     * refusal by a filter or by the server before routing. The one place a style is guessed, from
     * the path prefixes the routes live under.
     */
    public static ErrorStyle unrouted(String path) {
        if (path.equals("/authorize") || path.startsWith("/authorize/") || path.startsWith("/oauth2/authorize")) {
            return AUTHORIZATION_PAGE;
        }
        return path.startsWith("/oauth/") || path.startsWith("/oauth2/") ? OAUTH_JSON : API_JSON;
    }
}
