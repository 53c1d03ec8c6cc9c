package dev.portcullis.accountsecurity;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.User;
import dev.portcullis.identity.UserRepository;
import dev.portcullis.storage.Database;
import java.util.Optional;

/**
 * Proving an email address: a link mailed to it (valid 24 hours, once) sets {@code email_verified},
 * which ID tokens and userinfo report (OIDC Core §5.1). A link proves only the address it was sent
 * to: after the address changes, an older link verifies nothing.
 */
public final class EmailVerification {
    private final Database db;
    private final UserRepository users;
    private final AccountTokens tokens;
    private final EventLog events;

    EmailVerification(Database db, UserRepository users, AccountTokens tokens, EventLog events) {
        this.db = db;
        this.users = users;
        this.tokens = tokens;
        this.events = events;
    }

    /** A new link for the user, or empty when their address is verified already. */
    public Optional<Issued> issue(String userId) {
        return db.inTransaction(tx -> users.findById(tx, userId).filter(u -> !u.emailVerified())
                .map(u -> tokens.issue(tx, u, Purpose.VERIFY_EMAIL)));
    }

    /** Uses the link: the user, now verified; empty for a link unknown, used, expired, or for an address no longer theirs. */
    public Optional<User> verify(String presented, Actor.Origin origin) {
        var token = AccountTokens.parse(presented, Purpose.VERIFY_EMAIL);
        if (token.isEmpty()) return Optional.empty();
        return db.inTransaction(tx -> tokens.redeem(tx, token.get(), Purpose.VERIFY_EMAIL)
                .flatMap(holder -> users.findById(tx, holder.userId())
                        .filter(u -> u.email().equalsIgnoreCase(holder.email()))
                        .map(u -> {
                            users.changeEmail(tx, u.id(), u.email(), true);
                            tokens.deleteAll(tx, u.id(), Purpose.VERIFY_EMAIL);
                            // Whoever holds the link acts as its user: the link is what proves it.
                            events.record(tx, EventDraft.of(EventType.EMAIL_VERIFIED, Actor.user(u.id(), origin)).about("user", u.id()));
                            return users.findById(tx, u.id()).orElseThrow();
                        })));
    }
}
