package dev.portcullis.identity;

import dev.portcullis.config.Config;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions behind the session cookie. The cookie holds a {@code pc_sess_} token; only its
 * SHA-256 is stored. A session ends after {@code idle} unused or {@code absolute} after login,
 * whichever comes first (OWASP Session Management Cheat Sheet).
 */
public final class LoginSessions {
    /** last_seen_at is written at most this often, so reading a page is not a write per request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final LoginSessionRepository sessions;
    private final Config.Sessions config;
    private final SecureRandom random;

    public record Started(String cookieValue, LoginSession session) {}

    public LoginSessions(Database db, LoginSessionRepository sessions, Config.Sessions config, SecureRandom random) {
        this.db = db;
        this.sessions = sessions;
        this.config = config;
        this.random = random;
    }

    /** A session whose way of login is not known here (amr left out of ID tokens). */
    public Started start(String userId, Instant at) {
        return start(userId, at, List.of());
    }

    /** A session authenticated by {@code amr} (OIDC amr values: "pwd", or "pwd", "otp", "mfa"). */
    public Started start(String userId, Instant at, List<String> amr) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS); // what storage keeps, so resolve() returns an equal record
        Token token = Token.mint(TokenKind.SESSION, random);
        byte[] csrf = new byte[32];
        random.nextBytes(csrf);
        String csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(csrf);
        var stored = new LoginSessionRepository.Stored(userId, csrfToken, now, now, now.plus(config.absolute()), amr);
        db.inTransaction(tx -> {
            sessions.deleteExpiredOf(tx, userId, now, now.minus(config.idle()));
            sessions.insert(tx, token.hash(), stored);
            return null;
        });
        return new Started(token.value(), new LoginSession(userId, csrfToken, now, amr));
    }

    /** The live session behind a cookie value; empty when malformed, unknown, idle too long or past its end. */
    public Optional<LoginSession> resolve(String cookieValue, Instant now) {
        Optional<Token> token = Token.parse(cookieValue).filter(t -> t.kind() == TokenKind.SESSION);
        if (token.isEmpty()) return Optional.empty();
        var id = token.get().hash();
        var found = db.read(tx -> sessions.find(tx, id));
        if (found.isEmpty()) return Optional.empty();
        var s = found.get();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(config.idle()))) {
            db.inTransaction(tx -> sessions.delete(tx, id));
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeenAt().plus(TOUCH_EVERY))) {
            db.inTransaction(tx -> {
                sessions.touch(tx, id, now);
                return null;
            });
        }
        return Optional.of(new LoginSession(s.userId(), s.csrfToken(), s.authTime(), s.amr()));
    }

    /** Logout: the session is gone for every instance at once. */
    public void end(String cookieValue) {
        Token.parse(cookieValue).filter(t -> t.kind() == TokenKind.SESSION)
                .ifPresent(t -> db.inTransaction(tx -> sessions.delete(tx, t.hash())));
    }
}
