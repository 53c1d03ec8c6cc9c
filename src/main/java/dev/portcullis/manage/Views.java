package dev.portcullis.manage;

import dev.portcullis.apikeys.ApiKey;
import dev.portcullis.apps.App;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.identity.Member;
import dev.portcullis.identity.User;
import dev.portcullis.identity.Workspace;
import dev.portcullis.keys.SigningKeyInfo;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.resources.ProtectedResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of /manage and the admin commands: snake_case, ISO-8601 times, absent values left out. */
public final class Views {
    private Views() {}

    public static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("email_verified", u.emailVerified());
        m.putAll(u.profile().claims());
        m.put("created_at", u.createdAt().toString());
        m.put("updated_at", u.profile().updatedAt().toString());
        return m;
    }

    public static Map<String, Object> workspace(Workspace w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.put("slug", w.slug());
        m.put("name", w.name());
        w.logoUrl().ifPresent(url -> m.put("logo_url", url));
        m.put("created_at", w.createdAt().toString());
        return m;
    }

    public static Map<String, Object> member(Member member) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", member.membership().id());
        m.put("user_id", member.user().id());
        m.put("email", member.user().email());
        m.put("name", member.user().name());
        m.put("role", member.role().value());
        return m;
    }

    public static Map<String, Object> app(App app) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("client_id", app.clientId());
        m.put("name", app.name());
        m.put("description", app.settings().description());
        app.settings().logoUrl().ifPresent(url -> m.put("logo_url", url));
        app.settings().policyUrl().ifPresent(url -> m.put("policy_uri", url));
        app.settings().tosUrl().ifPresent(url -> m.put("tos_uri", url));
        app.settings().clientUrl().ifPresent(url -> m.put("client_uri", url));
        m.put("require_pushed_authorization_requests", app.assurance().requirePar());
        m.put("dpop_bound_access_tokens", app.assurance().dpopBoundAccessTokens());
        m.put("portcullis_security_profile", app.assurance().profile().wireName());
        app.ownerUserId().ifPresent(owner -> m.put("owner_user_id", owner));
        m.put("client_type", app.clientType().wireName());
        m.put("token_endpoint_auth_method", app.authMethod().wireName());
        m.put("grant_types", app.grantTypes().stream().map(GrantType::wireName).sorted().toList());
        m.put("scopes", app.scopes());
        m.put("redirect_uris", app.redirectUris().stream().map(RedirectUri::value).toList());
        m.put("oauth_enabled", app.oauthEnabled());
        m.put("resource_server", app.settings().resourceServer());
        m.put("access_token_format", app.settings().accessTokenFormat().wireName());
        m.put("id_token_signed_response_alg", app.settings().idTokenAlg());
        app.userinfoAlg().ifPresent(alg -> m.put("userinfo_signed_response_alg", alg));
        app.clientKeys().jwksObject().ifPresent(jwks -> m.put("jwks", jwks));
        app.clientKeys().jwksUri().ifPresent(uri -> m.put("jwks_uri", uri));
        app.clientKeys().signingAlg().ifPresent(alg -> m.put("token_endpoint_auth_signing_alg", alg));
        switch (app.settings().accessTokenLifetime()) {
            case Lifetime.Fixed f -> m.put("access_token_lifetime_seconds", f.duration().toSeconds());
            case Lifetime.Never n -> m.put("access_token_lifetime_seconds", 0);
            case Lifetime.Default d -> { }
        }
        m.put("created_at", app.createdAt().toString());
        return m;
    }

    /** {@code key} is the {@code sk_} value, present only in the answer that created it. */
    public static Map<String, Object> apiKey(ApiKey k, Optional<String> key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.id());
        m.put("workspace_id", k.workspaceId());
        m.put("name", k.name());
        m.put("scopes", k.scopes());
        m.put("hint", k.hint());
        k.createdByUserId().ifPresent(u -> m.put("created_by_user_id", u));
        m.put("created_at", k.createdAt().toString());
        k.expiresAt().map(Instant::toString).ifPresent(e -> m.put("expires_at", e));
        k.lastUsedAt().map(Instant::toString).ifPresent(e -> m.put("last_used_at", e));
        key.ifPresent(value -> m.put("key", value));
        return m;
    }

    /** A signing key as operators see it: never any key material. */
    public static Map<String, Object> signingKey(SigningKeyInfo key) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kid", key.kid());
        m.put("alg", key.alg().name());
        m.put("status", key.current() ? "current" : "retired");
        m.put("created_at", key.createdAt().toString());
        key.retiredAt().ifPresent(t -> m.put("retired_at", t.toString()));
        key.publishedUntil().ifPresent(t -> m.put("published_until", t.toString()));
        return m;
    }

    public static Map<String, Object> resource(ProtectedResource r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("uri", r.uri());
        m.put("name", r.name());
        m.put("scopes", r.scopes());
        m.put("created_at", r.createdAt().toString());
        return m;
    }
}
