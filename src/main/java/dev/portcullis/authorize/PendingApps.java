package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.apps.ClientLookup;
import java.util.Optional;

/**
 * Which app a login is for, so the login page can say "Log in to continue to Taskr". It needs no
 * browser binding: it reveals only the app's public registration data ({@link AppBranding}),
 * never the request's redirect URI, scopes or state, and an unknown handle gives nothing.
 */
public final class PendingApps {
    private static final String PREFIX = AuthorizeEndpoint.CONTINUE + "?handle=";
    private final PendingRequests pending;
    private final ClientLookup apps;

    public PendingApps(PendingRequests pending, ClientLookup apps) {
        this.pending = pending;
        this.apps = apps;
    }

    /** The app of the pending request that {@code returnTo} continues, if it is such a continuation and still live. */
    public Optional<AppBranding> forReturnTo(String returnTo) {
        if (returnTo == null || !returnTo.startsWith(PREFIX)) return Optional.empty();
        String rest = returnTo.substring(PREFIX.length());
        String handle = rest.contains("&") ? rest.substring(0, rest.indexOf('&')) : rest;
        return pending.appOf(handle)
                .flatMap(apps::find).filter(App::oauthEnabled).flatMap(AppBranding::of);
    }
}
