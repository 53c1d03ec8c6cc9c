package dev.portcullis.mfa;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A login past its password that waits for the second factor. The browser holds a random value in
 * a cookie; only its SHA-256 is stored, with the user, the return_to of the first step and how that step was passed, for
 * {@link #LIFETIME}. It is not a session: nothing is signed in until {@link #finish} removes it.
 */
public final class PendingLogins {
    public static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");
    private final Database db;
    private final PendingLoginRepository pending;
    private final Clock clock;
    private final SecureRandom random;

    /** {@code method}: how the first factor was given, as the login event names it ("password", "external", "upstream:<id>"). */
    public record Pending(String userId, String returnTo, String method) {}

    public PendingLogins(Database db, PendingLoginRepository pending, Clock clock, SecureRandom random) {
        this.db = db;
        this.pending = pending;
        this.clock = clock;
        this.random = random;
    }

    /** Starts one; the value for the browser's cookie. */
    public String start(String userId, String returnTo, String method) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        db.inTransaction(tx -> {
            pending.deleteExpiredOf(tx, userId, now);
            pending.insert(tx, SecretHash.of(value), new PendingLoginRepository.Stored(userId, returnTo, method, now.plus(LIFETIME)));
            return null;
        });
        return value;
    }

    public Optional<Pending> find(String cookieValue) {
        if (!WELL_FORMED.matcher(cookieValue).matches()) return Optional.empty();
        return db.read(tx -> pending.find(tx, SecretHash.of(cookieValue), clock.instant()))
                .map(s -> new Pending(s.userId(), s.returnTo(), s.method()));
    }

    /** Ends it; true only once, so two tabs cannot both turn it into a session. */
    public boolean finish(String cookieValue) {
        if (!WELL_FORMED.matcher(cookieValue).matches()) return false;
        return db.inTransaction(tx -> pending.delete(tx, SecretHash.of(cookieValue)));
    }
}
