package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** No input makes the server answer 500 or show a stack trace: garbage at every endpoint. */
class BadInputTest {
    static TestServer server;

    static final List<String> POST_PATHS = List.of("/oauth/token", "/oauth2/token", "/oauth2/introspect", "/oauth/revoke",
            "/oauth2/register", "/oauth2/register/nobody", "/oauth2/userinfo", "/authorize/continue", "/authorize/decision",
            "/login", "/signup", "/logout", "/v2/tasks", "/manage/v1/users", "/manage/v1/apps", "/workspaces",
            "/account/connections/x/revoke");
    static final List<String> GET_PATHS = List.of("/authorize", "/oauth2/authorize?client_id=%00&redirect_uri=%zz",
            "/oauth2/authorize?client_id=a&client_id=b", "/authorize/continue?handle=pc_req_x", "/oauth2/userinfo",
            "/v2/self", "/v2/tasks?limit=-1&offset=abc", "/v2/tasks/../../etc/passwd", "/v2/tasks/%00",
            "/oauth2/register/x", "/.well-known/openid-configuration?x=%", "/manage/v1/users/1", "/workspaces/%2e%2e");
    static final List<String> AUTHORIZATIONS = List.of("Basic ###", "Basic " + "A".repeat(5000), "Bearer a.b.c",
            "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "Bearer pc_at_" + "x".repeat(49), "Bearer sk_\u00e9\u00e9", "Negotiate x", "");
    static final List<String[]> BODIES = List.of(
            new String[] {"application/json", "{\"grant_type\":"},
            new String[] {"application/json", "[1,2,3]"},
            new String[] {"application/json", "{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}},\"scope\":5,\"token\":true}"},
            new String[] {"application/x-www-form-urlencoded", "grant_type=%zz&&&==&token=" + "t".repeat(3000)},
            new String[] {"application/x-www-form-urlencoded", "grant_type=authorization_code&code=pc_code_x&redirect_uri=x"},
            new String[] {"text/plain", "\u0000\u0001\u0002binary"},
            new String[] {"application/json; charset=foo", "{\"grant_type\": \"client_credentials\"}"},
            new String[] {"application/x-www-form-urlencoded; charset=\"utf-8", "grant_type=client_credentials"},
            new String[] {"text/plain; charset=x-unknown", "a=b"},
            new String[] {"application/json", ""},
            new String[] {"multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--"});

    @BeforeAll
    static void start() {
        server = TestServer.start(Db.SQLITE);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void garbageBodiesAndCredentialsNeverGive500() {
        List<String> failures = new ArrayList<>();
        for (String path : POST_PATHS) {
            for (String[] body : BODIES) {
                for (String auth : List.of("", AUTHORIZATIONS.get(2), AUTHORIZATIONS.get(1))) {
                    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Content-Type", body[0])
                            .POST(HttpRequest.BodyPublishers.ofString(body[1]));
                    if (!auth.isEmpty()) b.header("Authorization", auth);
                    check(failures, "POST " + path + " " + body[0] + " auth=" + auth.length(), server.send(b.build()));
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void garbageQueriesAndHeadersNeverGive500() {
        List<String> failures = new ArrayList<>();
        for (String path : GET_PATHS) {
            for (String auth : AUTHORIZATIONS) {
                int status = server.rawStatus("GET " + path + " HTTP/1.1\r\nHost: x\r\n"
                        + (auth.isEmpty() ? "" : "Authorization: " + auth + "\r\n") + "Connection: close\r\n\r\n");
                if (status >= 500) failures.add("GET " + path + " auth=" + auth.length() + " -> " + status);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static void check(List<String> failures, String what, java.net.http.HttpResponse<String> res) {
        if (res.statusCode() >= 500) failures.add(what + " -> " + res.statusCode() + " " + res.body());
        assertFalse(res.body().contains("Exception") || res.body().contains("\tat "), what + " leaked a stack trace");
    }
}
