package dev.portcullis.token;

import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import dev.portcullis.userinfo.ClaimsRequest;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@link TokenRepository} in one SQL for SQLite and PostgreSQL. */
public final class SqlTokenRepository implements TokenRepository {
    private static final String CODE_COLUMNS = "code_hash, app_id, connection_id, redirect_uri, scopes, code_challenge, "
            + "nonce, resource, auth_time, created_at, expires_at, claims, acr_values";
    private static final String GRANT_COLUMNS = "id, app_id, connection_id, scopes, resource, auth_time, created_at, expires_at, claims";

    @Override
    public void insertGrant(Tx tx, Grant g) {
        tx.update("INSERT INTO grants (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                g.id(), g.appId(), g.connectionId(), join(g.scopes()), g.resource().orElse(null), g.authTime(),
                g.createdAt(), g.expiresAt(), g.claims().toJson());
    }

    @Override
    public Optional<Grant> findGrant(Tx tx, String grantId) {
        return tx.queryOne("SELECT " + GRANT_COLUMNS + " FROM grants WHERE id = ?", SqlTokenRepository::grant, grantId);
    }

    @Override
    public ClaimsRequest claimsOf(Tx tx, String grantId) {
        return tx.queryOne("SELECT claims FROM grants WHERE id = ?", r -> ClaimsRequest.fromJson(r.optionalText("claims").orElse(null)),
                grantId).orElse(ClaimsRequest.NONE);
    }

    @Override
    public void revokeGrant(Tx tx, String grantId) {
        tx.update("DELETE FROM grants WHERE id = ?", grantId);
    }

    @Override
    public void insertCode(Tx tx, Code c) {
        tx.update("INSERT INTO authorization_codes (" + CODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.hash().hex(), c.appId(), c.connectionId(), c.redirectUri(), join(c.scopes()), c.codeChallenge().orElse(null),
                c.nonce().orElse(null), c.resource().orElse(null), c.authTime(), c.createdAt(), c.expiresAt(), c.claims().toJson(),
                c.acrValues().isEmpty() ? null : join(c.acrValues()));
    }

    @Override
    public Redemption redeem(Tx tx, SecretHash codeHash, String appId, Instant now) {
        Optional<Code> won = tx.queryOne("UPDATE authorization_codes SET used_at = ? "
                + "WHERE code_hash = ? AND app_id = ? AND used_at IS NULL RETURNING " + CODE_COLUMNS,
                SqlTokenRepository::code, now, codeHash.hex(), appId);
        if (won.isPresent()) return new Redemption.Redeemed(won.get());
        return tx.queryOne("SELECT grant_id, used_at FROM authorization_codes WHERE code_hash = ? AND app_id = ?",
                        r -> r.optionalInstant("used_at").isPresent()
                                ? (Redemption) new Redemption.Replayed(r.optionalText("grant_id"))
                                : new Redemption.Unknown(),
                        codeHash.hex(), appId)
                .orElse(new Redemption.Unknown());
    }

    @Override
    public void attachGrant(Tx tx, SecretHash codeHash, String grantId) {
        tx.update("UPDATE authorization_codes SET grant_id = ? WHERE code_hash = ?", grantId, codeHash.hex());
    }

    @Override
    public void insertAccessToken(Tx tx, AccessTokenRow t) {
        tx.update("INSERT INTO access_tokens (token_hash, app_id, grant_id, scopes, resource, format, created_at, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                t.hash().hex(), t.appId(), t.grantId().orElse(null), join(t.scopes()), t.resource().orElse(null), t.format(),
                t.createdAt(), t.expiresAt().orElse(null));
    }

    @Override
    public void insertRefreshToken(Tx tx, RefreshTokenRow t) {
        tx.update("INSERT INTO refresh_tokens (token_hash, grant_id, scopes, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                t.hash().hex(), t.grantId(), join(t.scopes()), t.createdAt(), t.expiresAt());
    }

    /** The grant check is correlated on its primary key, so it costs one look-up however many grants exist. */
    @Override
    public Rotation rotate(Tx tx, SecretHash refreshHash, String appId, Instant now) {
        Optional<RefreshTokenRow> won = tx.queryOne("UPDATE refresh_tokens SET used_at = ? "
                        + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND EXISTS (SELECT 1 FROM grants g "
                        + "WHERE g.id = refresh_tokens.grant_id AND g.app_id = ? AND g.expires_at > ?) "
                        + "RETURNING token_hash, grant_id, scopes, created_at, expires_at",
                SqlTokenRepository::refresh, now, refreshHash.hex(), now, appId, now);
        if (won.isPresent()) return new Rotation.Rotated(won.get(), findGrant(tx, won.get().grantId()).orElseThrow());
        return tx.queryOne("SELECT r.grant_id, r.used_at FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id "
                                + "WHERE r.token_hash = ? AND g.app_id = ?",
                        r -> r.optionalInstant("used_at").isPresent()
                                ? (Rotation) new Rotation.Reused(r.text("grant_id"))
                                : new Rotation.Unknown(),
                        refreshHash.hex(), appId)
                .orElse(new Rotation.Unknown());
    }

    private static Grant grant(Row r) {
        return new Grant(r.text("id"), r.text("app_id"), r.text("connection_id"), words(r.text("scopes")),
                r.optionalText("resource"), r.instant("auth_time"), r.instant("created_at"), r.instant("expires_at"),
                ClaimsRequest.fromJson(r.optionalText("claims").orElse(null)));
    }

    private static Code code(Row r) {
        return new Code(new SecretHash(r.text("code_hash")), r.text("app_id"), r.text("connection_id"), r.text("redirect_uri"),
                words(r.text("scopes")), r.optionalText("code_challenge"), r.optionalText("nonce"), r.optionalText("resource"),
                r.instant("auth_time"), r.instant("created_at"), r.instant("expires_at"),
                ClaimsRequest.fromJson(r.optionalText("claims").orElse(null)), words(r.optionalText("acr_values").orElse(null)));
    }

    private static RefreshTokenRow refresh(Row r) {
        return new RefreshTokenRow(new SecretHash(r.text("token_hash")), r.text("grant_id"), words(r.text("scopes")),
                r.instant("created_at"), r.instant("expires_at"));
    }

    static String join(List<String> scopes) {
        return String.join(" ", scopes);
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}
