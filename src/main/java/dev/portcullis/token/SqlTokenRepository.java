package dev.portcullis.token;

import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.RefreshTokenCredential;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Appends;
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
            + "nonce, resource, auth_time, created_at, expires_at, claims, acr_values, dpop_jkt, amr";
    private static final String GRANT_COLUMNS = "id, app_id, connection_id, scopes, resource, auth_time, created_at, expires_at, claims";
    private static final String GRANT_WITH_WORKSPACE = "SELECT g.id, g.app_id, g.connection_id, g.scopes, g.resource, "
            + "g.auth_time, g.created_at, g.expires_at, g.claims, c.workspace_id FROM grants g "
            + "LEFT JOIN connections c ON c.id = g.connection_id WHERE g.id = ?";
    private static final String USER_GRANT_COLUMNS = """
            g.id AS grant_id, c.id AS connection_id, c.user_id, c.membership_id, w.id AS workspace_id,
            w.name AS workspace_name, w.slug AS workspace_slug, w.logo_url AS workspace_logo_url""";
    /**
     * A new token's row is written with the transaction's other appends ({@link Appends}): nothing
     * reads a token back in the transaction that issues it, and a grant's answer is sent only after
     * the commit, so the row is there before the token can be used.
     */
    private static final Appends ACCESS_TOKENS = Appends.rows("access_tokens",
            List.of("token_hash", "app_id", "grant_id", "scopes", "resource", "format", "created_at", "expires_at", "jkt"));
    private static final Appends REFRESH_TOKENS = Appends.rows("refresh_tokens",
            List.of("token_hash", "grant_id", "scopes", "created_at", "expires_at", "jkt"));
    private static final String ACCESS_CREDENTIAL = "SELECT t.token_hash, t.app_id, t.scopes, t.resource, t.format, "
            + "t.created_at, t.expires_at, t.jkt, t.grant_id AS token_grant_id, a.oauth_enabled, g.act, " + USER_GRANT_COLUMNS + """
             FROM access_tokens t
             JOIN apps a ON a.id = t.app_id
             LEFT JOIN grants g ON g.id = t.grant_id
             LEFT JOIN connections c ON c.id = g.connection_id
             LEFT JOIN workspaces w ON w.id = c.workspace_id
            WHERE t.token_hash = ? AND t.format = ?""";
    private static final String REFRESH_CREDENTIAL = "SELECT r.token_hash, r.scopes, r.created_at, r.expires_at, "
            + "g.app_id, g.expires_at AS grant_expires_at, a.oauth_enabled, " + USER_GRANT_COLUMNS + """
             FROM refresh_tokens r
             JOIN grants g ON g.id = r.grant_id
             JOIN apps a ON a.id = g.app_id
             JOIN connections c ON c.id = g.connection_id
             JOIN workspaces w ON w.id = c.workspace_id
            WHERE r.token_hash = ? AND r.used_at IS NULL""";

    @Override
    public void insertGrant(Tx tx, Grant g) {
        tx.update("INSERT INTO grants (" + GRANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                g.id(), g.appId(), g.connectionId(), join(g.scopes()), g.resource().orElse(null), g.authTime(),
                g.createdAt(), g.expiresAt(), g.claims().toJson());
    }

    @Override
    public void insertDelegatedGrant(Tx tx, Grant grant, String act) {
        insertGrant(tx, grant);
        tx.update("UPDATE grants SET act = ? WHERE id = ?", act, grant.id());
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
        tx.update("INSERT INTO authorization_codes (" + CODE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.hash().hex(), c.appId(), c.connectionId(), c.redirectUri(), join(c.scopes()), c.codeChallenge().orElse(null),
                c.nonce().orElse(null), c.resource().orElse(null), c.authTime(), c.createdAt(), c.expiresAt(), c.claims().toJson(),
                c.acrValues().isEmpty() ? null : join(c.acrValues()), c.dpopJkt().orElse(null), join(c.amr()));
    }

    @Override
    public Redemption redeem(Tx tx, SecretHash codeHash, String appId, Instant now) {
        Optional<Redemption> won = tx.queryOne("UPDATE authorization_codes SET used_at = ? "
                + "WHERE code_hash = ? AND app_id = ? AND used_at IS NULL RETURNING " + CODE_COLUMNS
                + ", (SELECT c.workspace_id FROM connections c WHERE c.id = authorization_codes.connection_id) AS workspace_id",
                r -> new Redemption.Redeemed(code(r), r.optionalText("workspace_id")), now, codeHash.hex(), appId);
        if (won.isPresent()) return won.get();
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
        tx.appendLater(ACCESS_TOKENS, t.hash().hex(), t.appId(), t.grantId().orElse(null), join(t.scopes()), t.resource().orElse(null),
                t.format(), t.createdAt(), t.expiresAt().orElse(null), t.jkt().orElse(null));
    }

    @Override
    public void insertRefreshToken(Tx tx, RefreshTokenRow t) {
        tx.appendLater(REFRESH_TOKENS, t.hash().hex(), t.grantId(), join(t.scopes()), t.createdAt(), t.expiresAt(), t.jkt().orElse(null));
    }

    /** The grant check is correlated on its primary key, so it costs one look-up however many grants exist. */
    @Override
    public Rotation rotate(Tx tx, SecretHash refreshHash, String appId, Instant now) {
        Optional<RefreshTokenRow> won = tx.queryOne("UPDATE refresh_tokens SET used_at = ? "
                        + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? AND EXISTS (SELECT 1 FROM grants g "
                        + "WHERE g.id = refresh_tokens.grant_id AND g.app_id = ? AND g.expires_at > ?) "
                        + "RETURNING token_hash, grant_id, scopes, created_at, expires_at, jkt",
                SqlTokenRepository::refresh, now, refreshHash.hex(), now, appId, now);
        if (won.isPresent()) {
            return tx.queryOne(GRANT_WITH_WORKSPACE,
                    r -> new Rotation.Rotated(won.get(), grant(r), r.optionalText("workspace_id")), won.get().grantId()).orElseThrow();
        }
        return tx.queryOne("SELECT r.grant_id, r.used_at FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id "
                                + "WHERE r.token_hash = ? AND g.app_id = ?",
                        r -> r.optionalInstant("used_at").isPresent()
                                ? (Rotation) new Rotation.Reused(r.text("grant_id"))
                                : new Rotation.Unknown(),
                        refreshHash.hex(), appId)
                .orElse(new Rotation.Unknown());
    }

    @Override
    public List<SecretHash> revokeAccessToken(Tx tx, SecretHash hash, boolean jwt, String appId) {
        int deleted = tx.update("DELETE FROM access_tokens WHERE token_hash = ? AND app_id = ? AND format = ?",
                hash.hex(), appId, format(jwt));
        return deleted == 1 ? List.of(hash) : List.of();
    }

    @Override
    public List<SecretHash> revokeRefreshToken(Tx tx, SecretHash hash, String appId) {
        Optional<String> grantId = tx.queryOne("SELECT g.id FROM refresh_tokens r JOIN grants g ON g.id = r.grant_id "
                + "WHERE r.token_hash = ? AND g.app_id = ?", r -> r.text("id"), hash.hex(), appId);
        if (grantId.isEmpty()) return List.of();
        List<SecretHash> accessTokens = tx.query("SELECT token_hash FROM access_tokens WHERE grant_id = ?",
                r -> new SecretHash(r.text("token_hash")), grantId.get());
        revokeGrant(tx, grantId.get());
        return accessTokens;
    }

    @Override
    public Optional<AccessTokenCredential> findAccessCredential(Tx tx, SecretHash hash, boolean jwt, ScopeCatalog scopes) {
        return tx.queryOne(ACCESS_CREDENTIAL, r -> accessCredential(r, scopes), hash.hex(), format(jwt)).flatMap(found -> found);
    }

    @Override
    public Optional<RefreshTokenCredential> findRefreshCredential(Tx tx, SecretHash hash, ScopeCatalog scopes) {
        return tx.queryOne(REFRESH_CREDENTIAL, r -> refreshCredential(r, scopes), hash.hex()).flatMap(found -> found);
    }

    private static String format(boolean jwt) {
        return jwt ? "jwt" : "opaque";
    }

    private static Optional<AccessTokenCredential> accessCredential(Row r, ScopeCatalog scopes) {
        if (!r.flag("oauth_enabled")) return Optional.empty();
        Optional<Credential.UserGrant> grant = userGrant(r).map(g -> new Credential.UserGrant(g.grantId(), g.connectionId(),
                g.userId(), g.memberId(), g.workspace(), r.optionalText("act")));
        // A user token whose grant chain is gone is revoked, even if a cascade has not caught up.
        if (r.optionalText("token_grant_id").isPresent() && grant.isEmpty()) return Optional.empty();
        return Optional.of(new AccessTokenCredential(new SecretHash(r.text("token_hash")), r.text("app_id"), grant,
                scopes.stored(r.text("scopes")), r.optionalText("resource"), "jwt".equals(r.text("format")),
                r.instant("created_at"), r.optionalInstant("expires_at"), r.optionalText("jkt")));
    }

    private static Optional<RefreshTokenCredential> refreshCredential(Row r, ScopeCatalog scopes) {
        if (!r.flag("oauth_enabled")) return Optional.empty();
        Instant token = r.instant("expires_at");
        Instant family = r.instant("grant_expires_at");
        return Optional.of(new RefreshTokenCredential(new SecretHash(r.text("token_hash")), r.text("app_id"),
                userGrant(r).orElseThrow(), scopes.stored(r.text("scopes")), r.instant("created_at"),
                token.isBefore(family) ? token : family));
    }

    private static Optional<Credential.UserGrant> userGrant(Row r) {
        if (r.optionalText("workspace_id").isEmpty()) return Optional.empty();
        var workspace = new Credential.Workspace(r.text("workspace_id"), r.text("workspace_name"), r.text("workspace_slug"),
                r.optionalText("workspace_logo_url"));
        return Optional.of(new Credential.UserGrant(r.text("grant_id"), r.text("connection_id"), r.text("user_id"),
                r.text("membership_id"), workspace));
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
                ClaimsRequest.fromJson(r.optionalText("claims").orElse(null)), words(r.optionalText("acr_values").orElse(null)),
                r.optionalText("dpop_jkt"), words(r.text("amr")));
    }

    private static RefreshTokenRow refresh(Row r) {
        return new RefreshTokenRow(new SecretHash(r.text("token_hash")), r.text("grant_id"), words(r.text("scopes")),
                r.instant("created_at"), r.instant("expires_at"), r.optionalText("jkt"));
    }

    static String join(List<String> scopes) {
        return String.join(" ", scopes);
    }

    static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}
