package dev.portcullis.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A redirect_uri proven to be registered for the client, with the state to echo, the issuer to
 * name (RFC 9207) and the response mode to answer in. Only {@link #of} builds one, so no response
 * can go to an address the client did not register: an open redirect cannot be built.
 */
public final class ValidatedRedirect {
    private final String uri;
    private final Optional<String> state;
    private final String issuer;
    private final ResponseMode mode;

    private ValidatedRedirect(String uri, Optional<String> state, String issuer, ResponseMode mode) {
        this.uri = uri;
        this.state = state;
        this.issuer = issuer;
        this.mode = mode;
    }

    public static Optional<ValidatedRedirect> of(String presented, Collection<RedirectUri> registered, Optional<String> state,
                                                 String issuer) {
        return RedirectUri.match(presented, registered).map(r -> new ValidatedRedirect(presented, state, issuer, ResponseMode.QUERY));
    }

    /** The same redirect, answering in {@code mode} (errors included, OIDC Core §3.1.2.6). */
    public ValidatedRedirect in(ResponseMode mode) {
        return new ValidatedRedirect(uri, state, issuer, mode);
    }

    public String uri() {
        return uri;
    }

    public Optional<String> state() {
        return state;
    }

    public ResponseMode mode() {
        return mode;
    }

    public AuthorizationResponse withCode(String code) {
        return with(Map.of("code", code));
    }

    public AuthorizationResponse withError(String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        return with(params);
    }

    /** {@code params} plus state and iss, in this redirect's response mode. */
    public AuthorizationResponse with(Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>(params);
        state.ifPresent(s -> all.put("state", s));
        all.put("iss", issuer);
        return switch (mode) {
            case QUERY -> new AuthorizationResponse.Redirect(uri + (uri.contains("?") ? '&' : '?') + encode(all));
            case FRAGMENT -> new AuthorizationResponse.Redirect(uri + '#' + encode(all));
            case FORM_POST -> new AuthorizationResponse.FormPost(uri, all);
        };
    }

    private static String encode(Map<String, String> params) {
        StringBuilder out = new StringBuilder();
        params.forEach((k, v) -> out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
