package dev.portcullis.apps;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a developer sets on an app, validated as a whole on construction so an inconsistent app
 * (a public client with client_credentials, a never-expiring public token, private_key_jwt
 * without keys) cannot be stored.
 */
public record AppSettings(
        String name,
        String description,
        Optional<String> logoUrl,
        boolean oauthEnabled,
        AuthMethod authMethod,
        Set<GrantType> grantTypes,
        List<String> scopes,
        List<RedirectUri> redirectUris,
        AccessTokenFormat accessTokenFormat,
        Lifetime accessTokenLifetime,
        String idTokenAlg,
        boolean resourceServer,
        ClientKeys clientKeys,
        Optional<String> userinfoAlg,
        Optional<String> policyUrl,
        Optional<String> tosUrl,
        Optional<String> clientUrl,
        Assurance assurance) {

    /** The algorithms the server signs with (keys.SigningAlgorithm), for ID tokens and UserInfo alike. */
    private static final Set<String> SIGNING_ALGS = Set.of("RS256", "PS256", "ES256", "EdDSA");

    public AppSettings {
        clientKeys = clientKeys == null ? ClientKeys.NONE : clientKeys;
        userinfoAlg = userinfoAlg == null ? Optional.empty() : userinfoAlg;
        policyUrl = policyUrl == null ? Optional.empty() : policyUrl;
        tosUrl = tosUrl == null ? Optional.empty() : tosUrl;
        clientUrl = clientUrl == null ? Optional.empty() : clientUrl;
        assurance = assurance == null ? Assurance.NONE : assurance;
        grantTypes = grantTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(grantTypes));
        scopes = List.copyOf(scopes.stream().distinct().toList());
        redirectUris = List.copyOf(redirectUris.stream().distinct().toList());
        require(name != null && !name.isBlank() && name.length() <= 100, "name", "Name is required (at most 100 characters)");
        require(description != null && description.length() <= 1000, "description", "Description is at most 1000 characters");
        logoUrl.ifPresent(u -> require(isHttps(u), "logo_url", "Logo URL must be an https URL"));
        policyUrl.ifPresent(u -> require(isHttps(u), "policy_uri", "Privacy policy URL must be an https URL"));
        tosUrl.ifPresent(u -> require(isHttps(u), "tos_uri", "Terms of service URL must be an https URL"));
        clientUrl.ifPresent(u -> require(isHttps(u), "client_uri", "Home page URL must be an https URL"));
        boolean isPublic = authMethod == AuthMethod.NONE;
        require(!(isPublic && grantTypes.contains(GrantType.CLIENT_CREDENTIALS)), "grant_types",
                "client_credentials needs a confidential app (a client secret)");
        require(!(isPublic && accessTokenLifetime instanceof Lifetime.Never), "access_token_lifetime",
                "Only confidential apps may have access tokens that never expire");
        require(!(grantTypes.contains(GrantType.REFRESH_TOKEN) && !grantTypes.contains(GrantType.AUTHORIZATION_CODE)
                        && !grantTypes.contains(GrantType.DEVICE_CODE)),
                "grant_types", "refresh_token needs authorization_code or device_code");
        require(!(accessTokenFormat == AccessTokenFormat.JWT && accessTokenLifetime instanceof Lifetime.Never),
                "access_token_lifetime", "A JWT access token cannot be revoked by its signature alone, so it must expire");
        if (accessTokenLifetime instanceof Lifetime.Fixed f) {
            long s = f.duration().toSeconds();
            require(s >= 60 && s <= 31_536_000, "access_token_lifetime", "Lifetime must be between 60 seconds and one year");
        }
        require(SIGNING_ALGS.contains(idTokenAlg), "id_token_signed_response_alg", "Must be RS256, PS256, ES256 or EdDSA");
        // OIDC Registration §2: absent means plain JSON UserInfo; never none, the answer must be signed by us.
        require(userinfoAlg.map(SIGNING_ALGS::contains).orElse(true), "userinfo_signed_response_alg",
                "Must be RS256, PS256, ES256 or EdDSA");
        require(authMethod != AuthMethod.PRIVATE_KEY_JWT || clientKeys.hasKeys(), "jwks",
                "private_key_jwt needs the client's public keys: jwks or jwks_uri");
        if (assurance.fapi2()) Fapi2Settings.check(authMethod, grantTypes, clientKeys, idTokenAlg, userinfoAlg);
    }

    /** Without a security profile: an app of ordinary assurance (docs/high-assurance.md). */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer, ClientKeys clientKeys, Optional<String> userinfoAlg, Optional<String> policyUrl,
                       Optional<String> tosUrl, Optional<String> clientUrl) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, clientUrl, Assurance.NONE);
    }

    /** Without a home page link: the settings of an app whose consent page links only its policy and terms. */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer, ClientKeys clientKeys, Optional<String> userinfoAlg,
                       Optional<String> policyUrl, Optional<String> tosUrl, Assurance assurance) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, Optional.empty(), assurance);
    }

    /** Neither a home page link nor a security profile. */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer, ClientKeys clientKeys, Optional<String> userinfoAlg,
                       Optional<String> policyUrl, Optional<String> tosUrl) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, Optional.empty(),
                Assurance.NONE);
    }

    /** Without privacy policy and terms links: an app whose login and consent pages show only its name and logo. */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer, ClientKeys clientKeys, Optional<String> userinfoAlg) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, Optional.empty(), Optional.empty());
    }

    /** Without a UserInfo algorithm: the settings of an app that reads UserInfo as plain JSON. */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer, ClientKeys clientKeys) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, Optional.empty());
    }

    /** Without client keys: the settings of an app that signs no assertions. */
    public AppSettings(String name, String description, Optional<String> logoUrl, boolean oauthEnabled, AuthMethod authMethod,
                       Set<GrantType> grantTypes, List<String> scopes, List<RedirectUri> redirectUris,
                       AccessTokenFormat accessTokenFormat, Lifetime accessTokenLifetime, String idTokenAlg,
                       boolean resourceServer) {
        this(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris, accessTokenFormat,
                accessTokenLifetime, idTokenAlg, resourceServer, ClientKeys.NONE);
    }

    public static AppSettings defaults(String name, AuthMethod method) {
        Set<GrantType> grants = EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN);
        return new AppSettings(name, "", Optional.empty(), true, method, grants, List.of(), List.of(),
                AccessTokenFormat.OPAQUE, new Lifetime.Default(), "RS256", false);
    }

    public AppSettings withRedirectUris(List<RedirectUri> uris) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, uris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, clientUrl, assurance);
    }

    public AppSettings withScopes(List<String> newScopes) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, newScopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, clientUrl, assurance);
    }

    public AppSettings withOAuthEnabled(boolean enabled) {
        return new AppSettings(name, description, logoUrl, enabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, clientUrl, assurance);
    }

    public AppSettings withClientKeys(ClientKeys keys) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, keys, userinfoAlg, policyUrl, tosUrl, clientUrl, assurance);
    }

    public AppSettings withUserinfoAlg(Optional<String> alg) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, alg, policyUrl, tosUrl, clientUrl, assurance);
    }

    /** OIDC Registration §2 policy_uri and tos_uri: the links the login and consent pages show. */
    public AppSettings withPolicyLinks(Optional<String> policy, Optional<String> tos) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policy, tos, clientUrl, assurance);
    }

    /** Stronger or weaker protection for the app (docs/high-assurance.md); checked as a whole with the rest. */
    public AppSettings withAssurance(Assurance newAssurance) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl,
                clientUrl, newAssurance);
    }

    /** OIDC Registration §2: client_uri the app's home page, linked from the consent page and giving its logo an origin. */
    public AppSettings withClientUrl(Optional<String> home) {
        return new AppSettings(name, description, logoUrl, oauthEnabled, authMethod, grantTypes, scopes, redirectUris,
                accessTokenFormat, accessTokenLifetime, idTokenAlg, resourceServer, clientKeys, userinfoAlg, policyUrl, tosUrl, home, assurance);
    }

    /**
     * An absolute https URL with a host, which a page may put in href and src: never javascript:,
     * data: or plain http (a consent page must not send the person anywhere unencrypted).
     */
    public static boolean isHttps(String url) {
        if (!url.startsWith("https://") || url.length() > 2000) return false;
        try {
            URI uri = new URI(url);
            return uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) throw OAuthException.validation(field, message);
    }
}
