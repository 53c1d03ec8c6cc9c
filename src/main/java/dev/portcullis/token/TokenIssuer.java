package dev.portcullis.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.App;
import dev.portcullis.config.Config;
import dev.portcullis.connections.Connection;
import dev.portcullis.connections.ConnectionRepository;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Mints access and refresh tokens and stores only their hashes. An app that chose JWT access
 * tokens gets RFC 9068 JWTs, whose row is keyed by the hash of the {@code jti} so they can be
 * revoked like opaque ones. A JWT never outlives the key that signed it: its lifetime is capped
 * at {@link KeyRing#overlap()}, and an app whose tokens never expire keeps opaque tokens.
 * A JWT is signed by {@link #sign} once the grant's transaction has committed: a signature costs
 * milliseconds, and SQLite's single write lock must not wait on it.
 */
public final class TokenIssuer {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

    private final TokenRepository tokens;
    private final ConnectionRepository connections;
    private final SecureRandom random;
    private final Config.Tokens lifetimes;
    private final KeyRing keys;
    private final String issuer;
    private final TokenEvents events;

    /** {@code events}: where every grant records the token it issued (token.issued), in its own transaction. */
    public TokenIssuer(TokenRepository tokens, ConnectionRepository connections, SecureRandom random, Config.Tokens lifetimes,
                       KeyRing keys, URI issuer, TokenEvents events) {
        this.events = events;
        this.tokens = tokens;
        this.connections = connections;
        this.random = random;
        this.lifetimes = lifetimes;
        this.keys = keys;
        this.issuer = issuer.toString();
    }

    public record IssuedAccessToken(String value, Optional<Instant> expiresAt) {
        public Optional<Long> expiresIn(Instant now) {
            return expiresAt.map(at -> Duration.between(now, at).toSeconds());
        }
    }

    /** An access token as stored: an opaque value, or JWT claims still to be signed. */
    public sealed interface AccessDraft {
        /** The token's row key: the SHA-256 of the opaque value, or of the JWT's jti. */
        SecretHash rowKey();

        record Opaque(String value, SecretHash rowKey, Optional<Instant> expiresAt) implements AccessDraft {}
        record Unsigned(JWTClaimsSet claims, SecretHash rowKey, Instant expiresAt, SigningAlgorithm alg) implements AccessDraft {}
    }

    public IssuedAccessToken sign(AccessDraft draft) {
        return switch (draft) {
            case AccessDraft.Opaque o -> new IssuedAccessToken(o.value(), o.expiresAt());
            case AccessDraft.Unsigned u -> new IssuedAccessToken(keys.sign(u.claims(), u.alg(), AT_JWT), Optional.of(u.expiresAt()));
        };
    }

    public AccessDraft access(Tx tx, App app, Optional<String> grantId, List<String> scopes, Optional<String> resource,
                                    Instant now) {
        return access(tx, app, grantId, scopes, resource, now, Optional.empty());
    }

    /** {@code jkt}: the DPoP key to bind the token to (RFC 9449 §6), empty for a bearer token. */
    public AccessDraft access(Tx tx, App app, Optional<String> grantId, List<String> scopes, Optional<String> resource,
                              Instant now, Optional<String> jkt) {
        Optional<Duration> lifetime = app.settings().accessTokenLifetime().resolve(lifetimes.accessTtl());
        if (app.settings().accessTokenFormat() == AccessTokenFormat.JWT && lifetime.isPresent()) {
            Duration capped = lifetime.get().compareTo(keys.overlap()) > 0 ? keys.overlap() : lifetime.get();
            return jwt(tx, app, grantId, scopes, resource, now, now.plus(capped), jkt);
        }
        Optional<Instant> expiresAt = lifetime.map(now::plus);
        Token token = Token.mint(TokenKind.ACCESS_TOKEN, random);
        tokens.insertAccessToken(tx, new TokenRepository.AccessTokenRow(token.hash(), app.clientId(), grantId, scopes,
                resource, "opaque", now, expiresAt, jkt));
        return new AccessDraft.Opaque(token.value(), token.hash(), expiresAt);
    }

    /**
     * RFC 9068 §2.2: {@code sub} is the user (the client for client_credentials), {@code aud} the
     * resource, by default the built-in API ({@code <issuer>/v2}); {@code workspace_id} names the
     * workspace the token is confined to; RFC 9449 §6.1: {@code cnf.jkt} the DPoP key it is bound to.
     */
    private AccessDraft jwt(Tx tx, App app, Optional<String> grantId, List<String> scopes, Optional<String> resource,
                                  Instant now, Instant expiresAt, Optional<String> jkt) {
        String jti = randomId();
        Optional<Connection> owner = grantId.map(id -> connections.findByGrant(tx, id).orElseThrow());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(owner.map(Connection::userId).orElse(app.clientId()))
                .audience(resource.orElse(issuer + "/v2"))
                .expirationTime(Date.from(expiresAt))
                .issueTime(Date.from(now))
                .jwtID(jti)
                .claim("client_id", app.clientId())
                .claim("scope", String.join(" ", scopes));
        owner.ifPresent(o -> claims.claim("workspace_id", o.workspaceId()));
        jkt.ifPresent(thumbprint -> claims.claim("cnf", java.util.Map.of("jkt", thumbprint)));
        SecretHash rowKey = SecretHash.of(jti);
        tokens.insertAccessToken(tx, new TokenRepository.AccessTokenRow(rowKey, app.clientId(), grantId, scopes,
                resource, "jwt", now, Optional.of(expiresAt), jkt));
        return new AccessDraft.Unsigned(claims.build(), rowKey, expiresAt, accessTokenAlg(app));
    }

    /**
     * The server's default algorithm, but for a FAPI 2.0 app its own ID token algorithm (PS256 or
     * ES256, FAPI 2.0 Security Profile §5.4.1), so none of its tokens is signed with RS256.
     */
    private SigningAlgorithm accessTokenAlg(App app) {
        if (!app.assurance().fapi2()) return keys.defaultAlgorithm();
        return SigningAlgorithm.named(app.settings().idTokenAlg()).orElse(keys.defaultAlgorithm());
    }

    /** A refresh token dies after the idle lifetime, and never outlives its family. */
    public String refresh(Tx tx, TokenRepository.Grant grant, List<String> scopes, Instant now) {
        return refresh(tx, grant, scopes, now, Optional.empty());
    }

    /** {@code jkt}: the DPoP key a public client's refresh token is bound to (RFC 9449 §5). */
    public String refresh(Tx tx, TokenRepository.Grant grant, List<String> scopes, Instant now, Optional<String> jkt) {
        Instant idle = now.plus(lifetimes.refreshIdle());
        Instant expiresAt = idle.isBefore(grant.expiresAt()) ? idle : grant.expiresAt();
        Token token = Token.mint(TokenKind.REFRESH_TOKEN, random);
        tokens.insertRefreshToken(tx, new TokenRepository.RefreshTokenRow(token.hash(), grant.id(), scopes, now, expiresAt, jkt));
        return token.value();
    }

    /** The audit events of issuing: every grant records its token.issued through these, in its transaction. */
    public TokenEvents events() {
        return events;
    }

    public Instant familyExpiry(Instant now) {
        return now.plus(lifetimes.refreshAbsolute());
    }

    /** 256 random bits: the jti is no secret (the JWT is signed), but must never repeat. */
    private String randomId() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
