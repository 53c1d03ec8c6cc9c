package dev.portcullis.manage;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Assurance;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.scopes.ScopeCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * An app as /manage and setup files write it (RFC 7591 names where there is one). Absent fields
 * keep the base settings on update and take the defaults on create. {@code owner} is an email,
 * {@code owner_user_id} an id; {@code client_id} and {@code client_secret} bring existing
 * credentials from another server. {@code jwks} (a JWK Set; null clears it) and {@code jwks_uri}
 * ("" clears it) replace each other; {@code token_endpoint_auth_signing_alg} "" clears it, and so
 * does {@code userinfo_signed_response_alg} (back to plain JSON UserInfo), {@code policy_uri},
 * {@code tos_uri} and {@code client_uri} (no link on the login and consent pages).
 * {@code require_pushed_authorization_requests}, {@code dpop_bound_access_tokens} and
 * {@code portcullis_security_profile} ("none" or "fapi2") set its assurance.
 */
public record AppFields(
        String clientId,
        String clientSecret,
        String owner,
        String ownerUserId,
        String name,
        String description,
        String logoUrl,
        List<String> redirectUris,
        List<String> scopes,
        String tokenEndpointAuthMethod,
        List<String> grantTypes,
        Boolean oauthEnabled,
        Boolean resourceServer,
        String accessTokenFormat,
        Long accessTokenLifetimeSeconds,
        String idTokenSignedResponseAlg,
        JsonNode jwks,
        String jwksUri,
        String tokenEndpointAuthSigningAlg,
        String userinfoSignedResponseAlg,
        String policyUri,
        String tosUri,
        String clientUri,
        Boolean requirePushedAuthorizationRequests,
        Boolean dpopBoundAccessTokens,
        String portcullisSecurityProfile) {

    /** Without home page and assurance fields: the fields of an app that keeps what it has (or has none). */
    public AppFields(String clientId, String clientSecret, String owner, String ownerUserId, String name, String description,
                     String logoUrl, List<String> redirectUris, List<String> scopes, String tokenEndpointAuthMethod,
                     List<String> grantTypes, Boolean oauthEnabled, Boolean resourceServer, String accessTokenFormat,
                     Long accessTokenLifetimeSeconds, String idTokenSignedResponseAlg, JsonNode jwks, String jwksUri,
                     String tokenEndpointAuthSigningAlg, String userinfoSignedResponseAlg, String policyUri, String tosUri) {
        this(clientId, clientSecret, owner, ownerUserId, name, description, logoUrl, redirectUris, scopes, tokenEndpointAuthMethod,
                grantTypes, oauthEnabled, resourceServer, accessTokenFormat, accessTokenLifetimeSeconds, idTokenSignedResponseAlg,
                jwks, jwksUri, tokenEndpointAuthSigningAlg, userinfoSignedResponseAlg, policyUri, tosUri, null, null, null, null);
    }

    /** Without policy and terms links: the fields of an app that keeps the ones it has (or has none). */
    public AppFields(String clientId, String clientSecret, String owner, String ownerUserId, String name, String description,
                     String logoUrl, List<String> redirectUris, List<String> scopes, String tokenEndpointAuthMethod,
                     List<String> grantTypes, Boolean oauthEnabled, Boolean resourceServer, String accessTokenFormat,
                     Long accessTokenLifetimeSeconds, String idTokenSignedResponseAlg, JsonNode jwks, String jwksUri,
                     String tokenEndpointAuthSigningAlg, String userinfoSignedResponseAlg) {
        this(clientId, clientSecret, owner, ownerUserId, name, description, logoUrl, redirectUris, scopes, tokenEndpointAuthMethod,
                grantTypes, oauthEnabled, resourceServer, accessTokenFormat, accessTokenLifetimeSeconds, idTokenSignedResponseAlg,
                jwks, jwksUri, tokenEndpointAuthSigningAlg, userinfoSignedResponseAlg, null, null);
    }

    /** Without a UserInfo algorithm: the fields of an app that keeps the one it has (or has none). */
    public AppFields(String clientId, String clientSecret, String owner, String ownerUserId, String name, String description,
                     String logoUrl, List<String> redirectUris, List<String> scopes, String tokenEndpointAuthMethod,
                     List<String> grantTypes, Boolean oauthEnabled, Boolean resourceServer, String accessTokenFormat,
                     Long accessTokenLifetimeSeconds, String idTokenSignedResponseAlg, JsonNode jwks, String jwksUri,
                     String tokenEndpointAuthSigningAlg) {
        this(clientId, clientSecret, owner, ownerUserId, name, description, logoUrl, redirectUris, scopes, tokenEndpointAuthMethod,
                grantTypes, oauthEnabled, resourceServer, accessTokenFormat, accessTokenLifetimeSeconds, idTokenSignedResponseAlg,
                jwks, jwksUri, tokenEndpointAuthSigningAlg, null);
    }

    /** Without client keys: the fields of an app that signs no assertions (or keeps the keys it has). */
    public AppFields(String clientId, String clientSecret, String owner, String ownerUserId, String name, String description,
                     String logoUrl, List<String> redirectUris, List<String> scopes, String tokenEndpointAuthMethod,
                     List<String> grantTypes, Boolean oauthEnabled, Boolean resourceServer, String accessTokenFormat,
                     Long accessTokenLifetimeSeconds, String idTokenSignedResponseAlg) {
        this(clientId, clientSecret, owner, ownerUserId, name, description, logoUrl, redirectUris, scopes, tokenEndpointAuthMethod,
                grantTypes, oauthEnabled, resourceServer, accessTokenFormat, accessTokenLifetimeSeconds, idTokenSignedResponseAlg,
                null, null, null);
    }

    /** The settings these fields describe over {@code base} (empty: a new app); errors name the field. */
    public AppSettings settings(Optional<AppSettings> base, ScopeCheck scopeCheck) {
        if (base.isEmpty() && (name == null || name.isBlank())) throw OAuthException.validation("name", "Name is required");
        AuthMethod method = tokenEndpointAuthMethod == null
                ? base.map(AppSettings::authMethod).orElse(AuthMethod.CLIENT_SECRET_BASIC)
                : AuthMethod.fromWire(tokenEndpointAuthMethod).orElseThrow(() -> OAuthException.validation(
                        "token_endpoint_auth_method", "must be client_secret_basic, client_secret_post, private_key_jwt or none"));
        // The defaults are a template only (method is applied below), so keys are not needed yet.
        AppSettings start = base.orElseGet(() -> AppSettings.defaults(name.strip(), AuthMethod.CLIENT_SECRET_BASIC));
        if (scopes != null) scopeCheck.check("scopes", scopes);
        return new AppSettings(
                name == null ? start.name() : name.strip(),
                description == null ? start.description() : description,
                logoUrl == null ? start.logoUrl() : Optional.of(logoUrl).filter(u -> !u.isBlank()),
                oauthEnabled == null ? start.oauthEnabled() : oauthEnabled,
                method,
                grantTypes == null ? start.grantTypes() : grants(grantTypes),
                scopes == null ? start.scopes() : scopes,
                redirectUris == null ? start.redirectUris() : redirectUris(redirectUris),
                accessTokenFormat == null ? start.accessTokenFormat() : format(accessTokenFormat),
                accessTokenLifetimeSeconds == null ? start.accessTokenLifetime() : lifetime(accessTokenLifetimeSeconds),
                idTokenSignedResponseAlg == null ? start.idTokenAlg() : idTokenSignedResponseAlg,
                resourceServer == null ? start.resourceServer() : resourceServer,
                clientKeys(start.clientKeys()),
                userinfoSignedResponseAlg == null ? start.userinfoAlg()
                        : Optional.of(userinfoSignedResponseAlg).filter(a -> !a.isBlank()),
                policyUri == null ? start.policyUrl() : Optional.of(policyUri).filter(u -> !u.isBlank()),
                tosUri == null ? start.tosUrl() : Optional.of(tosUri).filter(u -> !u.isBlank()),
                clientUri == null ? start.clientUrl() : Optional.of(clientUri).filter(u -> !u.isBlank()),
                assurance(start.assurance()));
    }

    /** docs/high-assurance.md: each absent field keeps the base's value. */
    private Assurance assurance(Assurance base) {
        Assurance.Profile profile = portcullisSecurityProfile == null ? base.profile()
                : Assurance.Profile.fromWire(portcullisSecurityProfile).orElseThrow(() -> OAuthException.validation(
                        "portcullis_security_profile", "must be none or fapi2"));
        // Leaving the FAPI 2.0 profile keeps what it had implied only where the request says so.
        boolean leaving = base.fapi2() && profile != Assurance.Profile.FAPI2;
        return new Assurance(
                requirePushedAuthorizationRequests == null ? base.requirePar() && !leaving : requirePushedAuthorizationRequests,
                dpopBoundAccessTokens == null ? base.dpopBoundAccessTokens() && !leaving : dpopBoundAccessTokens,
                profile);
    }

    /** The keys over {@code base}: a new jwks or jwks_uri replaces the other, since an app has one or neither. */
    private ClientKeys clientKeys(ClientKeys base) {
        if (jwks != null && !jwks.isNull() && !jwks.isObject()) throw OAuthException.validation("jwks", "must be a JWK Set object");
        Optional<String> newJwks = jwks == null ? Optional.empty() : Optional.of(jwks).filter(JsonNode::isObject).map(JsonNode::toString);
        Optional<String> newUri = Optional.ofNullable(jwksUri).filter(u -> !u.isBlank());
        boolean keysGiven = jwks != null || jwksUri != null;
        return new ClientKeys(
                keysGiven ? newJwks : base.jwks(),
                keysGiven ? newUri : base.jwksUri(),
                tokenEndpointAuthSigningAlg == null ? base.signingAlg()
                        : Optional.of(tokenEndpointAuthSigningAlg).filter(a -> !a.isBlank()));
    }

    /** Refuses the fields that only make sense when an app is created. */
    public void checkUpdatable() {
        if (clientId != null) throw OAuthException.validation("client_id", "client_id cannot be changed");
        if (clientSecret != null) throw OAuthException.validation("client_secret", "Rotate the secret instead");
        if (owner != null) throw OAuthException.validation("owner", "The owner cannot be changed");
        if (ownerUserId != null) throw OAuthException.validation("owner_user_id", "The owner cannot be changed");
    }

    private static Set<GrantType> grants(List<String> names) {
        Set<GrantType> out = EnumSet.noneOf(GrantType.class);
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            out.add(GrantType.fromWire(names.get(i)).orElseThrow(() -> OAuthException.validation("grant_types[" + index + "]",
                    "must be authorization_code, refresh_token, client_credentials or implicit")));
        }
        return out;
    }

    private static List<RedirectUri> redirectUris(List<String> uris) {
        List<RedirectUri> out = new ArrayList<>();
        for (int i = 0; i < uris.size(); i++) {
            switch (RedirectUri.check(uris.get(i))) {
                case RedirectUri.Check.Valid v -> out.add(v.uri());
                case RedirectUri.Check.Invalid bad -> throw OAuthException.validation("redirect_uris[" + i + "]", bad.reason());
            }
        }
        return out;
    }

    private static AccessTokenFormat format(String wire) {
        try {
            return AccessTokenFormat.valueOf(wire.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw OAuthException.validation("access_token_format", "must be opaque or jwt");
        }
    }

    /** 0 means the documented never-expiring tokens (confidential apps only). */
    private static Lifetime lifetime(long seconds) {
        return seconds == 0 ? new Lifetime.Never() : new Lifetime.Fixed(Duration.ofSeconds(seconds));
    }
}
