package dev.portcullis.token;

import dev.portcullis.credentials.OAuthTokenCredentials;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Tx;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Codes, grants (token families), access and refresh tokens: the owner of authorization_codes,
 * grants, access_tokens and refresh_tokens, so it also serves the credential resolver's look-ups
 * and revocation. Redeeming a code and rotating a refresh token are single guarded UPDATEs, so of
 * two concurrent attempts exactly one wins.
 */
public interface TokenRepository extends OAuthTokenCredentials {

    /** {@code claims}: the claims request of the authorization, which UserInfo answers for every token of the family. */
    record Grant(String id, String appId, String connectionId, List<String> scopes, Optional<String> resource,
                 Instant authTime, Instant createdAt, Instant expiresAt, ClaimsRequest claims) {
        public Grant(String id, String appId, String connectionId, List<String> scopes, Optional<String> resource,
                     Instant authTime, Instant createdAt, Instant expiresAt) {
            this(id, appId, connectionId, scopes, resource, authTime, createdAt, expiresAt, ClaimsRequest.NONE);
        }
    }

    /**
     * {@code claims} and {@code acrValues}: what the authorization request asked of the ID token (OIDC Core §5.5, §3.1.2.1).
     * {@code dpopJkt}: the DPoP key the request named (RFC 9449 §10), which the token request's proof must be signed with.
     */
    record Code(SecretHash hash, String appId, String connectionId, String redirectUri, List<String> scopes,
                Optional<String> codeChallenge, Optional<String> nonce, Optional<String> resource, Instant authTime,
                Instant createdAt, Instant expiresAt, ClaimsRequest claims, List<String> acrValues, Optional<String> dpopJkt,
                List<String> amr) {
        /** {@code amr}: how the approving login session was authenticated (OIDC amr), for the ID token. */
        public Code(SecretHash hash, String appId, String connectionId, String redirectUri, List<String> scopes,
                    Optional<String> codeChallenge, Optional<String> nonce, Optional<String> resource, Instant authTime,
                    Instant createdAt, Instant expiresAt, ClaimsRequest claims, List<String> acrValues, Optional<String> dpopJkt) {
            this(hash, appId, connectionId, redirectUri, scopes, codeChallenge, nonce, resource, authTime, createdAt, expiresAt,
                    claims, acrValues, dpopJkt, List.of());
        }

        public Code(SecretHash hash, String appId, String connectionId, String redirectUri, List<String> scopes,
                    Optional<String> codeChallenge, Optional<String> nonce, Optional<String> resource, Instant authTime,
                    Instant createdAt, Instant expiresAt, ClaimsRequest claims, List<String> acrValues) {
            this(hash, appId, connectionId, redirectUri, scopes, codeChallenge, nonce, resource, authTime, createdAt, expiresAt,
                    claims, acrValues, Optional.empty());
        }

        public Code(SecretHash hash, String appId, String connectionId, String redirectUri, List<String> scopes,
                    Optional<String> codeChallenge, Optional<String> nonce, Optional<String> resource, Instant authTime,
                    Instant createdAt, Instant expiresAt) {
            this(hash, appId, connectionId, redirectUri, scopes, codeChallenge, nonce, resource, authTime, createdAt, expiresAt,
                    ClaimsRequest.NONE, List.of());
        }
    }

    /** {@code jkt}: the thumbprint of the DPoP key the token is bound to (RFC 9449 §6), empty for a bearer token. */
    record AccessTokenRow(SecretHash hash, String appId, Optional<String> grantId, List<String> scopes,
                          Optional<String> resource, String format, Instant createdAt, Optional<Instant> expiresAt,
                          Optional<String> jkt) {
        public AccessTokenRow(SecretHash hash, String appId, Optional<String> grantId, List<String> scopes,
                              Optional<String> resource, String format, Instant createdAt, Optional<Instant> expiresAt) {
            this(hash, appId, grantId, scopes, resource, format, createdAt, expiresAt, Optional.empty());
        }
    }

    /** {@code jkt}: the DPoP key a public client's refresh token is bound to (RFC 9449 §5), kept through rotation. */
    record RefreshTokenRow(SecretHash hash, String grantId, List<String> scopes, Instant createdAt, Instant expiresAt,
                           Optional<String> jkt) {
        public RefreshTokenRow(SecretHash hash, String grantId, List<String> scopes, Instant createdAt, Instant expiresAt) {
            this(hash, grantId, scopes, createdAt, expiresAt, Optional.empty());
        }
    }

    sealed interface Redemption {
        /** {@code workspaceId}: the workspace of the code's connection, read by the same statement (for the audit event). */
        record Redeemed(Code code, Optional<String> workspaceId) implements Redemption {}
        /** The code was used before: the family issued from it must die (RFC 6749 §4.1.2). */
        record Replayed(Optional<String> grantId) implements Redemption {}
        record Unknown() implements Redemption {}
    }

    sealed interface Rotation {
        /** {@code workspaceId}: the workspace of the grant's connection, read with the grant (for the audit event). */
        record Rotated(RefreshTokenRow token, Grant grant, Optional<String> workspaceId) implements Rotation {}
        /** A rotated-away token came back: someone holds a copy; the family must die (RFC 9700 §4.14.2). */
        record Reused(String grantId) implements Rotation {}
        record Unknown() implements Rotation {}
    }

    void insertGrant(Tx tx, Grant grant);

    /** A grant obtained by token exchange, with its RFC 8693 §4.1 actor chain ({@code act}, a JSON object). */
    void insertDelegatedGrant(Tx tx, Grant grant, String act);

    Optional<Grant> findGrant(Tx tx, String grantId);

    /** The claims request a grant was authorized with; NONE for an unknown grant. */
    ClaimsRequest claimsOf(Tx tx, String grantId);

    /** Deletes a grant and, by cascade, every token of it. */
    void revokeGrant(Tx tx, String grantId);

    void insertCode(Tx tx, Code code);

    /** Marks the code used if it is unused and belongs to {@code appId}. */
    Redemption redeem(Tx tx, SecretHash codeHash, String appId, Instant now);

    void attachGrant(Tx tx, SecretHash codeHash, String grantId);

    void insertAccessToken(Tx tx, AccessTokenRow token);

    void insertRefreshToken(Tx tx, RefreshTokenRow token);

    /** Marks the refresh token used if it is live, unused and belongs to {@code appId}. */
    Rotation rotate(Tx tx, SecretHash refreshHash, String appId, Instant now);

    /**
     * RFC 7009: deletes one access token row (opaque, or a JWT's by its jti hash) if it is
     * {@code appId}'s; a token of another client is left alone. Its hash when deleted, for the
     * caller to invalidate.
     */
    List<SecretHash> revokeAccessToken(Tx tx, SecretHash hash, boolean jwt, String appId);

    /**
     * RFC 7009 §2.1: deletes the grant of a refresh token of {@code appId}, used or not, and with
     * it the whole family. The hashes of the access tokens that died with it.
     */
    List<SecretHash> revokeRefreshToken(Tx tx, SecretHash hash, String appId);
}
