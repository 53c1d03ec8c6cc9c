package dev.portcullis.accountsecurity;

import dev.portcullis.identity.User;
import dev.portcullis.secrets.Token;
import dev.portcullis.storage.Tx;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Minting and reading the mailed links, shared by {@link EmailVerification} and {@link PasswordReset}. */
final class AccountTokens {
    private final AccountTokenRepository repository;
    private final SecureRandom random;
    private final Clock clock;

    AccountTokens(AccountTokenRepository repository, SecureRandom random, Clock clock) {
        this.repository = repository;
        this.random = random;
        this.clock = clock;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A new link for {@code user}'s current address; earlier links of the same purpose stop working. */
    Issued issue(Tx tx, User user, Purpose purpose) {
        Token token = Token.mint(purpose.kind(), random);
        Instant now = now();
        repository.deleteAll(tx, user.id(), purpose);
        repository.insert(tx, token.hash(), purpose, new AccountTokenRepository.Holder(user.id(), user.email()), now,
                now.plus(purpose.lifetime()));
        return new Issued(user, purpose, token);
    }

    /** The well-formed token of {@code purpose}'s kind in {@code presented}, else empty (no lookup). */
    static Optional<Token> parse(String presented, Purpose purpose) {
        return Token.parse(presented).filter(t -> t.kind() == purpose.kind());
    }

    Optional<AccountTokenRepository.Holder> findLive(Tx tx, Token token, Purpose purpose) {
        return repository.findLive(tx, token.hash(), purpose, now());
    }

    Optional<AccountTokenRepository.Holder> redeem(Tx tx, Token token, Purpose purpose) {
        return repository.redeem(tx, token.hash(), purpose, now());
    }

    void deleteAll(Tx tx, String userId, Purpose purpose) {
        repository.deleteAll(tx, userId, purpose);
    }
}
