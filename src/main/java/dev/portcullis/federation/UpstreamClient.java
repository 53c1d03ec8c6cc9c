package dev.portcullis.federation;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The relying-party side of OpenID Connect, by the Nimbus OIDC SDK: discovery from the issuer
 * (OIDC Discovery §4, cached an hour), the authentication request, the code exchange with
 * client_secret_basic and PKCE, and ID token validation (OIDC Core §3.1.3.7) against the
 * provider's JWKS, which is refetched when a token names a kid it does not hold (key rotation).
 */
public final class UpstreamClient {
    private static final int TIMEOUT_MS = 5_000;
    private static final int JWKS_SIZE_LIMIT = 256 * 1024;
    private static final Duration METADATA_TTL = Duration.ofHours(1);
    private final Clock clock;
    private final Map<URI, Discovered> discovered = new ConcurrentHashMap<>();

    /** A provider's metadata with the key source its ID tokens are checked against. */
    private record Discovered(OIDCProviderMetadata metadata, JWKSource<SecurityContext> keys, Instant fetchedAt) {}

    /** What the ID token (and UserInfo, when the token leaves the email out) say about the person. */
    record Identity(String issuer, String subject, Optional<String> email, boolean emailVerified, Optional<String> name) {}

    public UpstreamClient(Clock clock) {
        this.clock = clock;
    }

    /** The URL to send the browser to (OIDC Core §3.1.2.1), with PKCE S256 (RFC 7636), state and nonce. */
    URI authorizationUrl(UpstreamProvider p, URI redirectUri, State state, Nonce nonce, CodeVerifier verifier) {
        OIDCProviderMetadata meta = discover(p).metadata();
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(p.scopes().toArray(String[]::new)),
                new ClientID(p.clientId()), redirectUri)
                .endpointURI(meta.getAuthorizationEndpointURI())
                .state(state)
                .nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    /** Exchanges the code, validates the ID token against {@code nonce}, and reads the person's claims. */
    Identity redeem(UpstreamProvider p, String secret, URI redirectUri, String code, CodeVerifier verifier, Nonce nonce) {
        try {
            return exchange(p, discover(p), secret, redirectUri, code, verifier, nonce);
        } catch (UpstreamFailure e) {
            throw e;
        } catch (RuntimeException e) {
            // The SDK's unchecked complaints about a malformed answer: the provider's fault, never our 500.
            throw UpstreamFailure.refused(p.name(), "malformed answer: " + e.getClass().getSimpleName());
        }
    }

    private Identity exchange(UpstreamProvider p, Discovered d, String secret, URI redirectUri, String code, CodeVerifier verifier,
                              Nonce nonce) {
        var request = new TokenRequest(d.metadata().getTokenEndpointURI(), new ClientSecretBasic(new ClientID(p.clientId()), new Secret(secret)),
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, verifier));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(timed(request.toHTTPRequest()).send());
        } catch (IOException e) {
            throw UpstreamFailure.unreachable(p.name(), "token endpoint: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw UpstreamFailure.refused(p.name(), "token response unreadable: " + e.getMessage());
        }
        if (!response.indicatesSuccess()) {
            TokenErrorResponse error = response.toErrorResponse();
            throw UpstreamFailure.refused(p.name(), "token endpoint error " + error.getErrorObject().getCode());
        }
        var tokens = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
        IDTokenClaimsSet claims = validate(p, d, tokens.getIDToken(), nonce);
        Identity fromToken = identity(p, new java.util.HashMap<>(claims.toJSONObject()));
        if (fromToken.email().isPresent()) return fromToken;
        return userInfo(p, d, tokens.getBearerAccessToken(), fromToken);
    }

    private IDTokenClaimsSet validate(UpstreamProvider p, Discovered d, JWT idToken, Nonce nonce) {
        if (idToken == null) throw UpstreamFailure.invalidIdToken(p.name(), "no id_token");
        Set<JWSAlgorithm> algs = new HashSet<>(Optional.ofNullable(d.metadata().getIDTokenJWSAlgs()).orElse(List.of(JWSAlgorithm.RS256)));
        algs.removeIf(a -> JWSAlgorithm.Family.HMAC_SHA.contains(a) || a.getName().equals("none"));
        var validator = new IDTokenValidator(new Issuer(p.issuer().toString()), new ClientID(p.clientId()),
                new JWSVerificationKeySelector<>(algs, d.keys()), null);
        try {
            return validator.validate(idToken, nonce);
        } catch (BadJOSEException | JOSEException e) {
            throw UpstreamFailure.invalidIdToken(p.name(), "id_token rejected: " + e.getMessage());
        }
    }

    /** OIDC Core §5.3.2: UserInfo's sub must be the ID token's, or its claims are not about this person. */
    private Identity userInfo(UpstreamProvider p, Discovered d, BearerAccessToken accessToken, Identity fromToken) {
        URI endpoint = d.metadata().getUserInfoEndpointURI();
        if (endpoint == null || accessToken == null) return fromToken;
        try {
            var response = UserInfoResponse.parse(timed(new UserInfoRequest(endpoint, accessToken).toHTTPRequest()).send());
            if (!response.indicatesSuccess()) throw UpstreamFailure.refused(p.name(), "userinfo error");
            var info = response.toSuccessResponse().getUserInfo();
            if (!fromToken.subject().equals(info.getSubject().getValue())) {
                throw UpstreamFailure.invalidIdToken(p.name(), "userinfo sub differs from the id_token's");
            }
            return identity(p, new java.util.HashMap<>(info.toJSONObject()), fromToken.subject());
        } catch (IOException e) {
            throw UpstreamFailure.unreachable(p.name(), "userinfo: " + e.getClass().getSimpleName());
        } catch (ParseException e) {
            throw UpstreamFailure.refused(p.name(), "userinfo unreadable");
        }
    }

    private static Identity identity(UpstreamProvider p, Map<String, Object> claims) {
        return identity(p, claims, String.valueOf(claims.get("sub")));
    }

    /** email_verified counts only as the boolean true (OIDC Core §5.1); some providers send the string "true". */
    private static Identity identity(UpstreamProvider p, Map<String, Object> claims, String subject) {
        Object verified = claims.get("email_verified");
        boolean emailVerified = Boolean.TRUE.equals(verified) || "true".equals(verified);
        Optional<String> email = Optional.ofNullable(claims.get("email")).filter(String.class::isInstance).map(String.class::cast)
                .map(String::strip).filter(e -> !e.isEmpty());
        Optional<String> name = Optional.ofNullable(claims.get("name")).filter(String.class::isInstance).map(String.class::cast);
        return new Identity(p.issuer().toString(), subject, email, emailVerified, name);
    }

    /** OIDC Discovery §4.3: the document must name the issuer we asked, which the SDK checks. */
    private Discovered discover(UpstreamProvider p) {
        Instant now = clock.instant();
        Discovered known = discovered.get(p.issuer());
        if (known != null && now.isBefore(known.fetchedAt().plus(METADATA_TTL))) return known;
        try {
            OIDCProviderMetadata meta = OIDCProviderMetadata.resolve(new Issuer(p.issuer().toString()), TIMEOUT_MS, TIMEOUT_MS);
            if (meta.getAuthorizationEndpointURI() == null || meta.getTokenEndpointURI() == null || meta.getJWKSetURI() == null) {
                throw UpstreamFailure.unreachable(p.name(), "discovery document lacks an endpoint");
            }
            JWKSource<SecurityContext> keys = known != null && known.metadata().getJWKSetURI().equals(meta.getJWKSetURI()) ? known.keys()
                    : JWKSourceBuilder.<SecurityContext>create(meta.getJWKSetURI().toURL(),
                            new DefaultResourceRetriever(TIMEOUT_MS, TIMEOUT_MS, JWKS_SIZE_LIMIT)).refreshAheadCache(false).build();
            Discovered fresh = new Discovered(meta, keys, now);
            discovered.put(p.issuer(), fresh);
            return fresh;
        } catch (IOException | GeneralException e) {
            throw UpstreamFailure.unreachable(p.name(), "discovery: " + e.getClass().getSimpleName() + " " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw UpstreamFailure.unreachable(p.name(), "discovery: bad jwks_uri");
        }
    }

    private static HTTPRequest timed(HTTPRequest request) {
        request.setConnectTimeout(TIMEOUT_MS);
        request.setReadTimeout(TIMEOUT_MS);
        return request;
    }
}
