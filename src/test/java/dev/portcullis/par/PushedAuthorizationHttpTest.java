package dev.portcullis.par;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationRequest;
import com.nimbusds.oauth2.sdk.PushedAuthorizationResponse;
import com.nimbusds.oauth2.sdk.PushedAuthorizationSuccessResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.JWTAuthenticationClaimsSet;
import com.nimbusds.oauth2.sdk.auth.PrivateKeyJWT;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.Audience;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import dev.portcullis.apps.AccessTokenFormat;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.Assurance;
import dev.portcullis.apps.Lifetime;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.OAuthFlow;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.time.Duration;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushed authorization requests (RFC 9126) driven by the Nimbus SDK's {@link PushedAuthorizationRequest}
 * and {@link PrivateKeyJWT}, through the real login and consent pages to a code and tokens, on both
 * databases; and every way a pushed request or its client authentication is refused.
 */
@ParameterizedClass
@EnumSource(Db.class)
class PushedAuthorizationHttpTest {
    static final URI CALLBACK = URI.create("http://127.0.0.1:3050/callback");
    static final Scope SCOPES = new Scope("openid", "profile");
    static final String PASSWORD = "correct horse battery";

    @Parameter
    Db db;

    static MutableClock clock;
    static TestServer server;
    static String issuer;
    static RSAKey key;
    static ClientID signer;
    static ClientID other;
    static ClientID publicClient;
    static ClientID requiresPar;
    static ClientID fapi;
    static int users;

    @BeforeParameterizedClassInvocation
    static void start(Db db) throws Exception {
        clock = MutableClock.startingNow();
        server = TestServer.start(TestServer.configFor(TestDatabases.fresh(db)), clock);
        issuer = server.portcullis().config().server().issuer().toString();
        key = new RSAKeyGenerator(2048).keyID("client-rsa").generate();
        signer = create(signing("Signer", Assurance.NONE, "PS256"));
        other = create(signing("Other", Assurance.NONE, "RS256"));
        publicClient = create(AppSettings.defaults("Public", AuthMethod.NONE).withRedirectUris(List.of(new RedirectUri(CALLBACK.toString())))
                .withScopes(List.of("openid", "profile")));
        requiresPar = create(signing("Strict", new Assurance(true, false, Assurance.Profile.NONE), "RS256"));
        fapi = create(signing("Bank", new Assurance(false, false, Assurance.Profile.FAPI2), "PS256"));
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** A private_key_jwt app with the test's RSA key, signing its assertions with PS256. */
    static AppSettings signing(String name, Assurance assurance, String idTokenAlg) {
        var keys = new ClientKeys(Optional.of(new JWKSet(key.toPublicJWK()).toString(true)), Optional.empty(), Optional.of("PS256"));
        return new AppSettings(name, "", Optional.empty(), true, AuthMethod.PRIVATE_KEY_JWT,
                EnumSet.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), List.of("openid", "profile"),
                List.of(new RedirectUri(CALLBACK.toString())), AccessTokenFormat.OPAQUE, new Lifetime.Default(), idTokenAlg, false,
                keys, Optional.empty(), Optional.empty(), Optional.empty(), assurance);
    }

    static ClientID create(AppSettings settings) {
        return new ClientID(server.portcullis().apps().create(Actor.system(), Optional.empty(), settings).app().clientId());
    }

    /** FAPI 2.0 §5.3.2.1: the issuer alone, as a string, is the audience a FAPI 2.0 app's assertion may name. */
    static ClientAuthentication issuerAssertion(ClientID client) throws Exception {
        return new PrivateKeyJWT(client, URI.create(issuer), JWSAlgorithm.PS256, key.toRSAPrivateKey(), key.getKeyID(), null);
    }

    static ClientAuthentication assertion(ClientID client, String path) throws Exception {
        return new PrivateKeyJWT(client, server.uri(path), JWSAlgorithm.PS256, key.toRSAPrivateKey(), key.getKeyID(), null);
    }

    record Started(AuthenticationRequest request, State state, Nonce nonce, CodeVerifier verifier) {}

    static Started request(ClientID client, boolean pkce) {
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        var builder = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, client, CALLBACK).state(state).nonce(nonce)
                .endpointURI(server.uri("/oauth2/authorize"));
        if (pkce) builder.codeChallenge(verifier, CodeChallengeMethod.S256);
        return new Started(builder.build(), state, nonce, verifier);
    }

    static HTTPResponse push(ClientAuthentication auth, AuthorizationRequest request) throws Exception {
        var par = auth == null ? new PushedAuthorizationRequest(server.uri("/oauth2/par"), request)
                : new PushedAuthorizationRequest(server.uri("/oauth2/par"), auth, request);
        return par.toHTTPRequest().send();
    }

    static URI pushed(ClientAuthentication auth, AuthorizationRequest request) throws Exception {
        HTTPResponse res = push(auth, request);
        assertEquals(201, res.getStatusCode(), res.getBody());
        PushedAuthorizationSuccessResponse ok = PushedAuthorizationResponse.parse(res).toSuccessResponse();
        assertTrue(ok.getRequestURI().toString().startsWith("urn:ietf:params:oauth:request_uri:"));
        assertTrue(ok.getLifetime() >= 5 && ok.getLifetime() <= 600, "expires_in " + ok.getLifetime());
        return ok.getRequestURI();
    }

    static String authorizePath(ClientID client, URI requestUri, String extra) {
        URI url = new AuthorizationRequest.Builder(requestUri, client).endpointURI(server.uri("/oauth2/authorize")).build().toURI();
        return url.getRawPath() + "?" + url.getRawQuery() + extra;
    }

    static OAuthFlow newUser() {
        Browser browser = new Browser(server);
        String email = "par" + (++users) + "-" + System.nanoTime() + "@example.com";
        browser.signUp("Ada Lovelace", email, PASSWORD);
        return new OAuthFlow(browser, email, PASSWORD);
    }

    static JsonNode json(HTTPResponse res) throws Exception {
        return Json.MAPPER.readTree(res.getBody());
    }

    @Test
    void pushedRequestWithPrivateKeyJwtGivesACodeAndPs256TokensAndIgnoresQueryParameters() throws Exception {
        Started started = request(signer, true);
        URI requestUri = pushed(assertion(signer, "/oauth2/par"), started.request());
        // RFC 9126 §4: what the query adds beside request_uri is ignored, not merged.
        URI url = server.uri(authorizePath(signer, requestUri, "&state=tampered&scope=openid"));
        URI redirect = newUser().authorize(url, true);
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());
        assertEquals(started.state(), response.getState());
        assertEquals(issuer, response.toSuccessResponse().getIssuer().getValue());
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        var grant = new AuthorizationCodeGrant(code, CALLBACK, started.verifier());
        TokenResponse tokens = OIDCTokenResponseParser.parse(
                new TokenRequest(server.uri("/oauth2/token"), assertion(signer, "/oauth2/token"), grant).toHTTPRequest().send());
        assertTrue(tokens.indicatesSuccess(), tokens.toString());
        var idToken = ((OIDCTokenResponse) tokens.toSuccessResponse()).getOIDCTokens().getIDToken();
        assertEquals(JWSAlgorithm.PS256, idToken.getHeader().getAlgorithm());
        var validator = new IDTokenValidator(new Issuer(issuer), signer, JWSAlgorithm.PS256, server.uri("/oauth2/jwks").toURL());
        IDTokenClaimsSet claims = validator.validate(idToken, started.nonce());
        assertEquals(signer.getValue(), claims.getAudience().getFirst().getValue());
        assertEquals("profile", String.join(" ", tokens.toSuccessResponse().getTokens().getAccessToken().getScope().toStringList())
                .replace("openid ", ""));
    }

    @Test
    void reusedRequestUriIsRefusedWithAPageAndNoRedirect() throws Exception {
        Started started = request(signer, true);
        URI requestUri = pushed(assertion(signer, "/oauth2/par"), started.request());
        OAuthFlow user = newUser();
        assertTrue(AuthorizationResponse.parse(user.authorize(server.uri(authorizePath(signer, requestUri, "")), true)).indicatesSuccess());
        Browser.Page again = user.browser().get(authorizePath(signer, requestUri, ""));
        assertEquals(400, again.status());
        assertTrue(again.text().contains("invalid_request_uri"), again.text());
    }

    @Test
    void expiredRequestUriIsRefused() throws Exception {
        URI requestUri = pushed(assertion(signer, "/oauth2/par"), request(signer, true).request());
        clock.advance(Duration.ofSeconds(61));
        Browser.Page page = newUser().browser().get(authorizePath(signer, requestUri, ""));
        assertEquals(400, page.status());
        assertTrue(page.text().contains("invalid_request_uri"), page.text());
    }

    @Test
    void requestUriOfAnotherClientIsRefusedAndStaysUsableByItsOwn() throws Exception {
        Started started = request(signer, true);
        URI requestUri = pushed(assertion(signer, "/oauth2/par"), started.request());
        OAuthFlow user = newUser();
        Browser.Page stolen = user.browser().get(authorizePath(other, requestUri, ""));
        assertEquals(400, stolen.status());
        assertTrue(stolen.text().contains("invalid_request_uri"), stolen.text());
        URI redirect = user.authorize(server.uri(authorizePath(signer, requestUri, "")), true);
        assertTrue(AuthorizationResponse.parse(redirect).indicatesSuccess(), redirect.toString());
    }

    @Test
    void assertionWithAWrongAudienceIsInvalidClientAndPushesNothing() throws Exception {
        long before = pushedRows();
        Date exp = Date.from(clock.instant().plusSeconds(60));
        var claims = new JWTAuthenticationClaimsSet(signer, List.of(new Audience("https://elsewhere.example/token")), exp, null, Date.from(clock.instant()), new JWTID());
        HTTPResponse res = push(new PrivateKeyJWT(claims, JWSAlgorithm.PS256, key.toRSAPrivateKey(), key.getKeyID(), null),
                request(signer, true).request());
        assertEquals(401, res.getStatusCode());
        assertEquals("invalid_client", json(res).get("error").asText());
        assertEquals(before, pushedRows());
    }

    @Test
    void assertionAcceptsTheIssuerAsAudience() throws Exception {
        Date exp = Date.from(clock.instant().plusSeconds(60));
        var claims = new JWTAuthenticationClaimsSet(signer, List.of(new Audience(issuer)), exp, null, Date.from(clock.instant()), new JWTID());
        pushed(new PrivateKeyJWT(claims, JWSAlgorithm.PS256, key.toRSAPrivateKey(), key.getKeyID(), null), request(signer, true).request());
    }

    @Test
    void replayedAssertionJtiIsInvalidClient() throws Exception {
        ClientAuthentication once = assertion(signer, "/oauth2/par");
        pushed(once, request(signer, true).request());
        HTTPResponse replay = push(once, request(signer, true).request());
        assertEquals(401, replay.getStatusCode());
        assertEquals("invalid_client", json(replay).get("error").asText());
    }

    @Test
    void publicClientMayPushWithItsClientIdAlone() throws Exception {
        Started started = request(publicClient, true);
        URI requestUri = pushed(null, started.request());
        URI redirect = newUser().authorize(server.uri(authorizePath(publicClient, requestUri, "")), true);
        assertTrue(AuthorizationResponse.parse(redirect).indicatesSuccess(), redirect.toString());
    }

    @Test
    void dpopProofWithThePushBindsTheCodeToItsKey() throws Exception {
        var holder = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        Started started = request(publicClient, true);
        var push = new PushedAuthorizationRequest(server.uri("/oauth2/par"), started.request()).toHTTPRequest();
        push.setDPoP(holder.createDPoPJWT("POST", server.uri("/oauth2/par")));
        HTTPResponse pushedRes = push.send();
        assertEquals(201, pushedRes.getStatusCode(), pushedRes.getBody());
        URI requestUri = PushedAuthorizationResponse.parse(pushedRes).toSuccessResponse().getRequestURI();
        URI redirect = newUser().authorize(server.uri(authorizePath(publicClient, requestUri, "")), true);
        var grant = new AuthorizationCodeGrant(AuthorizationResponse.parse(redirect).toSuccessResponse().getAuthorizationCode(),
                CALLBACK, started.verifier());

        // RFC 9449 §10.1: the code is redeemed only with a proof by the key that came with the push.
        var thief = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        var stolen = new TokenRequest(server.uri("/oauth2/token"), publicClient, grant).toHTTPRequest();
        stolen.setDPoP(thief.createDPoPJWT("POST", server.uri("/oauth2/token")));
        HTTPResponse refused = stolen.send();
        assertEquals(400, refused.getStatusCode(), refused.getBody());
        assertEquals("invalid_grant", json(refused).get("error").asText());
    }

    @Test
    void dpopProofAndDpopJktNamingAnotherKeyAreRefusedAndPushNothing() throws Exception {
        var holder = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        String otherKey = new ECKeyGenerator(Curve.P_256).generate().computeThumbprint().toString();
        Started started = request(publicClient, true);
        var request = new AuthenticationRequest.Builder(started.request()).customParameter("dpop_jkt", otherKey).build();
        var push = new PushedAuthorizationRequest(server.uri("/oauth2/par"), request).toHTTPRequest();
        push.setDPoP(holder.createDPoPJWT("POST", server.uri("/oauth2/par")));
        HTTPResponse res = push.send();
        assertEquals(400, res.getStatusCode(), res.getBody());
        assertEquals("invalid_dpop_proof", json(res).get("error").asText());
        assertFalse(res.getBody().contains("request_uri"));
    }

    @Test
    void fapiAppAssertionNamingAnEndpointAsAudienceIsInvalidClient() throws Exception {
        Started started = request(fapi, true);
        HTTPResponse res = push(assertion(fapi, "/oauth2/par"), started.request());
        assertEquals(401, res.getStatusCode(), res.getBody());
        assertEquals("invalid_client", json(res).get("error").asText());
        assertEquals(201, push(issuerAssertion(fapi), request(fapi, true).request()).getStatusCode(), "the issuer alone is accepted");
    }

    @Test
    void pushedRequestWithAnUnregisteredRedirectUriIsInvalidRequest() throws Exception {
        var request = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, signer, URI.create("https://elsewhere.example/cb"))
                .state(new State()).nonce(new Nonce()).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256)
                .endpointURI(server.uri("/oauth2/authorize")).build();
        HTTPResponse res = push(assertion(signer, "/oauth2/par"), request);
        assertEquals(400, res.getStatusCode(), res.getBody());
        assertEquals("invalid_request", json(res).get("error").asText());
    }

    @Test
    void badPushedRequestIsJsonErrorNeverARedirect() throws Exception {
        var unregistered = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, signer, URI.create("https://evil.example/cb"))
                .nonce(new Nonce()).build();
        HTTPResponse res = push(assertion(signer, "/oauth2/par"), unregistered);
        assertEquals(400, res.getStatusCode(), res.getBody());
        assertNotNull(json(res).get("error"));
        var badScope = new AuthenticationRequest.Builder(ResponseType.CODE, new Scope("openid", "admin:everything"), signer, CALLBACK)
                .state(new State()).build();
        HTTPResponse scope = push(assertion(signer, "/oauth2/par"), badScope);
        assertEquals(400, scope.getStatusCode(), scope.getBody());
        assertEquals("invalid_scope", json(scope).get("error").asText());
        assertTrue(scope.getHeaderValue("Location") == null);
    }

    @Test
    void requirePushedAppAtAuthorizeWithoutParIsRefusedAtItsRedirect() throws Exception {
        URI url = request(requiresPar, true).request().toURI();
        Browser.Page page = newUser().browser().get("/oauth2/authorize?" + url.getRawQuery());
        assertEquals(302, page.status());
        AuthorizationResponse response = AuthorizationResponse.parse(URI.create(page.location()));
        assertFalse(response.indicatesSuccess());
        assertEquals("invalid_request", response.toErrorResponse().getErrorObject().getCode());
        assertEquals(issuer, response.toErrorResponse().getIssuer().getValue());
    }

    @Test
    void fapiAppWithoutPkceIsRefusedAtPar() throws Exception {
        HTTPResponse res = push(issuerAssertion(fapi), request(fapi, false).request());
        assertEquals(400, res.getStatusCode(), res.getBody());
        assertEquals("invalid_request", json(res).get("error").asText());
        assertTrue(json(res).get("error_description").asText().contains("PKCE"));
    }

    @Test
    void fapiAppWithPlainPkceIsRefusedAtPar() throws Exception {
        var plain = new AuthenticationRequest.Builder(ResponseType.CODE, SCOPES, fapi, CALLBACK).state(new State()).nonce(new Nonce())
                .codeChallenge(new CodeVerifier(), CodeChallengeMethod.PLAIN).build();
        HTTPResponse res = push(issuerAssertion(fapi), plain);
        assertEquals(400, res.getStatusCode(), res.getBody());
        assertEquals("invalid_request", json(res).get("error").asText());
    }

    @Test
    void fapiAppMustPushAndThenCompletesWithPs256() throws Exception {
        Started started = request(fapi, true);
        Browser.Page direct = newUser().browser().get("/oauth2/authorize?" + started.request().toURI().getRawQuery());
        assertEquals(302, direct.status());
        assertTrue(direct.location().contains("error=invalid_request"), direct.location());
        URI requestUri = pushed(issuerAssertion(fapi), started.request());
        URI redirect = newUser().authorize(server.uri(authorizePath(fapi, requestUri, "")), true);
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());

        // FAPI 2.0 §5.3.2.1: its tokens are sender-constrained, so a token request without a DPoP proof is refused.
        var grant = new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), CALLBACK, started.verifier());
        HTTPResponse bare = new TokenRequest(server.uri("/oauth2/token"), issuerAssertion(fapi), grant).toHTTPRequest().send();
        assertEquals(400, bare.getStatusCode(), bare.getBody());
        assertEquals("invalid_dpop_proof", json(bare).get("error").asText());

        var proofs = new DefaultDPoPProofFactory(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        var bound = new TokenRequest(server.uri("/oauth2/token"), issuerAssertion(fapi), grant).toHTTPRequest();
        bound.setDPoP(proofs.createDPoPJWT("POST", server.uri("/oauth2/token")));
        HTTPResponse issued = bound.send();
        assertEquals(200, issued.getStatusCode(), issued.getBody());
        assertEquals("DPoP", json(issued).get("token_type").asText(), "the code was not spent by the refused attempt");
    }

    @Test
    void signedRequestObjectInsideParIsVerifiedAndItsParametersAreTheRequest() throws Exception {
        Started started = request(signer, true);
        var object = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(key.getKeyID()).build(),
                JWTClaimsSet.parse(started.request().toJWTClaimsSet().toJSONObject()));
        object.sign(new RSASSASigner(key));
        var byValue = new AuthenticationRequest.Builder(object, signer).endpointURI(server.uri("/oauth2/authorize")).build();
        URI requestUri = pushed(assertion(signer, "/oauth2/par"), byValue);
        URI redirect = newUser().authorize(server.uri(authorizePath(signer, requestUri, "")), true);
        AuthorizationResponse response = AuthorizationResponse.parse(redirect);
        assertTrue(response.indicatesSuccess(), redirect.toString());
        assertEquals(started.state(), response.getState());
    }

    @Test
    void discoveryPublishesTheParEndpointAndPs256() throws Exception {
        JsonNode doc = Json.MAPPER.readTree(server.get("/.well-known/openid-configuration").body());
        assertEquals(issuer + "/oauth2/par", doc.get("pushed_authorization_request_endpoint").asText());
        assertFalse(doc.get("require_pushed_authorization_requests").asBoolean());
        assertTrue(doc.get("id_token_signing_alg_values_supported").toString().contains("PS256"));
        assertTrue(doc.get("token_endpoint_auth_signing_alg_values_supported").toString().contains("PS256"));
    }

    @Test
    void registrationTakesTheAssuranceMetadataAndRefusesAWeakFapiClient() throws Exception {
        String jwks = new JWKSet(key.toPublicJWK()).toString(true);
        String strong = "{\"client_name\":\"Bank\",\"redirect_uris\":[\"" + CALLBACK + "\"],\"token_endpoint_auth_method\":"
                + "\"private_key_jwt\",\"jwks\":" + jwks + ",\"token_endpoint_auth_signing_alg\":\"ES256\","
                + "\"id_token_signed_response_alg\":\"PS256\",\"portcullis_security_profile\":\"fapi2\"}";
        var created = server.post("/oauth2/register", "application/json", strong);
        assertEquals(201, created.statusCode(), created.body());
        JsonNode app = Json.MAPPER.readTree(created.body());
        assertEquals("fapi2", app.get("portcullis_security_profile").asText());
        assertTrue(app.get("require_pushed_authorization_requests").asBoolean());
        assertTrue(app.get("dpop_bound_access_tokens").asBoolean());

        var weak = server.post("/oauth2/register", "application/json", "{\"client_name\":\"Weak\",\"redirect_uris\":[\""
                + CALLBACK + "\"],\"portcullis_security_profile\":\"fapi2\"}");
        assertEquals(400, weak.statusCode(), weak.body());
        assertEquals("invalid_client_metadata", Json.MAPPER.readTree(weak.body()).get("error").asText());
        assertTrue(weak.body().contains("private_key_jwt"), weak.body());
    }

    static long pushedRows() {
        return server.portcullis().core().database().read(tx -> tx.count("SELECT count(*) AS n FROM pushed_authorization_requests"));
    }
}
