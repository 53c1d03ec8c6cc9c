package dev.portcullis.exchange;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.federation.UpstreamLinkRepository;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.storage.Tx;
import java.time.Clock;

/**
 * Which Portcullis user an assertion names, by the linking rule of upstream login
 * (docs/upstream-providers.md, "Linking"), on the same upstream_links table: an (issuer, sub)
 * linked before is that user; else an existing user with the email is linked only when the
 * assertion says {@code email_verified: true}. Unlike a sign-in, an assertion never creates a
 * user: nobody is there to become a member of a workspace.
 */
final class AssertedUsers {
    private final UpstreamLinkRepository links;
    private final IdentityService identity;
    private final Clock clock;

    AssertedUsers(UpstreamLinkRepository links, IdentityService identity, Clock clock) {
        this.links = links;
        this.identity = identity;
        this.clock = clock;
    }

    String userFor(Tx tx, Assertion a) {
        String issuer = a.issuer().issuer();
        return links.userOf(tx, issuer, a.subject()).orElseGet(() -> {
            String userId = a.email().filter(e -> a.emailVerified()).flatMap(e -> identity.findByEmail(tx, e)).map(User::id)
                    .orElseThrow(() -> new OAuthException(new OAuthError.InvalidGrant("The asserted user has no account here"),
                            "jwt-bearer: no link for (" + issuer + ", sub) and no verified email of a user"));
            links.link(tx, issuer, a.subject(), userId, "trusted-issuer:" + a.issuer().id(), clock.instant());
            return userId;
        });
    }
}
