package dev.portcullis.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.portcullis.Core;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventQuery;
import dev.portcullis.events.EventType;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.ClientType;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client ID Metadata Documents fetched from a real HTTP server on 127.0.0.1: with the development
 * setting on it resolves; without it, loopback and private hosts are refused before any request.
 */
@ParameterizedClass
@EnumSource(Db.class)
class ClientMetadataDocumentsTest {
    @Parameter
    Db db;

    static MutableClock clock;
    static Core core;
    static ClientMetadataDocuments documents;
    static ClientMetadataDocuments strict;
    static HttpServer web;
    static final Map<String, Reply> replies = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    /** What the document server answers on one path. */
    record Reply(int status, Map<String, String> headers, String body) {}

    @BeforeParameterizedClassInvocation
    static void start(Db db) throws IOException {
        clock = MutableClock.startingNow();
        core = Core.open(RegistrationFixture.config(db, "PORTCULLIS_CIMD_ALLOW_PRIVATE", "true"), clock);
        documents = new ClientMetadataDocuments(core.apps(), core.selfRegistered(), core.scopes(), core.config(), clock);
        Config production = ConfigLoader.load(Map.of()).withStorage(core.config().storage());
        strict = new ClientMetadataDocuments(core.apps(), core.selfRegistered(), core.scopes(), production, clock);
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Reply reply = replies.getOrDefault(path, new Reply(404, Map.of(), ""));
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        web.start();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        web.stop(0);
        documents.close();
        strict.close();
        core.close();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + web.getAddress().getPort() + path;
    }

    static String document(String clientId, String extra) {
        return """
                {"client_id": "%s", "client_name": "Agent", "redirect_uris": ["http://127.0.0.1:7777/cb"],
                 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"],
                 "scope": "openid task:read offline_access"%s}""".formatted(clientId, extra);
    }

    /** Serves a document at a path unique to the test and database, so caches never mix. */
    String serve(String name, String extra, Map<String, String> headers) {
        String path = "/" + db + "/" + name + ".json";
        replies.put(path, new Reply(200, withJson(headers), document(url(path), extra)));
        return path;
    }

    static Map<String, String> withJson(Map<String, String> headers) {
        var all = new java.util.HashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return all;
    }

    static int hitsOn(String path) {
        return hits.getOrDefault(path, new AtomicInteger()).get();
    }

    static String refusal(ClientMetadataDocuments docs, String clientId) {
        OAuthException e = assertThrows(OAuthException.class, () -> docs.resolve(clientId));
        return assertInstanceOf(OAuthError.InvalidClient.class, e.error()).description();
    }

    @Test
    void withTheDevelopmentSettingADocumentResolvesToAStoredPublicClient() {
        String path = serve("agent", "", Map.of());
        App app = documents.resolve(url(path)).orElseThrow();
        assertEquals(url(path), app.clientId());
        assertEquals("Agent", app.name());
        assertEquals(ClientType.PUBLIC, app.clientType());
        assertEquals(Set.of(GrantType.AUTHORIZATION_CODE, GrantType.REFRESH_TOKEN), app.grantTypes());
        assertEquals("http://127.0.0.1:7777/cb", app.redirectUris().getFirst().value());
        assertEquals(List.of("openid", "task:read", "offline_access"), app.scopes());
        assertTrue(app.selfRegistered());
        assertEquals(app.clientId(), core.apps().find(url(path)).orElseThrow().clientId(), "stored for codes and tokens");
    }

    @Test
    void aClientIdThatIsNotAUrlIsLeftToTheRegisteredApps() {
        assertTrue(documents.resolve("3f1c2a9e-registered-app").isEmpty());
        assertTrue(documents.resolve(null).isEmpty());
        String registered = core.apps().create(Actor.system(), Optional.empty(), AppSettings.defaults("Plain", AuthMethod.NONE)).app().clientId();
        assertEquals("Plain", documents.findClient(registered).orElseThrow().name());
        assertTrue(documents.findClient("no-such-client").isEmpty());
        String path = serve("found", "", Map.of());
        assertEquals(url(path), documents.findClient(url(path)).orElseThrow().clientId());
    }

    @Test
    void withoutTheDevelopmentSettingLoopbackAndPrivateHostsAreRefusedBeforeAnyRequest() {
        String path = serve("strict", "", Map.of());
        int port = web.getAddress().getPort();
        for (String host : List.of("127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "169.254.169.254", "0.0.0.0")) {
            String reason = refusal(strict, "https://" + host + ":" + port + path);
            assertTrue(reason.contains("public address"), host + ": " + reason);
        }
        refusal(strict, "https://[::1]:" + port + path); // IPv6 literals cannot be client_ids at all
        assertTrue(refusal(strict, url(path)).contains("https"), "plain http needs the development setting");
        assertEquals(0, hitsOn(path));
    }

    @Test
    void aDocumentNamingAnotherClientIdIsRefused() {
        String path = "/" + db + "/impostor.json";
        replies.put(path, new Reply(200, withJson(Map.of()), document("https://trusted.example.com/client.json", "")));
        assertTrue(refusal(documents, url(path)).contains("client_id is not exactly the URL"));
        assertTrue(core.apps().find(url(path)).isEmpty(), "nothing stored");
    }

    @Test
    void anOversizedDocumentIsRefused() {
        String path = serve("huge", ", \"padding\": \"" + "x".repeat(ClientMetadataDocuments.MAX_BYTES) + "\"", Map.of());
        assertTrue(refusal(documents, url(path)).contains("larger than"));
    }

    @Test
    void theCacheFollowsMaxAgeThenPicksUpAChangedDocument() {
        String path = serve("cached", "", Map.of("Cache-Control", "public, max-age=120"));
        documents.resolve(url(path)).orElseThrow();
        documents.resolve(url(path)).orElseThrow();
        assertEquals(1, hitsOn(path), "served from the cache within max-age");

        replies.put(path, new Reply(200, withJson(Map.of("Cache-Control", "max-age=120")),
                document(url(path), "").replace("\"Agent\"", "\"Agent 2\"")));
        clock.advance(Duration.ofSeconds(60));
        assertEquals("Agent", documents.resolve(url(path)).orElseThrow().name());
        clock.advance(Duration.ofSeconds(61));
        assertEquals("Agent 2", documents.resolve(url(path)).orElseThrow().name());
        assertEquals(2, hitsOn(path));
        assertEquals("Agent 2", core.apps().find(url(path)).orElseThrow().name(), "the stored app follows the document");
    }

    @Test
    void storingAndRefreshingADocumentRecordsMetadataFetchedByTheSystemAndAnUnchangedOneNothing() {
        String path = serve("recorded", "", Map.of("Cache-Control", "max-age=60"));
        documents.resolve(url(path)).orElseThrow();
        clock.advance(Duration.ofSeconds(61));
        documents.resolve(url(path)).orElseThrow();
        assertEquals(2, hitsOn(path));
        List<Event> fetched = fetchedEvents(url(path));
        assertEquals(1, fetched.size(), "an unchanged document records nothing: " + fetched);
        Event stored = fetched.getFirst();
        assertEquals(Actor.Kind.SYSTEM, stored.actor().kind());
        assertEquals(Optional.of(new Event.Target("app", url(path))), stored.target());
        assertEquals(url(path), stored.data().get("client_id"));
        assertEquals("new", stored.data().get("stored"));

        replies.put(path, new Reply(200, withJson(Map.of()), document(url(path), "").replace("\"Agent\"", "\"Agent 3\"")));
        clock.advance(Duration.ofSeconds(61));
        assertEquals("Agent 3", documents.resolve(url(path)).orElseThrow().name());
        fetched = fetchedEvents(url(path));
        assertEquals(2, fetched.size(), fetched.toString());
        assertEquals("updated", fetched.getFirst().data().get("stored"));
        assertEquals("Agent 3", fetched.getFirst().data().get("name"));
    }

    static List<Event> fetchedEvents(String clientId) {
        return core.events().page(EventQuery.newest(50).ofTypes(Set.of(EventType.APP_METADATA_FETCHED))).events().stream()
                .filter(e -> e.target().map(Event.Target::id).filter(clientId::equals).isPresent()).toList();
    }

    @Test
    void refusalsAreCachedSoABadUrlIsNotFetchedOnEveryRequest() {
        String path = "/" + db + "/missing.json";
        assertTrue(refusal(documents, url(path)).contains("HTTP 404"));
        refusal(documents, url(path));
        assertEquals(1, hitsOn(path));
        clock.advance(ClientMetadataDocuments.REFUSED_TTL.plusSeconds(1));
        refusal(documents, url(path));
        assertEquals(2, hitsOn(path));
    }

    @Test
    void redirectsAreNotFollowed() {
        String target = serve("target", "", Map.of());
        String path = "/" + db + "/moved.json";
        replies.put(path, new Reply(302, Map.of("Location", url(target)), ""));
        assertTrue(refusal(documents, url(path)).contains("redirect"));
        assertEquals(0, hitsOn(target));
    }

    @Test
    void documentsMustDescribeAPublicClientWithValidRedirectUris() {
        for (String[] bad : new String[][] {
                {"secret", ", \"client_secret\": \"s3cret\""},
                {"wrong-type", ", \"client_uri\": 7"}}) {
            String path = serve(bad[0], bad[1], Map.of());
            refusal(documents, url(path));
        }
        for (String[] method : new String[][] {{"client_secret_basic", "not supported"}, {"private_key_jwt", "jwks or jwks_uri"}}) {
            String path = "/" + db + "/" + method[0] + ".json";
            replies.put(path, new Reply(200, withJson(Map.of()), document(url(path), "")
                    .replace("\"token_endpoint_auth_method\": \"none\"", "\"token_endpoint_auth_method\": \"" + method[0] + "\"")));
            assertTrue(refusal(documents, url(path)).contains(method[1]), method[0]);
        }
        String path = "/" + db + "/evil-redirect.json";
        replies.put(path, new Reply(200, withJson(Map.of()), document(url(path), "")
                .replace("http://127.0.0.1:7777/cb", "http://evil.example.com/cb")));
        assertTrue(refusal(documents, url(path)).contains("https"));
        String notJson = "/" + db + "/text.json";
        replies.put(notJson, new Reply(200, Map.of("Content-Type", "text/html"), document(url(notJson), "")));
        assertTrue(refusal(documents, url(notJson)).contains("application/json"));
    }

    @Test
    void unlessRegistrationIsOpenNoDocumentIsFetched() {
        String path = serve("closed", "", Map.of());
        for (String policy : List.of("off", "token")) {
            Config closed = ConfigLoader.load(Map.of("PORTCULLIS_REGISTRATION", policy, "PORTCULLIS_CIMD_ALLOW_PRIVATE", "true",
                    "PORTCULLIS_REGISTRATION_INITIAL_TOKEN", "operator")).withStorage(core.config().storage());
            try (var docs = new ClientMetadataDocuments(core.apps(), core.selfRegistered(), core.scopes(), closed, clock)) {
                assertTrue(refusal(docs, url(path)).contains("does not accept"), policy);
            }
        }
        assertEquals(0, hitsOn(path));
    }

    @Test
    void anAppTheOperatorImportedUnderThatIdWinsWithoutAFetch() {
        String path = "/" + db + "/imported.json";
        AppSettings settings = AppSettings.defaults("Imported", AuthMethod.CLIENT_SECRET_BASIC);
        core.database().inTransaction(tx -> core.apps().createWithCredentials(tx, Actor.system(), Optional.empty(), url(path),
                Optional.empty(), settings));
        assertEquals("Imported", documents.resolve(url(path)).orElseThrow().name());
        assertEquals(0, hitsOn(path));
    }

    /** A document at a path unique to the test and database, with the given fields after its client_id. */
    String serveRaw(String name, String fields) {
        String path = "/" + db + "/" + name + ".json";
        replies.put(path, new Reply(200, withJson(Map.of()), "{\"client_id\": \"" + url(path) + "\", " + fields + "}"));
        return path;
    }

    @Test
    void documentsFollowTheRegistrationPolicyForImplicitSubjectTypesAndResourceServers() {
        String implicit = serveRaw("implicit", """
                "redirect_uris": ["https://agent.example/cb"], "token_endpoint_auth_method": "none",
                "grant_types": ["implicit"], "response_types": ["id_token"]""");
        assertTrue(refusal(documents, url(implicit)).contains("implicit grant is turned off"));
        String pairwise = serveRaw("pairwise", """
                "redirect_uris": ["http://127.0.0.1:7777/cb"], "token_endpoint_auth_method": "none", "subject_type": "pairwise\"""");
        assertTrue(refusal(documents, url(pairwise)).contains("subject_type pairwise is not supported"));
        String resourceServer = serveRaw("resource-server", """
                "redirect_uris": ["http://127.0.0.1:7777/cb"], "token_endpoint_auth_method": "none", "resource_server": true""");
        assertTrue(refusal(documents, url(resourceServer)).contains("resource_server cannot be self-registered"));
        for (String path : List.of(implicit, pairwise, resourceServer)) {
            assertTrue(core.apps().find(url(path)).isEmpty(), "nothing stored: " + path);
        }

        Config implicitOn = ConfigLoader.load(Map.of("PORTCULLIS_CIMD_ALLOW_PRIVATE", "true",
                "PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT", "true")).withStorage(core.config().storage());
        try (var allowing = new ClientMetadataDocuments(core.apps(), core.selfRegistered(), core.scopes(), implicitOn, clock)) {
            App app = allowing.resolve(url(implicit)).orElseThrow();
            assertEquals(Set.of(GrantType.IMPLICIT), app.grantTypes());
        }
    }

    @Test
    void aDocumentMayAskForJwtAccessTokens() {
        String path = serve("jwt", ", \"access_token_format\": \"jwt\"", Map.of());
        assertEquals(dev.portcullis.apps.AccessTokenFormat.JWT, documents.resolve(url(path)).orElseThrow().settings().accessTokenFormat());
        String bad = serve("paseto", ", \"access_token_format\": \"paseto\"", Map.of());
        assertTrue(refusal(documents, url(bad)).contains("access_token_format must be opaque or jwt"));
    }

    @Test
    void aDocumentMayAskForSignedUserInfoWithOneOfOurSigningAlgs() {
        String path = serve("signed-userinfo", ", \"userinfo_signed_response_alg\": \"RS256\"", Map.of());
        assertEquals(java.util.Optional.of("RS256"), documents.resolve(url(path)).orElseThrow().userinfoAlg());
        String bad = serve("hmac-userinfo", ", \"userinfo_signed_response_alg\": \"HS256\"", Map.of());
        assertTrue(refusal(documents, url(bad)).contains("userinfo_signed_response_alg must be RS256, PS256, ES256 or EdDSA"));
        assertTrue(core.apps().find(url(bad)).isEmpty(), "nothing stored");
    }

    @Test
    void aDocumentsPolicyTosAndClientUrisAreStoredAndMustBeHttps() {
        String path = serve("branded", ", \"policy_uri\": \"https://rp.example/privacy\", \"tos_uri\": \"https://rp.example/terms\""
                + ", \"client_uri\": \"https://rp.example/\"", Map.of());
        var settings = documents.resolve(url(path)).orElseThrow().settings();
        assertEquals(java.util.Optional.of("https://rp.example/"), settings.clientUrl());
        assertEquals(java.util.Optional.of("https://rp.example/privacy"), settings.policyUrl());
        assertEquals(java.util.Optional.of("https://rp.example/terms"), settings.tosUrl());
        String bad = serve("http-tos", ", \"tos_uri\": \"http://rp.example/terms\"", Map.of());
        assertTrue(refusal(documents, url(bad)).contains("tos_uri must be an https URL"));
        assertTrue(core.apps().find(url(bad)).isEmpty(), "nothing stored");
        String script = serve("script-home", ", \"client_uri\": \"javascript:alert(1)\"", Map.of());
        assertTrue(refusal(documents, url(script)).contains("client_uri must be an https URL"));
        assertTrue(core.apps().find(url(script)).isEmpty(), "nothing stored");
    }
}
