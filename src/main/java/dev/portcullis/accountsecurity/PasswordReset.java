package dev.portcullis.accountsecurity;

import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.identity.LoginSessions;
import dev.portcullis.identity.User;
import dev.portcullis.identity.UserRepository;
import dev.portcullis.secrets.Passwords;
import dev.portcullis.storage.Database;
import java.util.Optional;

/**
 * "Forgot password?" (OWASP Forgot Password Cheat Sheet): a link mailed to the account's address,
 * valid 30 minutes and once, sets a new password under the sign-up rule. Completing it ends every
 * login session of the user, deletes their other reset links, and verifies the address (following
 * the link proved it). Tokens already issued to apps are not touched: /account disconnects apps.
 */
public final class PasswordReset {
    private final Database db;
    private final UserRepository users;
    private final LoginSessions sessions;
    private final Passwords passwords;
    private final AccountTokens tokens;
    private final EventLog events;

    PasswordReset(Database db, UserRepository users, LoginSessions sessions, Passwords passwords, AccountTokens tokens,
                  EventLog events) {
        this.db = db;
        this.users = users;
        this.sessions = sessions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.events = events;
    }

    /** A link for the account with this address, or empty when there is none (the caller answers the same either way). */
    public Optional<Issued> request(String email, Actor.Origin origin) {
        String key = email == null ? "" : email.strip();
        if (key.isEmpty()) return Optional.empty();
        return db.inTransaction(tx -> users.findByEmail(tx, key).map(u -> {
            // Asked by someone not signed in: anonymous, about the account the address named.
            events.record(tx, EventDraft.of(EventType.PASSWORD_RESET_REQUESTED, Actor.anonymous(origin)).about("user", u.id()));
            return tokens.issue(tx, u, Purpose.RESET_PASSWORD);
        }));
    }

    /** Whose reset a link starts, without using it; empty when unknown, used or expired. */
    public Optional<User> pending(String presented) {
        var token = AccountTokens.parse(presented, Purpose.RESET_PASSWORD);
        if (token.isEmpty()) return Optional.empty();
        return db.read(tx -> tokens.findLive(tx, token.get(), Purpose.RESET_PASSWORD).flatMap(h -> users.findById(tx, h.userId())));
    }

    /**
     * Sets the new password and uses the link: the user, or empty when the link no longer works.
     * A password that breaks the rule throws its validation error and leaves the link usable.
     */
    public Optional<User> complete(String presented, String newPassword, Actor.Origin origin) {
        var token = AccountTokens.parse(presented, Purpose.RESET_PASSWORD);
        Optional<User> user = pending(presented);
        if (token.isEmpty() || user.isEmpty()) return Optional.empty();
        Passwords.checkPolicy("password", newPassword, user.get().email(), user.get().name());
        String hash = passwords.hash(newPassword); // slow: outside the transaction
        return db.inTransaction(tx -> tokens.redeem(tx, token.get(), Purpose.RESET_PASSWORD).flatMap(holder -> {
            User u = users.findById(tx, holder.userId()).orElseThrow();
            users.changePassword(tx, u.id(), hash);
            sessions.endAll(tx, u.id());
            tokens.deleteAll(tx, u.id(), Purpose.RESET_PASSWORD);
            if (!u.emailVerified() && u.email().equalsIgnoreCase(holder.email())) {
                users.changeEmail(tx, u.id(), u.email(), true);
                tokens.deleteAll(tx, u.id(), Purpose.VERIFY_EMAIL);
            }
            events.record(tx, EventDraft.of(EventType.PASSWORD_RESET, Actor.user(u.id(), origin)).about("user", u.id()));
            return users.findById(tx, u.id());
        }));
    }
}
