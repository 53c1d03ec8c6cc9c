package dev.portcullis.federation;

import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.Provisioning;
import dev.portcullis.identity.User;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import dev.portcullis.storage.UniqueViolation;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Portcullis user an upstream sign-in is (docs/upstream-providers.md, "Linking"):
 * <ol>
 * <li>allowed_email_domains, when set, admits only a verified email at one of them, at every sign-in;</li>
 * <li>an (issuer, sub) linked before is that user;</li>
 * <li>else an existing user with the email is linked only when the provider says email_verified=true,
 *     and the sign-in is refused otherwise (someone could claim another's address upstream);</li>
 * <li>else a new user is made (without a usable password), with their own workspace unless the
 *     auto-join rule puts them in one.</li>
 * </ol>
 * The auto-join rule then adds a verified email at its domain to its workspace, keeping any role
 * the user already has there.
 */
public final class UpstreamAccounts {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAccounts.class);
    private final Database db;
    private final UpstreamLinkRepository links;
    private final IdentityService identity;
    private final Provisioning provisioning;
    private final SecureRandom random;
    private final Clock clock;

    public UpstreamAccounts(Database db, UpstreamLinkRepository links, IdentityService identity, Provisioning provisioning,
                            SecureRandom random, Clock clock) {
        this.db = db;
        this.links = links;
        this.identity = identity;
        this.provisioning = provisioning;
        this.random = random;
        this.clock = clock;
    }

    /** The user this person is, linked or created now; an {@link UpstreamFailure} when the rules refuse. */
    String userFor(UpstreamProvider p, UpstreamClient.Identity who, Actor.Origin origin) {
        String email = who.email().orElseThrow(() -> UpstreamFailure.noEmail(p.name()));
        if (!p.allowedEmailDomains().isEmpty() && !(who.emailVerified() && p.allowsEmail(email))) {
            throw UpstreamFailure.domainNotAllowed(p.name());
        }
        // A new account's password hash is slow to make: outside the transaction, and only when no link exists.
        boolean linked = db.read(tx -> links.userOf(tx, who.issuer(), who.subject())).isPresent();
        Provisioning.PreparedUser early = linked ? null : prepare(p, who, email);
        try {
            return db.inTransaction(tx -> {
                String userId = links.userOf(tx, who.issuer(), who.subject())
                        .orElseGet(() -> linkOrCreate(tx, p, who, early != null ? early : prepare(p, who, email), origin));
                autoJoin(tx, p, who, email, userId, origin);
                return userId;
            });
        } catch (UniqueViolation e) {
            // The same person's first sign-in, twice at once: the other one linked; use its link.
            return db.read(tx -> links.userOf(tx, who.issuer(), who.subject())).orElseThrow(() -> e);
        }
    }

    /** How a sign-in through {@code p} is named in the audit log's {@code method}. */
    static String method(UpstreamProvider p) {
        return "upstream:" + p.id();
    }

    private String linkOrCreate(Tx tx, UpstreamProvider p, UpstreamClient.Identity who, Provisioning.PreparedUser prepared,
                                Actor.Origin origin) {
        Optional<User> existing = identity.findByEmail(tx, prepared.email());
        if (existing.isPresent() && !who.emailVerified()) throw UpstreamFailure.unverifiedEmail(p.name());
        String userId = existing.map(User::id).orElseGet(() -> {
            boolean joins = p.autoJoin().filter(j -> who.emailVerified() && j.matches(prepared.email()))
                    .flatMap(j -> identity.findWorkspaceBySlug(tx, j.workspace())).isPresent();
            return provisioning.createSignedInUser(tx, prepared, who.emailVerified(), !joins, origin, method(p)).id();
        });
        links.link(tx, who.issuer(), who.subject(), userId, p.id(), clock.instant());
        return userId;
    }

    /** The auto-join rule's membership: the person who signed in is its actor. */
    private void autoJoin(Tx tx, UpstreamProvider p, UpstreamClient.Identity who, String email, String userId, Actor.Origin origin) {
        var rule = p.autoJoin().filter(j -> who.emailVerified() && j.matches(email));
        if (rule.isEmpty()) return;
        var workspace = identity.findWorkspaceBySlug(tx, rule.get().workspace());
        if (workspace.isEmpty()) {
            LOG.warn("upstream provider {}: auto_join workspace {} does not exist; rule skipped", p.id(), rule.get().workspace());
            return;
        }
        if (identity.access(tx, userId, workspace.get().id()).isEmpty()) {
            provisioning.setMember(tx, workspace.get().id(), userId, rule.get().role(), Actor.user(userId, origin));
        }
    }

    /** A password nobody knows (the account signs in upstream), and a usable name: the claim, else the email's local part. */
    private Provisioning.PreparedUser prepare(UpstreamProvider p, UpstreamClient.Identity who, String email) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String name = who.name().map(String::strip).filter(n -> !n.isEmpty() && n.length() <= 100 && DisplayText.isSafe(n))
                .orElseGet(() -> localPart(email));
        try {
            return provisioning.prepareUser(name, email, password);
        } catch (OAuthException e) {
            throw UpstreamFailure.noEmail(p.name());
        }
    }

    private static String localPart(String email) {
        String local = email.substring(0, Math.max(0, email.lastIndexOf('@')));
        String clean = local.isEmpty() || !DisplayText.isSafe(local) ? "New user" : local;
        return clean.length() > 100 ? clean.substring(0, 100) : clean;
    }
}
