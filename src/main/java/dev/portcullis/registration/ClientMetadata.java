package dev.portcullis.registration;

import dev.portcullis.scopes.UserScopes;
import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Assurance;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.DisplayText;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.scopes.ScopeSet;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7591 §2 client metadata, checked field by field and turned into an app's settings. Unknown
 * fields are ignored (§2); a known one with a bad value is {@code invalid_client_metadata}, a bad
 * redirect URI {@code invalid_redirect_uri} (§3.2.2). A metadata document (the client_id URL's
 * content) follows the same rules, except that it can only describe a public client.
 */
final class ClientMetadata {
    static final int MAX_REDIRECT_URIS = 20;
    static final int MAX_NAME_LENGTH = 100;

    /** Who states the metadata: a registration request, or a client's own metadata document. */
    enum Source { REGISTRATION, DOCUMENT }

    private final ScopeCatalog catalog;
    private final ScopeSet registrable;
    private final List<String> defaultScopes;
    private final String defaultAlg;
    private final boolean allowImplicit;

    ClientMetadata(ScopeCatalog catalog, String defaultAlg, boolean allowImplicit) {
        this.catalog = catalog;
        this.registrable = catalog.selfRegistrable();
        this.defaultScopes = registrable.names().stream().filter(ClientMetadata::isDefault).toList();
        this.defaultAlg = defaultAlg;
        this.allowImplicit = allowImplicit;
    }

    /** Without a {@code scope}: sign-in, refresh and every registrable read scope; no writes. */
    private static boolean isDefault(String scope) {
        return UserScopes.contains(scope) || scope.endsWith(":read");
    }

    AppSettings settings(JsonNode doc, Source source, String defaultName) {
        if (doc == null || !doc.isObject()) throw invalid("Client metadata must be a JSON object");
        AuthMethod method = authMethod(doc, source);
        Set<GrantType> grants = grantTypes(doc, method);
        checkResponseTypes(doc, grants);
        checkSubjectType(doc);
        checkNotResourceServer(doc);
        List<RedirectUri> redirectUris = redirectUris(doc, grants);
        String name = text(doc, "client_name").orElse(defaultName);
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || !DisplayText.isSafe(name)) {
            throw invalid("client_name must be 1-" + MAX_NAME_LENGTH + " printable characters");
        }
        Optional<String> logo = httpsUrl(doc, "logo_uri");
        Optional<String> policy = httpsUrl(doc, "policy_uri"); // OIDC Registration §2: linked from login and consent
        Optional<String> tos = httpsUrl(doc, "tos_uri");
        Optional<String> home = httpsUrl(doc, "client_uri"); // RFC 7591 §2: the consent page links it
        String alg = text(doc, "id_token_signed_response_alg").orElse(defaultAlg);
        if (SigningAlgorithm.named(alg).isEmpty()) throw invalid("id_token_signed_response_alg must be RS256, PS256, ES256 or EdDSA");
        Optional<String> userinfoAlg = userinfoAlg(doc);
        try {
            return new AppSettings(name.strip(), "", logo, true, method, grants, scopes(doc), redirectUris,
                    accessTokenFormat(doc), new Lifetime.Default(), alg, false, clientKeys(doc), userinfoAlg, policy, tos, home,
                    assurance(doc));
        } catch (OAuthException e) {
            throw invalid(e.error().description()); // AppSettings' own consistency rules, in RFC 7591 words
        }
    }

    /**
     * docs/high-assurance.md: {@code require_pushed_authorization_requests} (RFC 9126 §6),
     * {@code dpop_bound_access_tokens} (RFC 9449 §5.2) and the extension {@code portcullis_security_profile}.
     */
    private static Assurance assurance(JsonNode doc) {
        Assurance.Profile profile = text(doc, "portcullis_security_profile")
                .map(p -> Assurance.Profile.fromWire(p).orElseThrow(() -> invalid("portcullis_security_profile must be none or fapi2")))
                .orElse(Assurance.Profile.NONE);
        return new Assurance(flag(doc, "require_pushed_authorization_requests"), flag(doc, "dpop_bound_access_tokens"), profile);
    }

    private static boolean flag(JsonNode doc, String field) {
        JsonNode value = doc.get(field);
        if (value == null || value.isNull()) return false;
        if (!value.isBoolean()) throw invalid(field + " must be true or false");
        return value.booleanValue();
    }

    private static AuthMethod authMethod(JsonNode doc, Source source) {
        Optional<String> named = text(doc, "token_endpoint_auth_method");
        if (source == Source.DOCUMENT) {
            // draft-ietf-oauth-client-id-metadata-document §4.1: no shared secret can be in a public document.
            if (doc.hasNonNull("client_secret")) throw invalid("A metadata document must not contain a client_secret");
            if (named.isPresent() && named.get().equals(AuthMethod.PRIVATE_KEY_JWT.wireName())) return AuthMethod.PRIVATE_KEY_JWT;
            if (named.isPresent() && !named.get().equals("none")) {
                throw invalid("token_endpoint_auth_method " + named.get()
                        + " is not supported for metadata documents; use none (PKCE) or private_key_jwt");
            }
            return AuthMethod.NONE;
        }
        if (named.filter("client_secret_jwt"::equals).isPresent()) {
            throw invalid("client_secret_jwt is not supported: client secrets are stored only as hashes, so an HMAC "
                    + "over one cannot be verified; use private_key_jwt");
        }
        // RFC 7591 §2: the default is client_secret_basic.
        String wire = named.orElse(AuthMethod.CLIENT_SECRET_BASIC.wireName());
        return AuthMethod.fromWire(wire).orElseThrow(() ->
                invalid("token_endpoint_auth_method must be none, client_secret_basic, client_secret_post or private_key_jwt"));
    }

    private Set<GrantType> grantTypes(JsonNode doc, AuthMethod method) {
        List<String> named = strings(doc, "grant_types").orElse(List.of(GrantType.AUTHORIZATION_CODE.wireName()));
        Set<GrantType> grants = EnumSet.noneOf(GrantType.class);
        for (String wire : named) {
            grants.add(GrantType.fromWire(wire).orElseThrow(() -> invalid("Unsupported grant type: " + wire)));
        }
        if (grants.contains(GrantType.CLIENT_CREDENTIALS) && method == AuthMethod.NONE) {
            throw invalid("client_credentials needs a confidential client (client_secret_basic, client_secret_post or private_key_jwt)");
        }
        if (grants.contains(GrantType.REFRESH_TOKEN) && !grants.contains(GrantType.AUTHORIZATION_CODE)
                && !grants.contains(GrantType.DEVICE_CODE)) {
            throw invalid("refresh_token needs authorization_code or device_code");
        }
        if (grants.isEmpty()) throw invalid("grant_types must not be empty");
        if (grants.contains(GrantType.IMPLICIT) && !allowImplicit) {
            throw invalid("The implicit grant is turned off on this server (RFC 9700 §2.1.2); use authorization_code with PKCE");
        }
        return grants;
    }

    /**
     * RFC 7591 §2.1: each response type needs its grant type and each redirect-based grant a
     * response type. Without {@code response_types} the grant types decide them.
     */
    private static void checkResponseTypes(JsonNode doc, Set<GrantType> grants) {
        Optional<List<String>> given = strings(doc, "response_types");
        if (given.isEmpty()) return;
        Set<GrantType> needed = EnumSet.noneOf(GrantType.class);
        for (String type : given.get()) {
            needed.add(ResponseTypes.grantFor(type).orElseThrow(() ->
                    invalid("Unsupported response type: " + type + " (code, id_token or id_token token)")));
        }
        for (GrantType grant : needed) {
            if (!grants.contains(grant)) {
                throw invalid("response_types " + String.join(", ", ResponseTypes.of(grant)) + " need grant_types " + grant.wireName());
            }
        }
        for (GrantType grant : List.of(GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT)) {
            if (grants.contains(grant) && !needed.contains(grant)) {
                throw invalid(grant.wireName() + " needs response_types " + String.join(" or ", ResponseTypes.of(grant)));
            }
        }
    }

    /** OIDC Dynamic Registration §2: only public subject identifiers exist here (subject_types_supported). */
    private static void checkSubjectType(JsonNode doc) {
        text(doc, "subject_type").filter(type -> !type.equals("public")).ifPresent(type -> {
            throw invalid("subject_type " + type + " is not supported: this server issues public subject identifiers only");
        });
        if (doc.hasNonNull("sector_identifier_uri")) {
            throw invalid("sector_identifier_uri is not supported: it serves pairwise subject identifiers, and this server "
                    + "issues public ones only");
        }
    }

    /** A resource server may introspect every token: the operator grants that, never the client itself. */
    private static void checkNotResourceServer(JsonNode doc) {
        JsonNode flag = doc.get("resource_server");
        if (flag != null && !flag.isNull() && !(flag.isBoolean() && !flag.booleanValue())) {
            throw invalid("resource_server cannot be self-registered; the operator sets it (admin command, import or /manage/v1)");
        }
    }

    /** OIDC Registration §2: absent means plain JSON UserInfo; else an algorithm we sign with (never none). */
    private static Optional<String> userinfoAlg(JsonNode doc) {
        Optional<String> alg = text(doc, "userinfo_signed_response_alg");
        if (alg.isPresent() && SigningAlgorithm.named(alg.get()).isEmpty()) {
            throw invalid("userinfo_signed_response_alg must be RS256, PS256, ES256 or EdDSA");
        }
        return alg;
    }

    /** A Portcullis extension field: RFC 9068 JWT access tokens instead of opaque ones. */
    private static AccessTokenFormat accessTokenFormat(JsonNode doc) {
        return text(doc, "access_token_format").map(format -> switch (format) {
            case "opaque" -> AccessTokenFormat.OPAQUE;
            case "jwt" -> AccessTokenFormat.JWT;
            default -> throw invalid("access_token_format must be opaque or jwt");
        }).orElse(AccessTokenFormat.OPAQUE);
    }

    private static List<RedirectUri> redirectUris(JsonNode doc, Set<GrantType> grants) {
        List<String> given = strings(doc, "redirect_uris").orElse(List.of());
        for (GrantType grant : List.of(GrantType.AUTHORIZATION_CODE, GrantType.IMPLICIT)) {
            if (given.isEmpty() && grants.contains(grant)) {
                throw new OAuthException(new OAuthError.InvalidRedirectUri("redirect_uris is required for " + grant.wireName()));
            }
        }
        if (given.size() > MAX_REDIRECT_URIS) throw invalid("At most " + MAX_REDIRECT_URIS + " redirect_uris");
        List<RedirectUri> uris = new ArrayList<>();
        for (String candidate : given) {
            switch (RedirectUri.check(candidate)) {
                case RedirectUri.Check.Valid v -> uris.add(v.uri());
                case RedirectUri.Check.Invalid i -> throw new OAuthException(new OAuthError.InvalidRedirectUri(i.reason()));
            }
            if (grants.contains(GrantType.IMPLICIT) && !ResponseTypes.fitsImplicit(candidate)) {
                throw new OAuthException(new OAuthError.InvalidRedirectUri(
                        "The implicit grant needs https redirect URIs on a host other than localhost (OIDC Registration §2)"));
            }
        }
        return uris;
    }

    private List<String> scopes(JsonNode doc) {
        Optional<String> raw = text(doc, "scope");
        if (raw.isEmpty()) return defaultScopes;
        ScopeSet requested;
        try {
            requested = ScopeSet.parse(raw.get(), catalog);
        } catch (OAuthException e) {
            throw invalid(e.error().description());
        }
        List<String> refused = requested.scopes().stream().filter(s -> !registrable.declares(s)).map(Scope::name).toList();
        if (!refused.isEmpty()) throw invalid("Scope not available to self-registered clients: " + String.join(" ", refused));
        return requested.names();
    }

    /** RFC 7591 §2: jwks (a JWK Set object) or jwks_uri, and token_endpoint_auth_signing_alg; public keys only. */
    private static ClientKeys clientKeys(JsonNode doc) {
        JsonNode jwks = doc.get("jwks");
        if (jwks != null && !jwks.isNull() && !jwks.isObject()) throw invalid("jwks must be a JWK Set object");
        Optional<String> inline = Optional.ofNullable(jwks).filter(JsonNode::isObject).map(JsonNode::toString);
        try {
            return new ClientKeys(inline, text(doc, "jwks_uri"), text(doc, "token_endpoint_auth_signing_alg"));
        } catch (OAuthException e) {
            throw invalid(e.error().description());
        }
    }

    private static Optional<String> httpsUrl(JsonNode doc, String field) {
        Optional<String> value = text(doc, field);
        value.ifPresent(v -> {
            try {
                URI uri = new URI(v);
                if (!"https".equals(uri.getScheme()) || uri.getHost() == null || v.length() > 2000) {
                    throw invalid(field + " must be an https URL");
                }
            } catch (URISyntaxException e) {
                throw invalid(field + " must be an https URL");
            }
        });
        return value;
    }

    private static Optional<String> text(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isTextual()) throw invalid(field + " must be a string");
        return Optional.of(node.asText());
    }

    private static Optional<List<String>> strings(JsonNode doc, String field) {
        JsonNode node = doc.get(field);
        if (node == null || node.isNull()) return Optional.empty();
        if (!node.isArray()) throw invalid(field + " must be an array of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) throw invalid(field + " must be an array of strings");
            if (!out.contains(item.asText())) out.add(item.asText());
        }
        return Optional.of(out);
    }

    static OAuthException invalid(String description) {
        return new OAuthException(new OAuthError.InvalidClientMetadata(description));
    }
}
