package dev.portcullis.registration;

import dev.portcullis.apps.App;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 7591 §3.2.1 / RFC 7592 §3: the metadata as registered (which may differ from what was
 * asked: defaults filled in), plus the client's credentials and where to manage the registration.
 */
final class RegistrationResponse {
    private RegistrationResponse() {}

    /**
     * {@code secret} only right after registration (it is stored hashed); {@code registrationToken}
     * is the new one, or the one the client just presented, which is still the current one.
     */
    static Map<String, Object> of(App app, String issuer, Optional<String> secret, String registrationToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", app.clientId());
        body.put("client_id_issued_at", app.createdAt().getEpochSecond());
        secret.ifPresent(s -> {
            body.put("client_secret", s);
            body.put("client_secret_expires_at", 0); // §3.2.1: 0 means it does not expire
        });
        body.put("registration_access_token", registrationToken);
        body.put("registration_client_uri", clientUri(issuer, app.clientId()));
        body.put("client_name", app.name());
        body.put("redirect_uris", app.redirectUris().stream().map(RedirectUri::value).toList());
        body.put("token_endpoint_auth_method", app.authMethod().wireName());
        body.put("grant_types", app.grantTypes().stream().map(GrantType::wireName).sorted().toList());
        body.put("response_types", ResponseTypes.of(app.grantTypes()));
        body.put("scope", String.join(" ", app.scopes()));
        app.settings().logoUrl().ifPresent(logo -> body.put("logo_uri", logo));
        app.settings().policyUrl().ifPresent(policy -> body.put("policy_uri", policy));
        app.settings().tosUrl().ifPresent(tos -> body.put("tos_uri", tos));
        app.settings().clientUrl().ifPresent(home -> body.put("client_uri", home));
        body.put("id_token_signed_response_alg", app.settings().idTokenAlg());
        app.userinfoAlg().ifPresent(alg -> body.put("userinfo_signed_response_alg", alg));
        body.put("subject_type", "public");
        // A Portcullis extension field, like its request counterpart.
        body.put("access_token_format", app.settings().accessTokenFormat().wireName());
        app.clientKeys().jwksObject().ifPresent(jwks -> body.put("jwks", jwks));
        app.clientKeys().jwksUri().ifPresent(uri -> body.put("jwks_uri", uri));
        app.clientKeys().signingAlg().ifPresent(alg -> body.put("token_endpoint_auth_signing_alg", alg));
        body.put("require_pushed_authorization_requests", app.assurance().requirePar());
        body.put("dpop_bound_access_tokens", app.assurance().dpopBoundAccessTokens());
        body.put("portcullis_security_profile", app.assurance().profile().wireName());
        return body;
    }

    static String clientUri(String issuer, String clientId) {
        return issuer + RegistrationEndpoint.PATH + "/" + clientId;
    }
}
