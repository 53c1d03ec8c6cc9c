package dev.portcullis.web.dashboard;

import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Assurance;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The app settings form as entered: strings and ticks, so a refused submission is shown again
 * exactly as typed. {@link #toSettings} turns it into {@link AppSettings}, whose own checks name
 * the field at fault.
 */
public record AppForm(String name, String description, String logoUrl, boolean oauthEnabled, String authMethod,
                      Set<String> grantTypes, List<String> scopes, String tokenFormat, String lifetime,
                      String lifetimeSeconds, String idTokenAlg, boolean resourceServer, String jwks, String jwksUri,
                      String authSigningAlg, String clientUrl, String policyUrl, String tosUrl, boolean requirePar,
                      boolean fapi2) {

    /** The fields the app page shows an error next to. */
    public static final Set<String> FIELDS = Set.of("name", "description", "logo_url", "token_endpoint_auth_method",
            "grant_types", "scopes", "access_token_format", "access_token_lifetime", "id_token_signed_response_alg",
            "jwks", "jwks_uri", "token_endpoint_auth_signing_alg", "client_uri", "policy_uri", "tos_uri");
    /** The algorithms a private_key_jwt app may pin its assertions to. */
    public static final List<String> AUTH_SIGNING_ALGS = ClientKeys.names();
    public static final List<String> ID_TOKEN_ALGS = List.of("RS256", "PS256", "ES256", "EdDSA");
    static final String GRANT = "grant.";

    public static AppForm of(App app) {
        AppSettings s = app.settings();
        String lifetime = switch (s.accessTokenLifetime()) {
            case Lifetime.Default d -> "default";
            case Lifetime.Never n -> "never";
            case Lifetime.Fixed f -> "seconds";
        };
        String seconds = s.accessTokenLifetime() instanceof Lifetime.Fixed f ? Long.toString(f.duration().toSeconds()) : "";
        return new AppForm(s.name(), s.description(), s.logoUrl().orElse(""), s.oauthEnabled(), s.authMethod().wireName(),
                s.grantTypes().stream().map(GrantType::wireName).collect(Collectors.toSet()), s.scopes(),
                s.accessTokenFormat().wireName(), lifetime, seconds, s.idTokenAlg(), s.resourceServer(), s.clientKeys().jwks().orElse(""),
                s.clientKeys().jwksUri().orElse(""), s.clientKeys().signingAlg().orElse(""), s.clientUrl().orElse(""),
                s.policyUrl().orElse(""), s.tosUrl().orElse(""), s.assurance().requirePar(),
                s.assurance().fapi2());
    }

    /** Reads the posted form; {@code scopes} are the ticked boxes of the choices the page offered. */
    public static AppForm read(Params form, List<String> scopes) {
        Set<String> grants = EnumSet.allOf(GrantType.class).stream().map(GrantType::wireName)
                .filter(g -> form.get(GRANT + g).isPresent()).collect(Collectors.toSet());
        return new AppForm(form.get("name").orElse(""), form.get("description").orElse(""), form.get("logo_url").orElse(""),
                form.get("oauth_enabled").isPresent(), form.get("token_endpoint_auth_method").orElse(""), grants, scopes,
                form.get("access_token_format").orElse(""), form.get("access_token_lifetime").orElse(""),
                form.get("access_token_lifetime_seconds").orElse(""), form.get("id_token_signed_response_alg").orElse(""),
                form.get("resource_server").isPresent(), form.get("jwks").orElse(""), form.get("jwks_uri").orElse(""),
                form.get("token_endpoint_auth_signing_alg").orElse(""), form.get("client_uri").orElse(""),
                form.get("policy_uri").orElse(""), form.get("tos_uri").orElse(""),
                form.get("require_pushed_authorization_requests").isPresent(),
                form.get("portcullis_security_profile").filter("fapi2"::equals).isPresent());
    }

    /** The app's new settings; redirect URIs are kept as they are (they have their own form). */
    public AppSettings toSettings(AppSettings current) {
        return new AppSettings(name.strip(), description.strip(), logo(logoUrl), oauthEnabled, method(authMethod),
                grants(), scopes, current.redirectUris(), format(), parsedLifetime(), idTokenAlg, resourceServer,
                new ClientKeys(present(jwks), present(jwksUri), present(authSigningAlg)))
                .withUserinfoAlg(current.userinfoAlg()) // not on the page: kept as /manage or registration set them
                .withPolicyLinks(present(policyUrl), present(tosUrl))
                .withClientUrl(present(clientUrl))
                // DPoP binding is not on the page yet: kept as /manage or registration set it (the FAPI 2.0 profile implies it).
                .withAssurance(new Assurance(requirePar, current.assurance().dpopBoundAccessTokens() && (fapi2 || !current.assurance().fapi2()),
                        fapi2 ? Assurance.Profile.FAPI2 : Assurance.Profile.NONE));
    }

    private static Optional<String> present(String entered) {
        return entered.isBlank() ? Optional.empty() : Optional.of(entered.strip());
    }

    public boolean hasGrant(GrantType grant) {
        return grantTypes.contains(grant.wireName());
    }

    static Optional<String> logo(String url) {
        return url.isBlank() ? Optional.empty() : Optional.of(url.strip());
    }

    static AuthMethod method(String wire) {
        return AuthMethod.fromWire(wire).orElseThrow(() -> OAuthException.validation("token_endpoint_auth_method",
                "Choose client_secret_basic, client_secret_post, private_key_jwt or none"));
    }

    private Set<GrantType> grants() {
        return grantTypes.stream().map(g -> GrantType.fromWire(g).orElseThrow()).collect(Collectors.toSet());
    }

    private AccessTokenFormat format() {
        return switch (tokenFormat.toLowerCase(Locale.ROOT)) {
            case "opaque" -> AccessTokenFormat.OPAQUE;
            case "jwt" -> AccessTokenFormat.JWT;
            default -> throw OAuthException.validation("access_token_format", "Choose opaque or JWT");
        };
    }

    private Lifetime parsedLifetime() {
        return switch (lifetime) {
            case "default" -> new Lifetime.Default();
            case "never" -> new Lifetime.Never();
            case "seconds" -> new Lifetime.Fixed(Duration.ofSeconds(seconds()));
            default -> throw OAuthException.validation("access_token_lifetime", "Choose the default, a number of seconds, or never");
        };
    }

    private long seconds() {
        try {
            return Long.parseLong(lifetimeSeconds.strip());
        } catch (NumberFormatException e) {
            throw OAuthException.validation("access_token_lifetime", "Enter the lifetime as a whole number of seconds");
        }
    }
}
