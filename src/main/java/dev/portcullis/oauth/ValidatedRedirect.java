package dev.portcullis.oauth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A redirect_uri proven to be registered for the client, with the state to echo and the issuer
 * to name (RFC 9207). Only {@link #of} builds one, so no response can redirect to an address the
 * client did not register: an open redirect cannot be built.
 */
public final class ValidatedRedirect {
    private final String uri;
    private final Optional<String> state;
    private final String issuer;

    private ValidatedRedirect(String uri, Optional<String> state, String issuer) {
        this.uri = uri;
        this.state = state;
        this.issuer = issuer;
    }

    public static Optional<ValidatedRedirect> of(String presented, Collection<RedirectUri> registered, Optional<String> state,
                                                 String issuer) {
        return RedirectUri.match(presented, registered).map(r -> new ValidatedRedirect(presented, state, issuer));
    }

    public String uri() {
        return uri;
    }

    public Optional<String> state() {
        return state;
    }

    public String withCode(String code) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", code);
        return build(params);
    }

    public String withError(String error, String description) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", description);
        return build(params);
    }

    private String build(Map<String, String> params) {
        state.ifPresent(s -> params.put("state", s));
        params.put("iss", issuer);
        StringBuilder out = new StringBuilder(uri).append(uri.contains("?") ? '&' : '?');
        params.forEach((k, v) -> out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        out.setLength(out.length() - 1);
        return out.toString();
    }
}
