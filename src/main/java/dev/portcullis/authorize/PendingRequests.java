package dev.portcullis.authorize;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Authorization requests waiting for the person: stored server-side under the hash of a random
 * handle, for at most ten minutes, and deleted when answered.
 */
final class PendingRequests {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new Jdk8Module()).build();

    private final Database db;
    private final SecureRandom random;
    private final Clock clock;

    PendingRequests(Database db, SecureRandom random, Clock clock) {
        this.db = db;
        this.random = random;
        this.clock = clock;
    }

    record Pending(String handle, AuthorizeRequest request, Instant createdAt) {}

    /** Saves {@code request} for {@code browser}, or, when that is not known yet, for the first browser to {@link #find} it. */
    Pending save(AuthorizeRequest request, Optional<SecretHash> browser) {
        Token handle = Token.mint(TokenKind.AUTHORIZATION_REQUEST, random);
        Instant now = clock.instant();
        String json = write(request);
        db.inTransaction(tx -> {
            tx.update("DELETE FROM authorization_requests WHERE expires_at < ?", now);
            return tx.update("INSERT INTO authorization_requests (handle_hash, app_id, request, created_at, expires_at, browser_hash) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", handle.hash().hex(), request.clientId(), json, now, now.plus(LIFETIME),
                    browser.map(SecretHash::hex).orElse(null));
        });
        return new Pending(handle.value(), request, now);
    }

    /** The request behind {@code handle}, only for the browser that made it or, if none did yet, first claims it. */
    Optional<Pending> find(String handle, SecretHash browser) {
        Optional<SecretHash> hash = Token.parse(handle).filter(t -> t.kind() == TokenKind.AUTHORIZATION_REQUEST).map(Token::hash);
        if (hash.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        return db.inTransaction(tx -> {
            tx.update("UPDATE authorization_requests SET browser_hash = ? WHERE handle_hash = ? AND browser_hash IS NULL",
                    browser.hex(), hash.get().hex());
            return tx.queryOne("SELECT request, created_at FROM authorization_requests "
                        + "WHERE handle_hash = ? AND browser_hash = ? AND expires_at > ?",
                r -> new Pending(handle, read(r.text("request")), r.instant("created_at")), hash.get().hex(), browser.hex(), now);
        });
    }

    /**
     * The client a live request is for, read without claiming the request for any browser: only
     * the app's public registration data is shown with it ({@link PendingApps}).
     */
    static Optional<String> clientOf(dev.portcullis.storage.Tx tx, String handle, Instant now) {
        return Token.parse(handle).filter(t -> t.kind() == TokenKind.AUTHORIZATION_REQUEST)
                .flatMap(t -> tx.queryOne("SELECT app_id FROM authorization_requests WHERE handle_hash = ? AND expires_at > ?",
                        r -> r.text("app_id"), t.hash().hex(), now));
    }

    /** True for exactly one caller: a double-submitted consent form cannot mint two codes. */
    boolean consume(dev.portcullis.storage.Tx tx, String handle) {
        return Token.parse(handle).map(t -> tx.update("DELETE FROM authorization_requests WHERE handle_hash = ?",
                t.hash().hex()) == 1).orElse(false);
    }

    private static String write(AuthorizeRequest request) {
        try {
            return MAPPER.writeValueAsString(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store authorization request", e);
        }
    }

    private static AuthorizeRequest read(String json) {
        try {
            return MAPPER.readValue(json, AuthorizeRequest.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored authorization request is unreadable", e);
        }
    }
}
