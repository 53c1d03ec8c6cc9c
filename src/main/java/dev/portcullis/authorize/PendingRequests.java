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
public final class PendingRequests {
    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new Jdk8Module()).build();

    private final Database db;
    private final AuthorizationRequestRepository requests;
    private final SecureRandom random;
    private final Clock clock;

    public PendingRequests(Database db, AuthorizationRequestRepository requests, SecureRandom random, Clock clock) {
        this.db = db;
        this.requests = requests;
        this.random = random;
        this.clock = clock;
    }

    /** {@code browser}: the binding of the browser that holds it, once one does. */
    record Pending(String handle, AuthorizeRequest request, Instant createdAt, Optional<SecretHash> browser) {}

    /** Saves {@code request} for {@code browser}, or, when that is not known yet, for the first browser to {@link #find} it. */
    Pending save(AuthorizeRequest request, Optional<SecretHash> browser) {
        Token handle = Token.mint(TokenKind.AUTHORIZATION_REQUEST, random);
        Instant now = clock.instant();
        var stored = new AuthorizationRequestRepository.Stored(handle.hash(), request.clientId(), write(request), now,
                now.plus(LIFETIME), browser);
        db.inTransaction(tx -> {
            requests.insert(tx, stored, now);
            return null;
        });
        return new Pending(handle.value(), request, now, browser);
    }

    /** The request behind {@code handle}, only for the browser that made it or, if none did yet, first claims it. */
    Optional<Pending> find(String handle, SecretHash browser) {
        Optional<SecretHash> hash = hashOf(handle);
        if (hash.isEmpty()) return Optional.empty();
        Instant now = clock.instant();
        return db.inTransaction(tx -> requests.claim(tx, hash.get(), browser, now))
                .map(stored -> new Pending(handle, read(stored.request()), stored.createdAt(), Optional.of(browser)));
    }

    /** The client_id of the live request behind {@code handle}, whichever browser holds it. */
    Optional<String> appOf(String handle) {
        return hashOf(handle).flatMap(hash -> db.read(tx -> requests.appOf(tx, hash, clock.instant())));
    }

    /** True for exactly one caller: a double-submitted consent form cannot mint two codes. */
    boolean consume(dev.portcullis.storage.Tx tx, String handle) {
        return hashOf(handle).map(hash -> requests.consume(tx, hash)).orElse(false);
    }

    /** The hash a handle is stored under, when it is a well-formed handle at all. */
    static Optional<SecretHash> hashOf(String handle) {
        return Token.parse(handle).filter(t -> t.kind() == TokenKind.AUTHORIZATION_REQUEST).map(Token::hash);
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
