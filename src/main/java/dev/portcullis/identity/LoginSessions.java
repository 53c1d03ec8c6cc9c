package dev.portcullis.identity;

import dev.portcullis.config.Config;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
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
    private final EventLog events;

    public record Started(String cookieValue, LoginSession session) {}

    public LoginSessions(Database db, LoginSessionRepository sessions, Config.Sessions config, SecureRandom random, EventLog events) {
        this.db = db;
        this.sessions = sessions;
        this.config = config;
        this.random = random;
        this.events = events;
    }

    /** One of a user's live sessions as /account lists it; {@code current} is the one the request came with. */
    public record Active(String handle, Optional<String> userAgent, Optional<String> address, Instant createdAt, Instant lastUsedAt,
                         boolean current) {}

    /**
     * A session with no login event: right after sign-up, whose own event says it. {@code origin}: the
     * browser and address of the login, shown on /account's session list. Its amr is unknown here (left out of ID tokens).
     */
    public Started start(String userId, Instant at, Actor.Origin origin) {
        return open(userId, at, origin, List.of(), Optional.empty());
    }

    /**
     * A session for someone who just proved who they are: login.succeeded by the user, in the
     * session's transaction, with {@code method} ({@code password}, {@code external}, {@code upstream:<provider>}).
     */
    public Started logIn(String userId, Instant at, Actor.Origin origin, String method) {
        return logIn(userId, at, origin, method, List.of());
    }

    /** As {@link #logIn(String, Instant, Actor.Origin, String)}, authenticated by {@code amr} (OIDC amr: "pwd", or "pwd", "otp", "mfa"). */
    public Started logIn(String userId, Instant at, Actor.Origin origin, String method, List<String> amr) {
        return open(userId, at, origin, amr, Optional.of(EventDraft.of(EventType.LOGIN_SUCCEEDED, Actor.user(userId, origin))
                .about("user", userId).with("method", method).with("amr", amr.isEmpty() ? null : amr)));
    }

    private Started open(String userId, Instant at, Actor.Origin origin, List<String> amr, Optional<EventDraft> event) {
        Instant now = at.truncatedTo(ChronoUnit.MILLIS); // what storage keeps, so resolve() returns an equal record
        Token token = Token.mint(TokenKind.SESSION, random);
        byte[] csrf = new byte[32];
        random.nextBytes(csrf);
        String csrfToken = Base64.getUrlEncoder().withoutPadding().encodeToString(csrf);
        var stored = new LoginSessionRepository.Stored(userId, csrfToken, now, now, now.plus(config.absolute()), amr);
        db.inTransaction(tx -> {
            sessions.deleteExpiredOf(tx, userId, now, now.minus(config.idle()));
            sessions.insert(tx, token.hash(), stored, origin);
            event.ifPresent(e -> events.record(tx, e));
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

    /** The user's live sessions, most recently used first, the one behind {@code currentCookie} marked. */
    public List<Active> activeOf(String userId, Optional<String> currentCookie, Instant now) {
        Optional<String> current = currentCookie.flatMap(LoginSessions::sessionToken).map(t -> LoginSessionRepository.handleOf(t.hash()));
        return db.read(tx -> sessions.listOf(tx, userId, now, now.minus(config.idle()))).stream()
                .map(l -> {
                    String handle = LoginSessionRepository.handleOf(l.id());
                    return new Active(handle, l.userAgent(), l.address(), l.authTime(), l.lastSeenAt(),
                            current.filter(handle::equals).isPresent());
                })
                .toList();
    }

    /** Ends one of the user's own sessions by its handle; false when they have none such (another user's is never touched). */
    public boolean endOne(String userId, String handle) {
        return db.inTransaction(tx -> sessions.deleteOf(tx, userId, handle));
    }

    /** Ends every session of the user but the one behind {@code keepCookie}; how many ended. */
    public int endOthers(String userId, String keepCookie) {
        Optional<SecretHash> keep = sessionToken(keepCookie).map(Token::hash);
        return db.inTransaction(tx -> sessions.deleteAllOf(tx, userId, keep));
    }

    /**
     * An operator signs the user out everywhere (an incident: a stolen laptop, a leaked password):
     * every session ends, recorded as one logout by the operator with the count; how many ended.
     */
    public int endAllByOperator(Actor operator, String userId) {
        return db.inTransaction(tx -> {
            int ended = endAll(tx, userId);
            if (ended > 0) {
                events.record(tx, EventDraft.of(EventType.LOGOUT, operator).about("user", userId)
                        .with("by", "operator").with("sessions", ended));
            }
            return ended;
        });
    }

    /** Inside the caller's transaction (a password reset): every session of the user ends. */
    public int endAll(Tx tx, String userId) {
        return sessions.deleteAllOf(tx, userId, Optional.empty());
    }

    private static Optional<Token> sessionToken(String cookieValue) {
        return Token.parse(cookieValue).filter(t -> t.kind() == TokenKind.SESSION);
    }

    /** Logout: the session is gone for every instance at once; a live session's end is recorded as logout by its user. */
    public void logOut(String cookieValue, Actor.Origin origin) {
        Token.parse(cookieValue).filter(t -> t.kind() == TokenKind.SESSION).ifPresent(t -> db.inTransaction(tx -> {
            var ended = sessions.find(tx, t.hash());
            sessions.delete(tx, t.hash());
            ended.ifPresent(s -> events.record(tx, EventDraft.of(EventType.LOGOUT, Actor.user(s.userId(), origin)).about("user", s.userId())));
            return null;
        }));
    }

    /** The session is gone for every instance at once (a replaced session, an ended one); no event. */
    public void end(String cookieValue) {
        Token.parse(cookieValue).filter(t -> t.kind() == TokenKind.SESSION)
                .ifPresent(t -> db.inTransaction(tx -> sessions.delete(tx, t.hash())));
    }
}
