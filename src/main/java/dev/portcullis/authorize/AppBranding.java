package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.oauth.DisplayText;
import java.util.Optional;

/**
 * An app's public face on the login and consent pages: its name, logo and the links to its privacy
 * policy and terms (OpenID Connect Dynamic Registration §2 {@code logo_uri}, {@code policy_uri},
 * {@code tos_uri}). All of it is registration data the app published, nothing about a request.
 */
public record AppBranding(String name, Optional<String> logoUrl, Optional<String> policyUrl, Optional<String> tosUrl) {

    /** The app's branding, or empty when its name could mislead a reader (stored before names were checked). */
    static Optional<AppBranding> of(App app) {
        if (!DisplayText.isSafe(app.name())) return Optional.empty();
        var s = app.settings();
        return Optional.of(new AppBranding(app.name(), https(s.logoUrl()), https(s.policyUrl()), https(s.tosUrl())));
    }

    /** Stored URLs are checked on the way in; checked again here, since a page puts them in src and href. */
    private static Optional<String> https(Optional<String> url) {
        return url.filter(u -> u.startsWith("https://"));
    }
}
