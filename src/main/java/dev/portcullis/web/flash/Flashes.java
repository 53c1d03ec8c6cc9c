package dev.portcullis.web.flash;

import dev.portcullis.keys.KeyRing;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.web.Pages;
import dev.portcullis.web.SessionCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Post/Redirect/Get with a message: a successful form POST stores a {@link Flash} and answers 303
 * to a GET page whose URL names it ({@code ?flash=<id>#section}); that GET takes it. The flash is
 * stored in the database (any instance may serve the GET), bound to the login session that made
 * it, read once and kept {@link #LIFETIME} at most; a secret in it is sealed with the master key.
 * Reloading the page then repeats nothing and shows no secret.
 */
public final class Flashes {
    public static final String PARAM = "flash";
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final Database db;
    private final FlashRepository flashes;
    private final KeyRing keys;
    private final SessionCookie cookie;
    private final Clock clock;
    private final SecureRandom random;

    public Flashes(Database db, FlashRepository flashes, KeyRing keys, SessionCookie cookie, Clock clock, SecureRandom random) {
        this.db = db;
        this.flashes = flashes;
        this.keys = keys;
        this.cookie = cookie;
        this.clock = clock;
        this.random = random;
    }

    /** Stores {@code flash} for this request's login session and answers 303 to {@code path}, scrolled to its section. */
    public void redirect(ServerRequest req, ServerResponse res, String path, Flash flash) {
        SecretHash session = session(req).orElseThrow(() -> new IllegalStateException("a flash needs a login session"));
        String id = newId();
        SecretHash idHash = SecretHash.of(id);
        Instant now = clock.instant();
        // The row's id hash rides in the JWE header: a sealed secret copied onto another row does not open.
        var stored = new FlashRepository.Stored(session, flash.section(), flash.notice(),
                flash.secret().map(Flash.Secret::label),
                flash.secret().map(s -> keys.sealSecret(label(idHash), s.value())), now.plus(LIFETIME));
        db.inTransaction(tx -> {
            flashes.deleteExpiredOf(tx, session, now);
            flashes.insert(tx, idHash, stored);
            return null;
        });
        Pages.redirect(res, path + (path.contains("?") ? "&" : "?") + PARAM + "=" + id + "#" + flash.section());
    }

    /** The flash this GET's URL names, once; empty on a reload, for another session, after its lifetime, or when none is named. */
    public Optional<Flash> take(ServerRequest req) {
        Optional<String> id = req.query().first(PARAM).asOptional().filter(v -> WELL_FORMED.matcher(v).matches());
        Optional<SecretHash> session = session(req);
        if (id.isEmpty() || session.isEmpty()) return Optional.empty();
        SecretHash idHash = SecretHash.of(id.get());
        return db.inTransaction(tx -> flashes.take(tx, idHash, session.get(), clock.instant())).map(s -> {
            Optional<Flash.Secret> secret = s.sealedSecret().flatMap(sealed -> keys.openSecret(label(idHash), sealed))
                    .map(value -> new Flash.Secret(s.secretLabel().orElse("Secret"), value));
            return new Flash(s.section(), s.notice(), secret);
        });
    }

    private Optional<SecretHash> session(ServerRequest req) {
        return cookie.read(req).map(SecretHash::of);
    }

    private String newId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String label(SecretHash idHash) {
        return "flash:" + idHash.hex();
    }
}
