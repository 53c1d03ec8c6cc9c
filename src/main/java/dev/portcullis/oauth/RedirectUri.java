package dev.portcullis.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A registered redirect URI, valid by construction. Rules: absolute; https, or http on a
 * loopback host, or a private-use scheme for native apps (RFC 8252 §7); no fragment (RFC 6749
 * §3.1.2); no wildcard. Stored exactly as entered and matched exactly, except that a loopback
 * URI may differ in port (RFC 8252 §7.3).
 */
public record RedirectUri(String value) {
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final int MAX_LENGTH = 2000;

    /** Why a candidate was refused, in words fit for an error description. */
    public sealed interface Check {
        record Valid(RedirectUri uri) implements Check {}
        record Invalid(String reason) implements Check {}
    }

    public static Check check(String candidate) {
        if (candidate == null || candidate.isBlank()) return new Check.Invalid("redirect URI is empty");
        if (candidate.length() > MAX_LENGTH) return new Check.Invalid("redirect URI is too long");
        if (candidate.contains("*")) return new Check.Invalid("redirect URI must not contain wildcards");
        if (!candidate.equals(candidate.strip())) return new Check.Invalid("redirect URI must not have surrounding spaces");
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return new Check.Invalid("redirect URI is not a valid URI");
        }
        if (!uri.isAbsolute()) return new Check.Invalid("redirect URI must be absolute");
        if (uri.getRawFragment() != null || candidate.contains("#")) return new Check.Invalid("redirect URI must not have a fragment");
        // RFC 9700 §4.1.3 / RFC 3986 §3.2.1: credentials in a URI are deprecated and can disguise the real host.
        if (uri.getRawUserInfo() != null) return new Check.Invalid("redirect URI must not contain a user name or password");
        if (uri.getPort() > 65535) return new Check.Invalid("redirect URI has an invalid port");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "https" -> uri.getHost() == null ? new Check.Invalid("redirect URI must have a host")
                    : new Check.Valid(new RedirectUri(candidate));
            case "http" -> isLoopback(uri) ? new Check.Valid(new RedirectUri(candidate))
                    : new Check.Invalid("redirect URI must use https (http only for localhost, 127.0.0.1 or [::1])");
            case "javascript", "data", "file", "vbscript" -> new Check.Invalid("redirect URI scheme is not allowed");
            default -> scheme.contains(".") ? new Check.Valid(new RedirectUri(candidate))
                    : new Check.Invalid("a private-use redirect URI scheme must be a reverse domain name, like com.example.app");
        };
    }

    /** The registered URI the presented one matches, if any. */
    public static Optional<RedirectUri> match(String presented, Collection<RedirectUri> registered) {
        if (presented == null) return Optional.empty();
        for (RedirectUri r : registered) {
            if (r.value.equals(presented) || r.matchesIgnoringLoopbackPort(presented)) return Optional.of(r);
        }
        return Optional.empty();
    }

    private boolean matchesIgnoringLoopbackPort(String presented) {
        try {
            URI mine = new URI(value);
            URI theirs = new URI(presented);
            if (!"http".equals(mine.getScheme()) || !"http".equals(theirs.getScheme()) || !isLoopback(mine)) return false;
            return mine.getHost().equals(theirs.getHost())
                    && theirs.getRawUserInfo() == null
                    && theirs.getRawFragment() == null
                    && java.util.Objects.equals(mine.getRawPath(), theirs.getRawPath())
                    && java.util.Objects.equals(mine.getRawQuery(), theirs.getRawQuery());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * Whether a page at the browser origin {@code origin} (RFC 6454 form) serves this URI; for a
     * loopback URI on any port, as authorization accepts it (RFC 8252 §7.3).
     */
    public boolean isAt(String origin) {
        if (webOrigin().filter(origin::equals).isPresent()) return true;
        try {
            URI mine = new URI(value);
            URI theirs = new URI(origin);
            return "http".equals(mine.getScheme()) && isLoopback(mine) && "http".equals(theirs.getScheme())
                    && mine.getHost().equalsIgnoreCase(String.valueOf(theirs.getHost())) && theirs.getRawPath().isEmpty()
                    && theirs.getRawQuery() == null && theirs.getRawFragment() == null && theirs.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private Optional<String> webOrigin() {
        URI uri = URI.create(value);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) return Optional.empty();
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == (scheme.equals("https") ? 443 : 80);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    private static boolean isLoopback(URI uri) {
        return uri.getHost() != null && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}
