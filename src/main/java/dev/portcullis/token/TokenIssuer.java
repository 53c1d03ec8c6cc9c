package dev.portcullis.token;

import dev.portcullis.apps.App;
import dev.portcullis.config.Config;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Tx;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mints access and refresh tokens and stores only their hashes. */
public final class TokenIssuer {
    private final TokenRepository tokens;
    private final SecureRandom random;
    private final Config.Tokens lifetimes;

    public TokenIssuer(TokenRepository tokens, SecureRandom random, Config.Tokens lifetimes) {
        this.tokens = tokens;
        this.random = random;
        this.lifetimes = lifetimes;
    }

    public record IssuedAccessToken(String value, Optional<Instant> expiresAt) {
        Optional<Long> expiresIn(Instant now) {
            return expiresAt.map(at -> Duration.between(now, at).toSeconds());
        }
    }

    public IssuedAccessToken access(Tx tx, App app, Optional<String> grantId, List<String> scopes, Optional<String> resource,
                                    Instant now) {
        Optional<Instant> expiresAt = app.settings().accessTokenLifetime().resolve(lifetimes.accessTtl()).map(now::plus);
        Token token = Token.mint(TokenKind.ACCESS_TOKEN, random);
        tokens.insertAccessToken(tx, new TokenRepository.AccessTokenRow(token.hash(), app.clientId(), grantId, scopes,
                resource, "opaque", now, expiresAt));
        return new IssuedAccessToken(token.value(), expiresAt);
    }

    /** A refresh token dies after the idle lifetime, and never outlives its family. */
    public String refresh(Tx tx, TokenRepository.Grant grant, List<String> scopes, Instant now) {
        Instant idle = now.plus(lifetimes.refreshIdle());
        Instant expiresAt = idle.isBefore(grant.expiresAt()) ? idle : grant.expiresAt();
        Token token = Token.mint(TokenKind.REFRESH_TOKEN, random);
        tokens.insertRefreshToken(tx, new TokenRepository.RefreshTokenRow(token.hash(), grant.id(), scopes, now, expiresAt));
        return token.value();
    }

    public Instant familyExpiry(Instant now) {
        return now.plus(lifetimes.refreshAbsolute());
    }
}
