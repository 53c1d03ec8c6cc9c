package dev.portcullis.webhooks;

import dev.portcullis.error.OAuthException;
import dev.portcullis.registration.PublicAddress;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The SSRF rule for webhook targets, the same as for client metadata documents: https only, and a
 * host whose every address is public. Checked when an endpoint is saved and again at each delivery,
 * where this is the HTTP client's only DNS: the address it approves is the one connected to, so no
 * second lookup can rebind the name to an internal address. {@code allowPrivate} (development)
 * lifts both rules.
 */
final class TargetUrls implements DnsResolver {
    /** A target refused at delivery time: no stack, the reason is an error kind in the attempt log. */
    static final class Refused extends RuntimeException {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final int MAX_LENGTH = 2048;
    private final boolean allowPrivate;

    TargetUrls(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** The URL to save, or a validation error naming {@code target_url}. */
    URI check(String raw) {
        if (raw == null || raw.isBlank()) throw invalid("is required");
        if (raw.length() > MAX_LENGTH) throw invalid("is longer than " + MAX_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw invalid("must be an absolute https URL");
        }
        boolean https = "https".equals(uri.getScheme());
        if (!https && !(allowPrivate && "http".equals(uri.getScheme()))) throw invalid("must be an absolute https URL");
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("must be an https URL with a host, and without user information or a fragment");
        }
        try {
            approve(uri.getHost());
        } catch (Refused e) {
            throw invalid(e.getMessage());
        }
        return uri;
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    @Override
    public InetAddress resolveAddress(String host, DnsAddressLookup lookup) {
        return approve(host);
    }

    private InetAddress approve(String host) {
        return PublicAddress.resolve(host, allowPrivate, Refused::new);
    }

    private static OAuthException invalid(String why) {
        return OAuthException.validation("target_url", why);
    }
}
