package dev.portcullis.operators;

import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Operator credentials for /manage/v1: minted by {@code portcullis admin operator-token create}
 * (whoever can run that already holds the database), shown once, stored as a hash. Creating one
 * records operator_token.created; using one records operator_token.used at most once an hour per
 * token ({@link #USE_NOTED_EVERY}), so automation calling /manage/v1 does not flood the audit log.
 */
public final class OperatorTokens {
    /** operator_token.used is recorded at most this often per token. */
    static final Duration USE_NOTED_EVERY = Duration.ofHours(1);

    private final Database db;
    private final OperatorTokenRepository tokens;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final EventLog events;
    /** When this instance last recorded each token's use: most calls are skipped without a query. */
    private final Map<String, Instant> useNoted = new ConcurrentHashMap<>();

    public OperatorTokens(Database db, OperatorTokenRepository tokens, Ids ids, SecureRandom random, Clock clock, EventLog events) {
        this.db = db;
        this.tokens = tokens;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.events = events;
    }

    /** The new token and its {@code pc_op_} value, shown this once. */
    public record Created(OperatorToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token + "]";
        }
    }

    public Created create(String name, Actor actor) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) throw OAuthException.validation("name", "Name is required (at most 100 characters)");
        Token token = Token.mint(TokenKind.OPERATOR_TOKEN, random);
        OperatorToken stored = new OperatorToken(ids.next(), clean, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        db.inTransaction(tx -> {
            tokens.insert(tx, stored, token.hash());
            events.record(tx, EventDraft.of(EventType.OPERATOR_TOKEN_CREATED, actor).about("operator_token", stored.id())
                    .with("name", clean));
            return null;
        });
        return new Created(stored, token.value());
    }

    /** The operator behind an {@code Authorization: Bearer pc_op_…} header, or 401 (RFC 6750 §3.1). */
    public OperatorToken authenticate(Optional<String> authorization) {
        String value = authorization.map(AuthorizationHeader::parse).flatMap(AuthorizationHeader::bearer)
                .orElseThrow(() -> invalid("An operator token is required"));
        return Token.parse(value)
                .filter(t -> t.kind() == TokenKind.OPERATOR_TOKEN)
                .flatMap(t -> db.read(tx -> tokens.findByHash(tx, t.hash())))
                .orElseThrow(() -> invalid("Unknown operator token"));
    }

    /** As {@link #authenticate(Optional)}, and the use is recorded (at most once an hour per token) with the request's origin. */
    public OperatorToken authenticate(Optional<String> authorization, Actor.Origin origin) {
        OperatorToken token = authenticate(authorization);
        noteUse(token, origin);
        return token;
    }

    /**
     * operator_token.used unless this token's use was recorded in the last hour: this instance
     * remembers when it last recorded it, and otherwise asks the log itself (other instances, restarts).
     */
    private void noteUse(OperatorToken token, Actor.Origin origin) {
        Instant now = clock.instant();
        Instant since = now.minus(USE_NOTED_EVERY);
        boolean[] due = {false};
        useNoted.compute(token.id(), (id, last) -> {
            if (last != null && last.isAfter(since)) return last;
            due[0] = true;
            return now;
        });
        if (!due[0]) return;
        var recent = events.page(EventQuery.newest(1).byActor(token.id()).ofTypes(Set.of(EventType.OPERATOR_TOKEN_USED))
                .between(Optional.of(since), Optional.empty()));
        if (!recent.events().isEmpty()) return;
        events.record(EventDraft.of(EventType.OPERATOR_TOKEN_USED, Actor.operator(token.id(), origin))
                .about("operator_token", token.id()).with("name", token.name()));
    }

    private static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidToken(description));
    }
}
