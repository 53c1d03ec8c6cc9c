package dev.portcullis.authorize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request objects at the authorization endpoint (OIDC Core §6): a signed JWT by value or by
 * https reference (here a loopback server, which the development setting allows), verified with
 * the client's registered keys, whose parameters win over the query's. Every refusal goes back to
 * the query's registered redirect URI with its state, or to an error page, and opens nothing.
 */
class RequestObjectTest {
    private static final String CALLBACK = "https://client.example/cb";
    private static final String OTHER_CALLBACK = "https://client.example/other";
    /** On the host the test serves request objects from: a request_uri must be on a redirect URI's host. */
    private static final String LOOPBACK_CALLBACK = "http://127.0.0.1/cb";
    private static final Map<String, String> served = new ConcurrentHashMap<>();
    private static TestServer server;
    private static HttpServer web;
    private static String issuer;
    private static RSAKey key;
    private static final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
    private static AppService.Created app;
    private static AppService.Created keyless;
    /** Signs with the same key, but none of its redirect URIs is on the loopback host the documents are served from. */
    private static AppService.Created elsewhere;

    @BeforeAll
    static void start() throws Exception {
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            fetches.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String body = served.get(path);
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", path.endsWith(".jwks") ? "application/jwk-set+json" : "application/jwt");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length == 0 ? -1 : bytes.length);
            try (var out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        web.start();
        int port;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        issuer = "http://127.0.0.1:" + port;
        server = TestServer.start(ConfigLoader.load(Map.of("PORTCULLIS_PORT", Integer.toString(port), "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_ISSUER", issuer, "PORTCULLIS_CIMD_ALLOW_PRIVATE", "true",
                "PORTCULLIS_SIGNUPS_PER_HOUR", "1000")).withStorage(TestDatabases.fresh(Db.SQLITE)));
        key = new RSAKeyGenerator(2048).keyID("ro-1").generate();
        String jwks = new JWKSet(key.toPublicJWK()).toString(true);
        AppSettings settings = AppSettings.defaults("Signer", AuthMethod.CLIENT_SECRET_BASIC)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK), new RedirectUri(OTHER_CALLBACK), new RedirectUri(LOOPBACK_CALLBACK)))
                .withScopes(List.of("openid", "task:read"));
        var keys = new ClientKeys(Optional.of(jwks), Optional.empty(), Optional.empty());
        app = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings.withClientKeys(keys));
        keyless = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings);
        elsewhere = server.portcullis().apps().create(Actor.system(), Optional.empty(), settings.withClientKeys(keys)
                .withRedirectUris(List.of(new RedirectUri(CALLBACK), new RedirectUri(OTHER_CALLBACK))));
    }

    @AfterAll
    static void stop() {
        server.close();
        web.stop(0);
    }

    @Test
    void signedRequestCompletesTheFlowAndItsParametersWinOverTheQuery() {
        Browser browser = signedIn("ada@example.com");
        String object = sign(key, claims(app, Map.of("scope", "openid task:read", "redirect_uri", OTHER_CALLBACK,
                "state", "inner", "nonce", "n-1", "max_age", 3600L)));
        Browser.Page consent = browser.get("/authorize?" + OAuthClient.form(query(app, Map.of("request", object))));
        assertTrue(consent.text().contains("task:read"), "the object's scope is asked for: " + consent.text());
        URI answer = approve(browser, consent);
        assertTrue(answer.toString().startsWith(OTHER_CALLBACK + "?"), "the object's redirect_uri: " + answer);
        assertEquals("inner", param(answer, "state"));
        assertEquals(issuer, param(answer, "iss"));
        HttpResponse<String> token = redeem(param(answer, "code"), OTHER_CALLBACK);
        assertEquals(200, token.statusCode(), token.body());
        assertEquals("openid task:read", OAuthClient.json(token).get("scope").asText());
    }

    @Test
    void postedSignedRequestCompletesTheFlowToo() {
        Browser browser = signedIn("bea@example.com");
        String object = sign(key, claims(app, Map.of("state", "posted")));
        Browser.Page posted = browser.post("/oauth2/authorize", query(app, Map.of("request", object)));
        assertEquals(303, posted.status(), posted.text());
        URI answer = approve(browser, browser.follow(posted));
        assertEquals("posted", param(answer, "state"));
        assertEquals(200, redeem(param(answer, "code"), CALLBACK).statusCode());
    }

    @Test
    void signedRequestUriServedOnLoopbackCompletesTheFlow() {
        Browser browser = signedIn("cy@example.com");
        served.put("/ro/signed", sign(key, claims(app, Map.of("state", "by-reference", "nonce", "n-2"))));
        Map<String, String> query = query(app, Map.of("request_uri", web("/ro/signed") + "#c29tZS1oYXNo"));
        query.remove("state");  // the suite puts state only inside the object
        Browser.Page consent = browser.get("/authorize?" + OAuthClient.form(query));
        URI answer = approve(browser, consent);
        assertTrue(answer.toString().startsWith(CALLBACK + "?"), answer.toString());
        assertEquals("by-reference", param(answer, "state"));
        assertEquals(200, redeem(param(answer, "code"), CALLBACK).statusCode());
    }

    @Test
    void requestUriWithPercentEscapesIsFetchedAsSentNotEscapedTwice() {
        served.put("/ro/signed copy", sign(key, claims(app, Map.of("state", "escaped"))));
        Map<String, String> query = query(app, Map.of("request_uri", web("/ro/signed%20copy?id=1") + "#frag"));
        Browser.Page accepted = new Browser(server).get("/authorize?" + OAuthClient.form(query));
        assertEquals(303, accepted.status(), accepted.header("Location"));
        assertTrue(accepted.location().startsWith("/login?"), "fetched and accepted, so on to the login: " + accepted.location());
    }

    @Test
    void requestObjectsThatFailACheckAreRedirectedAsInvalidRequestObject() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("ro-1").generate();
        // what is sent -> why it is refused (a fragment of error_description)
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put(sign(stranger, claims(app, Map.of())), "signature does not verify");
        refused.put(new PlainJWT(claims(app, Map.of())).serialize(), "must be signed");
        refused.put(sign(key, claims(app, Map.of(), b -> b.expirationTime(Date.from(Instant.now().minusSeconds(600))))), "expired");
        refused.put(sign(key, claims(app, Map.of(), b -> b.notBeforeTime(Date.from(Instant.now().plusSeconds(600))))), "not valid yet");
        refused.put(sign(key, claims(app, Map.of(), b -> b.audience("https://other.example"))), "aud must name this server");
        refused.put(sign(key, claims(app, Map.of(), b -> b.issuer(keyless.app().clientId()))), "iss must be the client_id");
        refused.put(sign(key, claims(app, Map.of("client_id", keyless.app().clientId()))), "client_id differs");
        refused.put(sign(key, claims(app, Map.of("response_type", "id_token"))), "response_type differs");
        refused.put(sign(key, claims(app, Map.of("request_uri", web("/ro/signed")))), "must not contain request");
        refused.put("not-a-jwt", "not a JWT");
        refused.put(sign(key, claims(app, Map.of("exp", "soon"))), "not a JWT");
        for (var entry : refused.entrySet()) {
            URI location = assertRefused(entry.getValue(), query(app, Map.of("request", entry.getKey())), "invalid_request_object");
            assertTrue(param(location, "error_description").contains(entry.getValue()), param(location, "error_description"));
        }
    }

    @Test
    void keysPublishedAtAJwksUriVerifyRequestObjectsToo() throws Exception {
        RSAKey published = new RSAKeyGenerator(2048).keyID("uri-1").generate();
        served.put("/keys.jwks", new JWKSet(published.toPublicJWK()).toString(true));
        AppService.Created remote = server.portcullis().apps().create(Actor.system(), Optional.empty(),
                AppSettings.defaults("Remote keys", AuthMethod.CLIENT_SECRET_BASIC)
                        .withRedirectUris(List.of(new RedirectUri(CALLBACK))).withScopes(List.of("openid"))
                        .withClientKeys(new ClientKeys(Optional.empty(), Optional.of(web("/keys.jwks")), Optional.empty())));
        Browser.Page accepted = new Browser(server).get("/authorize?"
                + OAuthClient.form(query(remote, Map.of("request", sign(published, claims(remote, Map.of()))))));
        assertEquals(303, accepted.status(), accepted.text());
        assertTrue(accepted.location().startsWith("/login?"), "accepted, so on to the login: " + accepted.location());
        assertRefused("a key the jwks_uri lacks", query(remote, Map.of("request", sign(key, claims(remote, Map.of())))),
                "invalid_request_object");
    }

    @Test
    void clientWithoutRegisteredKeysCannotUseRequestObjects() {
        String object = sign(key, claims(keyless, Map.of()));
        assertRefused("no keys", query(keyless, Map.of("request", object)), "invalid_request_object");
    }

    @Test
    void requestAndRequestUriTogetherAreInvalidRequest() {
        served.put("/ro/both", sign(key, claims(app, Map.of())));
        assertRefused("both", query(app, Map.of("request", sign(key, claims(app, Map.of())), "request_uri", web("/ro/both"))),
                "invalid_request");
    }

    @Test
    void unreachableOrNonHttpsRequestUriIsInvalidRequestUri() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        for (String uri : List.of(web("/ro/missing"), "http://127.0.0.1:" + closed + "/ro", "http://client.example/ro",
                "ftp://client.example/ro")) {
            assertRefused(uri, query(app, Map.of("request_uri", uri)), "invalid_request_uri");
        }
    }

    /** RFC 9126 §4: a urn: request_uri stands for a pushed request, so the query's redirect_uri is ignored: an error page. */
    @Test
    void unknownPushedRequestUriIsAnErrorPageNotARedirect() {
        Browser.Page page = new Browser(server).get("/authorize?"
                + OAuthClient.form(query(app, Map.of("request_uri", "urn:ietf:params:oauth:request_uri:abc"))));
        assertEquals(400, page.status(), page.text());
        assertTrue(page.header("Location").isEmpty(), "never redirected");
        assertTrue(page.text().contains("invalid_request_uri"), page.text());
    }

    @Test
    void requestUriOffTheHostsOfTheAppsRedirectUrisIsRefusedUnfetched() {
        served.put("/ro/elsewhere", sign(key, claims(elsewhere, Map.of("state", "inner"))));
        fetches.set(0);
        Browser.Page page = new Browser(server).get("/authorize?" + OAuthClient.form(query(elsewhere,
                Map.of("request_uri", web("/ro/elsewhere")))));
        URI location = URI.create(page.location());
        assertEquals("invalid_request_uri", param(location, "error"));
        assertTrue(param(location, "error_description").contains("host of one of the app's redirect URIs"), location.toString());
        assertEquals(0, fetches.get(), "never fetched");
    }

    @Test
    void brokenRequestObjectWithoutARegisteredQueryRedirectIsAnErrorPage() {
        Map<String, String> query = query(app, Map.of("request", "not-a-jwt", "redirect_uri", "https://evil.example/cb"));
        Browser.Page page = new Browser(server).get("/authorize?" + OAuthClient.form(query));
        assertEquals(400, page.status(), page.text());
        assertTrue(page.header("Location").isEmpty(), "never redirected");
        assertTrue(page.text().contains("invalid_request_object"), page.text());
    }

    @Test
    void signedObjectWithAnUnregisteredRedirectUriIsAnErrorPage() {
        String object = sign(key, claims(app, Map.of("redirect_uri", "https://evil.example/cb")));
        Browser.Page page = new Browser(server).get("/authorize?" + OAuthClient.form(query(app, Map.of("request", object))));
        assertEquals(400, page.status(), page.text());
        assertTrue(page.header("Location").isEmpty(), "never redirected");
        assertTrue(page.text().contains("invalid_redirect_uri"), page.text());
    }

    /** A refusal is a redirect to the query's redirect URI with the error, its state and iss, and no request is kept. */
    private static URI assertRefused(String why, Map<String, String> query, String error) {
        long pending = pendingRequests();
        Browser.Page page = new Browser(server).get("/authorize?" + OAuthClient.form(query));
        assertEquals(302, page.status(), why + ": " + page.text());
        URI location = URI.create(page.location());
        assertTrue(location.toString().startsWith(CALLBACK + "?"), why + ": " + location);
        assertEquals(error, param(location, "error"), why);
        assertEquals("outer", param(location, "state"), why);
        assertEquals(issuer, param(location, "iss"), why);
        assertFalse(location.getRawQuery().contains("code="), why);
        assertEquals(pending, pendingRequests(), why + ": nothing saved");
        return location;
    }

    private static long pendingRequests() {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM authorization_requests"));
    }

    private static Map<String, String> query(AppService.Created client, Map<String, String> extra) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", client.app().clientId());
        params.put("redirect_uri", CALLBACK);
        params.put("scope", "openid");
        params.put("state", "outer");
        params.putAll(extra);
        return params;
    }

    private static JWTClaimsSet claims(AppService.Created client, Map<String, Object> parameters) {
        return claims(client, parameters, b -> { });
    }

    /** What the conformance suite signs: the request's parameters, iss = client_id, aud = issuer; {@code change} edits it. */
    private static JWTClaimsSet claims(AppService.Created client, Map<String, Object> parameters, Consumer<JWTClaimsSet.Builder> change) {
        var builder = new JWTClaimsSet.Builder().issuer(client.app().clientId()).audience(issuer)
                .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .claim("response_type", "code").claim("client_id", client.app().clientId()).claim("redirect_uri", CALLBACK)
                .claim("scope", "openid");
        parameters.forEach(builder::claim);
        change.accept(builder);
        return builder.build();
    }

    private static String sign(RSAKey signer, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static String web(String path) {
        return "http://127.0.0.1:" + web.getAddress().getPort() + path;
    }

    private static Browser signedIn(String email) {
        Browser browser = new Browser(server);
        browser.signUp(email.substring(0, email.indexOf('@')), email, "correct horse battery");
        return browser;
    }

    private static URI approve(Browser browser, Browser.Page consent) {
        Browser.Page answer = browser.submit(consent, "form#consent", Map.of("decision", "approve"));
        assertEquals(303, answer.status(), answer.text());
        return URI.create(answer.location());
    }

    private static HttpResponse<String> redeem(String code, String redirectUri) {
        return new OAuthClient(server).token(OAuthClient.basic(app.app().clientId(), app.clientSecret().orElseThrow()),
                OAuthClient.params("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri));
    }

    private static String param(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
