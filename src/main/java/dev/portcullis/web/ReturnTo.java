package dev.portcullis.web;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where to go after login. Only a local path is followed, so {@code return_to} cannot become an
 * open redirect (OWASP Unvalidated Redirects): it must start with one {@code /}, carry no scheme
 * or authority, no backslash (browsers read {@code /\evil.com} as {@code //evil.com}) and no
 * control characters.
 */
public final class ReturnTo {
    public static final String DEFAULT = "/account";
    private static final int MAX_LENGTH = 2048;

    private ReturnTo() {}

    public static String safe(String candidate) {
        return isLocal(candidate) ? candidate : DEFAULT;
    }

    public static boolean isLocal(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) return false;
        if (candidate.charAt(0) != '/' || candidate.startsWith("//")) return false;
        if (candidate.chars().anyMatch(c -> c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c))) return false;
        try {
            URI uri = new URI(candidate);
            return uri.getScheme() == null && uri.getRawAuthority() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
