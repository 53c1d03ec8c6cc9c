package dev.portcullis.http;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Headers every response carries. Nothing is cacheable by default, since most answers hold a
 * secret or a user's data; a handler serving a public asset overrides Cache-Control. Scripts run
 * only from our own origin (the copy button in /assets), never inline; with nosniff, no JSON
 * answer can be loaded as one. When the
 * issuer is https, HSTS (RFC 6797) keeps browsers on https for a year, subdomains included; never
 * over http, where it would be ignored at best and pin a development host at worst.
 */
public final class SecurityHeaders implements Filter {
    /** Scripts only from this server's /assets, and they may call only this server: no inline script, no eval. */
    private static final String CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' https: data:; "
            + "form-action 'self' http: https:%s; frame-ancestors 'none'; base-uri 'none'";
    private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]{0,99}");
    static final String HSTS = "max-age=31536000; includeSubDomains";
    private final Map<String, String> headers;

    SecurityHeaders(boolean https) {
        this.headers = headers(https);
    }

    /**
     * For a page whose form ends in a redirect to {@code target}: browsers hold that redirect to
     * form-action too, so an app's private-use scheme (RFC 8252 §7.1) must be allowed there, or
     * the native app never receives its code.
     */
    public static void allowFormRedirectTo(ServerResponse res, String target) {
        String scheme = target.contains(":") ? target.substring(0, target.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (scheme.equals("http") || scheme.equals("https") || !SCHEME.matcher(scheme).matches()) return;
        res.header("Content-Security-Policy", CSP.formatted(" " + scheme + ":"));
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        headers.forEach(res::header);
        chain.proceed();
    }

    /** The headers for every response; with {@code https}, also Strict-Transport-Security. */
    static Map<String, String> headers(boolean https) {
        Map<String, String> h = new LinkedHashMap<>();
        if (https) h.put("Strict-Transport-Security", HSTS);
        h.put("Cache-Control", "no-store");
        h.put("Pragma", "no-cache");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("X-Frame-Options", "DENY");
        h.put("Content-Security-Policy", CSP.formatted(""));
        return Collections.unmodifiableMap(h);
    }
}
