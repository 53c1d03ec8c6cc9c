package dev.portcullis.operators;

import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.secrets.Ids;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Database;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Operator credentials for /manage/v1: minted by {@code portcullis admin operator-token create}
 * (whoever can run that already holds the database), shown once, stored as a hash.
 */
public final class OperatorTokens {
    private final Database db;
    private final OperatorTokenRepository tokens;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;

    public OperatorTokens(Database db, OperatorTokenRepository tokens, Ids ids, SecureRandom random, Clock clock) {
        this.db = db;
        this.tokens = tokens;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    /** The new token and its {@code pc_op_} value, shown this once. */
    public record Created(OperatorToken token, String secret) {
        @Override
        public String toString() {
            return "Created[" + token + "]";
        }
    }

    public Created create(String name) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 100) throw OAuthException.validation("name", "Name is required (at most 100 characters)");
        Token token = Token.mint(TokenKind.OPERATOR_TOKEN, random);
        OperatorToken stored = new OperatorToken(ids.next(), clean, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        db.inTransaction(tx -> {
            tokens.insert(tx, stored, token.hash());
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

    private static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidToken(description));
    }
}
