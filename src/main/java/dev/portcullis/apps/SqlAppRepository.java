package dev.portcullis.apps;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Row;
import dev.portcullis.storage.Tx;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link AppRepository} in SQL that runs unchanged on SQLite and PostgreSQL. */
public final class SqlAppRepository implements AppRepository {
    private static final String COLUMNS = "id, owner_user_id, name, description, logo_url, oauth_enabled, "
            + "token_endpoint_auth_method, grant_types, scopes, access_token_format, access_token_ttl_seconds, "
            + "id_token_alg, resource_server, self_registered, created_at, jwks, jwks_uri, token_endpoint_auth_signing_alg, "
            + "userinfo_signed_response_alg, policy_url, tos_url, client_url, require_par, dpop_bound_access_tokens, security_profile";

    @Override
    public void insert(Tx tx, App app) {
        AppSettings s = app.settings();
        tx.update("INSERT INTO apps (id, owner_user_id, name, description, logo_url, oauth_enabled, client_type, "
                        + "token_endpoint_auth_method, grant_types, scopes, access_token_format, access_token_ttl_seconds, "
                        + "id_token_alg, resource_server, self_registered, created_at, jwks, jwks_uri, "
                        + "token_endpoint_auth_signing_alg, userinfo_signed_response_alg, policy_url, tos_url, client_url, require_par, "
                        + "dpop_bound_access_tokens, security_profile) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                app.clientId(), app.ownerUserId().orElse(null), s.name(), s.description(), s.logoUrl().orElse(null),
                s.oauthEnabled(), app.clientType().wireName(), s.authMethod().wireName(), grants(s.grantTypes()),
                String.join(" ", s.scopes()), s.accessTokenFormat().wireName(), s.accessTokenLifetime().toColumn(),
                s.idTokenAlg(), s.resourceServer(), app.selfRegistered(), app.createdAt(), s.clientKeys().jwks().orElse(null),
                s.clientKeys().jwksUri().orElse(null), s.clientKeys().signingAlg().orElse(null), s.userinfoAlg().orElse(null),
                s.policyUrl().orElse(null), s.tosUrl().orElse(null), s.clientUrl().orElse(null), s.assurance().requirePar(),
                s.assurance().dpopBoundAccessTokens(), s.assurance().profile().wireName());
        insertRedirectUris(tx, app.clientId(), s.redirectUris(), app.createdAt());
    }

    @Override
    public Optional<App> find(Tx tx, String clientId) {
        List<RedirectUri> uris = redirectUris(tx, clientId);
        return tx.queryOne("SELECT " + COLUMNS + " FROM apps WHERE id = ?", r -> app(r, uris), clientId);
    }

    @Override
    public List<App> listByOwner(Tx tx, String ownerUserId) {
        List<String> ids = tx.query("SELECT id FROM apps WHERE owner_user_id = ? ORDER BY created_at, id",
                r -> r.text("id"), ownerUserId);
        return ids.stream().map(id -> find(tx, id).orElseThrow()).toList();
    }

    @Override
    public void update(Tx tx, String clientId, AppSettings s) {
        tx.update("UPDATE apps SET name = ?, description = ?, logo_url = ?, oauth_enabled = ?, client_type = ?, "
                        + "token_endpoint_auth_method = ?, grant_types = ?, scopes = ?, access_token_format = ?, "
                        + "access_token_ttl_seconds = ?, id_token_alg = ?, resource_server = ?, jwks = ?, jwks_uri = ?, "
                        + "token_endpoint_auth_signing_alg = ?, userinfo_signed_response_alg = ?, policy_url = ?, tos_url = ?, client_url = ?, "
                        + "require_par = ?, dpop_bound_access_tokens = ?, security_profile = ? WHERE id = ?",
                s.name(), s.description(), s.logoUrl().orElse(null), s.oauthEnabled(), s.authMethod().clientType().wireName(),
                s.authMethod().wireName(), grants(s.grantTypes()), String.join(" ", s.scopes()),
                s.accessTokenFormat().wireName(), s.accessTokenLifetime().toColumn(), s.idTokenAlg(), s.resourceServer(),
                s.clientKeys().jwks().orElse(null), s.clientKeys().jwksUri().orElse(null),
                s.clientKeys().signingAlg().orElse(null), s.userinfoAlg().orElse(null), s.policyUrl().orElse(null),
                s.tosUrl().orElse(null), s.clientUrl().orElse(null), s.assurance().requirePar(), s.assurance().dpopBoundAccessTokens(),
                s.assurance().profile().wireName(), clientId);
        Instant addedAt = tx.queryOne("SELECT created_at FROM apps WHERE id = ?", r -> r.instant("created_at"), clientId)
                .orElseThrow();
        tx.update("DELETE FROM app_redirect_uris WHERE app_id = ?", clientId);
        insertRedirectUris(tx, clientId, s.redirectUris(), addedAt);
    }

    @Override
    public boolean delete(Tx tx, String clientId) {
        return tx.update("DELETE FROM apps WHERE id = ?", clientId) == 1;
    }

    @Override
    public void addSecret(Tx tx, String secretId, String clientId, SecretHash hash, String hint, Instant now) {
        tx.update("INSERT INTO client_secrets (id, app_id, secret_hash, hint, created_at) VALUES (?, ?, ?, ?, ?)",
                secretId, clientId, hash.hex(), hint, now);
    }

    @Override
    public void expireSecretsExcept(Tx tx, String clientId, String keepSecretId, Instant until) {
        tx.update("UPDATE client_secrets SET expires_at = ? WHERE app_id = ? AND id <> ? "
                + "AND (expires_at IS NULL OR expires_at > ?)", until, clientId, keepSecretId, until);
    }

    @Override
    public boolean hasValidSecret(Tx tx, String clientId, SecretHash hash, Instant now) {
        return tx.count("SELECT count(*) AS n FROM client_secrets WHERE app_id = ? AND secret_hash = ? "
                + "AND (expires_at IS NULL OR expires_at > ?)", clientId, hash.hex(), now) == 1;
    }

    @Override
    public List<ClientSecretInfo> secrets(Tx tx, String clientId, Instant now) {
        return tx.query("SELECT id, hint, created_at, expires_at FROM client_secrets WHERE app_id = ? "
                        + "AND (expires_at IS NULL OR expires_at > ?) ORDER BY created_at, id",
                r -> new ClientSecretInfo(r.text("id"), r.text("hint"), r.instant("created_at"), r.optionalInstant("expires_at")),
                clientId, now);
    }

    @Override
    public void setRegistrationToken(Tx tx, String clientId, SecretHash hash) {
        tx.update("UPDATE apps SET registration_token_hash = ? WHERE id = ?", hash.hex(), clientId);
    }

    @Override
    public Optional<App> findRegistered(Tx tx, String clientId, SecretHash hash) {
        long n = tx.count("SELECT count(*) AS n FROM apps WHERE id = ? AND registration_token_hash = ? AND self_registered = ?",
                clientId, hash.hex(), true);
        return n == 1 ? find(tx, clientId) : Optional.empty();
    }

    @Override
    public boolean deleteRegistered(Tx tx, String clientId, SecretHash hash) {
        return tx.update("DELETE FROM apps WHERE id = ? AND registration_token_hash = ? AND self_registered = ?",
                clientId, hash.hex(), true) == 1;
    }

    @Override
    public void markUsed(Tx tx, String clientId, Instant now, Instant unlessAfter) {
        tx.update("UPDATE apps SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                now, clientId, unlessAfter);
    }

    @Override
    public List<Swept> deleteUnusedSelfRegistered(Tx tx, Instant createdBefore) {
        return tx.query("DELETE FROM apps WHERE self_registered = ? AND owner_user_id IS NULL AND last_used_at IS NULL "
                + "AND created_at < ? RETURNING id, name", r -> new Swept(r.text("id"), r.text("name")), true, createdBefore);
    }

    private static void insertRedirectUris(Tx tx, String clientId, List<RedirectUri> uris, Instant at) {
        for (RedirectUri uri : uris) {
            tx.update("INSERT INTO app_redirect_uris (app_id, uri, created_at) VALUES (?, ?, ?)", clientId, uri.value(), at);
        }
    }

    private static List<RedirectUri> redirectUris(Tx tx, String clientId) {
        return tx.query("SELECT uri FROM app_redirect_uris WHERE app_id = ? ORDER BY created_at, uri",
                r -> new RedirectUri(r.text("uri")), clientId);
    }

    private static App app(Row r, List<RedirectUri> uris) {
        AuthMethod method = AuthMethod.fromWire(r.text("token_endpoint_auth_method")).orElseThrow();
        var settings = new AppSettings(r.text("name"), r.text("description"), r.optionalText("logo_url"),
                r.flag("oauth_enabled"), method, parseGrants(r.text("grant_types")), words(r.text("scopes")), uris,
                AccessTokenFormat.valueOf(r.text("access_token_format").toUpperCase(Locale.ROOT)),
                Lifetime.fromColumn(r.optionalNumber("access_token_ttl_seconds")), r.text("id_token_alg"),
                r.flag("resource_server"), new ClientKeys(r.optionalText("jwks"), r.optionalText("jwks_uri"),
                        r.optionalText("token_endpoint_auth_signing_alg")), r.optionalText("userinfo_signed_response_alg"),
                r.optionalText("policy_url"), r.optionalText("tos_url"), r.optionalText("client_url"), new Assurance(r.flag("require_par"),
                        r.flag("dpop_bound_access_tokens"), Assurance.Profile.fromWire(r.text("security_profile")).orElseThrow()));
        return new App(r.text("id"), r.optionalText("owner_user_id"), settings, r.flag("self_registered"), r.instant("created_at"));
    }

    private static String grants(Set<GrantType> grants) {
        return grants.stream().map(GrantType::wireName).sorted().collect(Collectors.joining(" "));
    }

    private static Set<GrantType> parseGrants(String text) {
        Set<GrantType> out = EnumSet.noneOf(GrantType.class);
        words(text).forEach(w -> GrantType.fromWire(w).ifPresent(out::add));
        return out;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" +"));
    }
}
