package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.oauth.RedirectUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An app's public face on the login and consent pages: its name, logo and the links to its home
 * page, privacy policy and terms (OpenID Connect Dynamic Registration §2 {@code logo_uri},
 * {@code client_uri}, {@code policy_uri}, {@code tos_uri}). All of it is registration data the app
 * published, nothing about a request.
 */
public record AppBranding(String name, Optional<String> logoUrl, Optional<String> policyUrl, Optional<String> tosUrl,
                          Optional<String> clientUrl) {

    /** The app's branding, or empty when its name could mislead a reader (stored before names were checked). */
    static Optional<AppBranding> of(App app) {
        if (!DisplayText.isSafe(app.name())) return Optional.empty();
        var s = app.settings();
        Optional<String> logo = https(s.logoUrl()).filter(url -> isOwnOrigin(app, url));
        return Optional.of(new AppBranding(app.name(), logo, https(s.policyUrl()), https(s.tosUrl()), https(s.clientUrl())));
    }

    /**
     * Whether the logo is served by the app itself: from the origin of its home page, of a redirect
     * URI or of its metadata document URL. The browser fetches it while showing our page, so a
     * logo elsewhere would tell a third party who is signing in where (docs/branding.md).
     */
    static boolean isOwnOrigin(App app, String logoUrl) {
        Optional<String> logo = origin(logoUrl);
        if (logo.isEmpty()) return false;
        return Stream.concat(Stream.of(app.clientId()), Stream.concat(app.settings().clientUrl().stream(),
                        app.redirectUris().stream().map(RedirectUri::value)))
                .map(AppBranding::origin).flatMap(Optional::stream).anyMatch(logo.get()::equals);
    }

    /** RFC 6454 origin of an https URL, or empty for anything else. */
    private static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) return Optional.empty();
            int port = uri.getPort() == 443 ? -1 : uri.getPort();
            return Optional.of("https://" + uri.getHost().toLowerCase(Locale.ROOT) + (port == -1 ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Stored URLs are checked on the way in; checked again here, since a page puts them in src and href. */
    private static Optional<String> https(Optional<String> url) {
        return url.filter(AppSettings::isHttps);
    }
}
