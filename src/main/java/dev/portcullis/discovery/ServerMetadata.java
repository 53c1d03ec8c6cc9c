package dev.portcullis.discovery;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.config.Config;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.DPoPAlgorithms;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.ResponseType;
import dev.portcullis.registration.ClientMetadataDocuments;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.userinfo.Acr;
import dev.portcullis.userinfo.UserClaims;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The authorization server's metadata: one document serves OIDC Discovery 1.0 §3 and RFC 8414 §2,
 * built once from the configuration, since nothing in it changes while the server runs.
 */
final class ServerMetadata {
    /** OIDC Core §2 and §5.1: what ID tokens and UserInfo may carry. */
    static final List<String> CLAIMS = Stream.concat(Stream.of("iss", "sub", "aud", "exp", "iat", "auth_time", "nonce", "acr",
            "amr", "azp", "at_hash"), UserClaims.supported().stream()).toList();
    static final List<String> PROMPTS = List.of("none", "login", "consent", "select_account");

    private ServerMetadata() {}

    static Map<String, Object> of(Config config, ScopeCatalog scopes) {
        String issuer = config.server().issuer().toString();
        List<String> authMethods = Arrays.stream(AuthMethod.values()).map(AuthMethod::wireName).toList();
        List<String> confidentialMethods = List.of(AuthMethod.CLIENT_SECRET_BASIC.wireName(), AuthMethod.CLIENT_SECRET_POST.wireName(),
                AuthMethod.PRIVATE_KEY_JWT.wireName());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("issuer", issuer);
        doc.put("authorization_endpoint", issuer + "/oauth2/authorize");
        doc.put("token_endpoint", issuer + "/oauth2/token");
        doc.put("userinfo_endpoint", issuer + "/oauth2/userinfo");
        doc.put("jwks_uri", issuer + "/oauth2/jwks");
        if (config.registration().policy() != Config.RegistrationPolicy.OFF) {
            doc.put("registration_endpoint", issuer + "/oauth2/register");
        }
        doc.put("introspection_endpoint", issuer + "/oauth2/introspect");
        doc.put("revocation_endpoint", issuer + "/oauth2/revoke");
        doc.put("end_session_endpoint", issuer + "/oauth2/logout");
        doc.put("device_authorization_endpoint", issuer + "/oauth2/device_authorization"); // RFC 8628 §4
        // RFC 9126 §5 (docs/high-assurance.md): pushed requests, required of every app when so configured.
        doc.put("pushed_authorization_request_endpoint", issuer + "/oauth2/par");
        doc.put("require_pushed_authorization_requests", config.tokens().requirePar());
        doc.put("scopes_supported", scopes.entries().stream().map(e -> e.scope().name()).toList());
        doc.put("response_types_supported", Arrays.stream(ResponseType.values()).map(ResponseType::wireName).toList());
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("grant_types_supported", Arrays.stream(GrantType.values()).map(GrantType::wireName).toList());
        doc.put("code_challenge_methods_supported", List.of("S256"));
        doc.put("token_endpoint_auth_methods_supported", authMethods);
        // RFC 7662 §2.1 needs an authenticated client; RFC 7009 §2.1 lets a public client revoke its own tokens.
        doc.put("introspection_endpoint_auth_methods_supported", confidentialMethods);
        doc.put("revocation_endpoint_auth_methods_supported", authMethods);
        // RFC 8414 §2: the JWS algorithms a private_key_jwt assertion may use, at each endpoint.
        doc.put("token_endpoint_auth_signing_alg_values_supported", ClientKeys.names());
        doc.put("introspection_endpoint_auth_signing_alg_values_supported", ClientKeys.names());
        doc.put("revocation_endpoint_auth_signing_alg_values_supported", ClientKeys.names());
        doc.put("subject_types_supported", List.of("public"));
        List<String> signingAlgs = Arrays.stream(SigningAlgorithm.values()).map(a -> a.jws().getName()).toList();
        doc.put("id_token_signing_alg_values_supported", signingAlgs);
        // OIDC Discovery §3: UserInfo answers as a JWS for apps that registered userinfo_signed_response_alg.
        doc.put("userinfo_signing_alg_values_supported", signingAlgs);
        doc.put("claims_supported", CLAIMS);
        // OIDC Core §5.5 and §3.1.2.1 (docs/claims.md): "1" a password, "2" a password and a second factor.
        doc.put("claims_parameter_supported", true);
        doc.put("acr_values_supported", Acr.SUPPORTED);
        doc.put("prompt_values_supported", PROMPTS);
        // OIDC Core §6 (docs/authorization.md): signed request objects by value or by https reference, any request_uri.
        doc.put("request_parameter_supported", true);
        doc.put("request_uri_parameter_supported", true);
        doc.put("require_request_uri_registration", false);
        doc.put("request_object_signing_alg_values_supported", ClientKeys.names());
        doc.put("authorization_response_iss_parameter_supported", true);
        // RFC 9449 §5.1 (docs/dpop.md).
        doc.put("dpop_signing_alg_values_supported", DPoPAlgorithms.NAMES);
        doc.put("client_id_metadata_document_supported", ClientMetadataDocuments.acceptsDocuments(config));
        return Collections.unmodifiableMap(doc);
    }
}
