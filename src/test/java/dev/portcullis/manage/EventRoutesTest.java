package dev.portcullis.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.events.Actor;
import dev.portcullis.events.Event;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.http.Json;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** GET /manage/v1/events over real HTTP, on events recorded in the real log of the test server. */
class EventRoutesTest {
    private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");
    private static final Actor.Origin ORIGIN = Actor.Origin.of("203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0");

    /** A server on a clock the test moves, an operator token, and seven events a minute apart. */
    private record Log(TestServer server, MutableClock clock, String token, List<Event> recorded) implements AutoCloseable {
        static Log start(Db db) {
            MutableClock clock = new MutableClock(START);
            TestServer server = TestServer.start(TestServer.configFor(dev.portcullis.support.TestDatabases.fresh(db)), clock);
            String token = server.portcullis().core().operators().create("events", Actor.system()).secret();
            // Minting and first using the token write operator_token.created and .used; clear them so the log holds the seven alone.
            server.send(HttpRequest.newBuilder(server.uri("/manage/v1/events")).header("Authorization", "Bearer " + token).GET().build());
            server.portcullis().database().inTransaction(tx -> tx.update("DELETE FROM events"));
            EventLog log = server.portcullis().core().events();
            List<Event> recorded = new ArrayList<>();
            List<EventDraft> drafts = List.of(
                    EventDraft.of(EventType.LOGIN_SUCCEEDED, Actor.user("usr_ada", ORIGIN)).about("user", "usr_ada"),
                    EventDraft.of(EventType.APP_CREATED, Actor.user("usr_ada", ORIGIN)).inWorkspace("ws_acme").about("app", "app_1")
                            .with("name", "Taskr").with("scopes", List.of("openid", "task:read")),
                    EventDraft.of(EventType.LOGIN_FAILED, Actor.anonymous(ORIGIN)).about("user", "usr_bob").with("reason", "bad_password"),
                    EventDraft.of(EventType.API_KEY_CREATED, Actor.operator("op_1", Actor.Origin.NONE)).inWorkspace("ws_acme")
                            .about("api_key", "key_1"),
                    EventDraft.of(EventType.MEMBER_ADDED, Actor.user("usr_bob", ORIGIN)).inWorkspace("ws_other").about("user", "usr_cy"),
                    EventDraft.of(EventType.APP_DELETED, Actor.user("usr_ada", ORIGIN)).inWorkspace("ws_acme").about("app", "app_1"),
                    EventDraft.of(EventType.SIGNING_KEY_ROTATED, Actor.system()));
            for (EventDraft d : drafts) {
                recorded.add(log.record(d).orElseThrow());
                clock.advance(Duration.ofMinutes(1));
            }
            return new Log(server, clock, token, recorded);
        }

        HttpResponse<String> get(String query) {
            return getAs("Bearer " + token, query);
        }

        HttpResponse<String> getAs(String authorization, String query) {
            HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/manage/v1/events" + query)).GET();
            if (authorization != null) b.header("Authorization", authorization);
            return server.send(b.build());
        }

        JsonNode ok(String query) {
            HttpResponse<String> res = get(query);
            assertEquals(200, res.statusCode(), res.body());
            return parse(res);
        }

        /** The ids of one page, newest first. */
        List<String> ids(String query) {
            List<String> ids = new ArrayList<>();
            ok(query).get("data").forEach(e -> ids.add(e.get("id").asText()));
            return ids;
        }

        /** Ids of the recorded events at these positions (0 = oldest), newest first as the API lists them. */
        List<String> expected(int... positions) {
            List<String> ids = new ArrayList<>();
            for (int i = positions.length - 1; i >= 0; i--) ids.add(recorded.get(positions[i]).id());
            return ids;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void listsEveryEventNewestFirstInTheDocumentedShape(Db db) {
        try (Log log = Log.start(db)) {
            JsonNode body = log.ok("");
            assertEquals(log.expected(0, 1, 2, 3, 4, 5, 6), log.ids(""));
            assertFalse(body.has("next_cursor"), "one page holds all seven");

            JsonNode created = body.get("data").get(5);
            assertEquals(log.recorded().get(1).id(), created.get("id").asText());
            assertEquals("app.created", created.get("type").asText());
            assertEquals("2026-12-01T09:01:00Z", created.get("occurred_at").asText());
            assertEquals("user", created.get("actor").get("type").asText());
            assertEquals("usr_ada", created.get("actor").get("id").asText());
            assertEquals("203.0.113.7", created.get("actor").get("ip_address").asText());
            assertEquals("Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0", created.get("actor").get("user_agent").asText());
            assertEquals("ws_acme", created.get("workspace_id").asText());
            assertEquals("app", created.get("target").get("type").asText());
            assertEquals("app_1", created.get("target").get("id").asText());
            assertEquals("Taskr", created.get("data").get("name").asText());
            assertEquals("task:read", created.get("data").get("scopes").get(1).asText());

            JsonNode system = body.get("data").get(0);
            assertEquals("system", system.get("actor").get("type").asText());
            assertFalse(system.get("actor").has("id"), "absent values are left out");
            assertFalse(system.has("workspace_id"));
            assertFalse(system.has("target"));
            assertTrue(system.get("data").isObject() && system.get("data").isEmpty());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void filtersByTypeRepeatedOrCommaSeparated(Db db) {
        try (Log log = Log.start(db)) {
            assertEquals(log.expected(1), log.ids("?type=app.created"));
            assertEquals(log.expected(1, 5), log.ids("?type=app.created&type=app.deleted"));
            assertEquals(log.expected(0, 1, 2, 5), log.ids("?type=app.created,app.deleted&type=login.succeeded,login.failed"));
            assertEquals(List.of(), log.ids("?type=webhook_endpoint.created"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void filtersByWorkspaceActorAndTime(Db db) {
        try (Log log = Log.start(db)) {
            assertEquals(log.expected(1, 3, 5), log.ids("?workspace_id=ws_acme"));
            assertEquals(log.expected(4), log.ids("?workspace_id=ws_other"));
            assertEquals(log.expected(0, 1, 5), log.ids("?actor_id=usr_ada"));
            assertEquals(log.expected(1, 5), log.ids("?actor_id=usr_ada&workspace_id=ws_acme&type=app.created,app.deleted"));
            // from is inclusive, until exclusive; an offset other than Z names the same instant.
            assertEquals(log.expected(2, 3), log.ids("?from=2026-12-01T09:02:00Z&until=2026-12-01T09:04:00Z"));
            assertEquals(log.expected(2, 3), log.ids("?from=" + encode("2026-12-01T10:02:00+01:00") + "&until=2026-12-01T09:04:00Z"));
            assertEquals(log.expected(5, 6), log.ids("?from=2026-12-01T09:05:00Z"));
            assertEquals(log.expected(0), log.ids("?until=2026-12-01T09:00:30.5Z"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void cursorWalksThreePagesWithoutGapsOrRepeats(Db db) {
        try (Log log = Log.start(db)) {
            // Two more events in the same millisecond as the last: the cursor must break the tie by id.
            var events = log.server().portcullis().core().events();
            events.record(EventDraft.of(EventType.LOGOUT, Actor.user("usr_ada", ORIGIN)));
            events.record(EventDraft.of(EventType.LOGOUT, Actor.user("usr_bob", ORIGIN)));

            JsonNode first = log.ok("?limit=3");
            JsonNode second = log.ok("?limit=3&cursor=" + first.get("next_cursor").asText());
            JsonNode third = log.ok("?limit=3&cursor=" + second.get("next_cursor").asText());
            assertFalse(third.has("next_cursor"), "the last page says there is no more");

            List<String> walked = new ArrayList<>();
            for (JsonNode page : List.of(first, second, third)) {
                assertEquals(3, page.get("data").size());
                page.get("data").forEach(e -> walked.add(e.get("id").asText()));
            }
            Set<String> all = new HashSet<>();
            log.ok("?limit=200").get("data").forEach(e -> all.add(e.get("id").asText()));
            assertEquals(9, new HashSet<>(walked).size(), "no repeats");
            assertEquals(all, new HashSet<>(walked), "no gaps");
            assertEquals(List.copyOf(walked), log.ids("?limit=9"), "the pages in order are the log newest first");

            // The cursor keeps the filters the client passes with it.
            JsonNode acme = log.ok("?workspace_id=ws_acme&limit=2");
            assertEquals(log.expected(1), log.ids("?workspace_id=ws_acme&limit=2&cursor=" + acme.get("next_cursor").asText()));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void withoutAValidOperatorTokenThen401(Db db) {
        try (Log log = Log.start(db)) {
            String forged = Token.mint(TokenKind.OPERATOR_TOKEN, new SecureRandom()).value();
            for (String authorization : new String[] {null, "Bearer ", "Bearer " + forged, "Basic " + log.token(),
                    "Bearer " + log.token() + "x"}) {
                HttpResponse<String> res = log.getAs(authorization, "");
                assertEquals(401, res.statusCode(), String.valueOf(authorization));
                assertEquals("invalid_token", parse(res).get("code").asText());
                assertTrue(res.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer "));
                assertFalse(res.body().contains("usr_ada"), "no event leaks");
            }
            // A bad filter from someone without a token is still 401: the credential is checked first.
            assertEquals(401, log.getAs(null, "?limit=0").statusCode());
        }
    }

    @Test
    void everyBadParameterIs400NamingIt() {
        try (Log log = Log.start(Db.SQLITE)) {
            String[][] cases = {
                    {"?type=app.exploded", "type"},
                    {"?type=app.created,", "type"},
                    {"?type=", "type"},
                    {"?type=APP.CREATED", "type"},
                    {"?limit=0", "limit"},
                    {"?limit=201", "limit"},
                    {"?limit=ten", "limit"},
                    {"?limit=", "limit"},
                    {"?limit=5&limit=6", "limit"},
                    {"?from=yesterday", "from"},
                    {"?from=2026-12-01T09:00:00", "from"},
                    {"?from=2026-12-01", "from"},
                    {"?until=2026-13-01T09:00:00Z", "until"},
                    {"?from=2026-12-01T10:00:00Z&until=2026-12-01T09:00:00Z", "until"},
                    {"?cursor=not-a-cursor", "cursor"},
                    {"?cursor=" + java.util.Base64.getUrlEncoder().encodeToString("12:".getBytes(StandardCharsets.UTF_8)), "cursor"},
                    {"?cursor=", "cursor"},
                    {"?workspace_id=", "workspace_id"},
                    {"?actor_id=a&actor_id=b", "actor_id"},
                    {"?types=app.created", "types"},
            };
            for (String[] c : cases) {
                HttpResponse<String> res = log.get(c[0]);
                assertEquals(400, res.statusCode(), c[0] + " " + res.body());
                JsonNode body = parse(res);
                assertEquals("validation_type", body.get("code").asText(), c[0]);
                assertEquals(c[1], body.get("field").asText(), c[0]);
                assertTrue(body.get("message").asText().length() > 5, c[0]);
            }
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (IOException e) {
            throw new AssertionError(res.body(), e);
        }
    }
}
