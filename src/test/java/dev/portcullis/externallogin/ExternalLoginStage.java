package dev.portcullis.externallogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.events.Actor;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.MutableClock;
import dev.portcullis.support.TestServer;
import dev.portcullis.web.Browser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A Portcullis in external-login mode on a moving clock, with one registered app and an operator
 * token: what the external-login HTTP tests share. The SaaS's login page is never contacted; the
 * tests play the SaaS's backend by calling complete themselves.
 */
final class ExternalLoginStage implements AutoCloseable {
    static final String SAAS_LOGIN = "https://saas.example/login?from=portcullis";
    static final String CALLBACK = "http://127.0.0.1:9/callback";
    final TestServer server;
    final MutableClock clock;
    final String operatorToken;
    final AppService.Created app;

    private ExternalLoginStage(TestServer server, MutableClock clock) {
        this.server = server;
        this.clock = clock;
        this.operatorToken = server.portcullis().core().operators().create("saas backend", dev.portcullis.events.Actor.system()).secret();
        var developer = server.portcullis().core().identity().signUp("Dana Developer", "dana@apps.example", "correct horse battery");
        this.app = server.portcullis().apps().create(Actor.system(), Optional.of(developer.user().id()),
                AppSettings.defaults("Taskr", AuthMethod.CLIENT_SECRET_BASIC)
                        .withRedirectUris(List.of(new RedirectUri(CALLBACK)))
                        .withScopes(List.of("openid", "profile", "email")));
    }

    /** With the external login switched on through /manage/v1, as an operator would at run time. */
    static ExternalLoginStage start(Db db) {
        MutableClock clock = MutableClock.startingNow();
        ExternalLoginStage stage = new ExternalLoginStage(TestServer.start(db, clock), clock);
        HttpResponse<String> set = stage.manage("PUT", "/settings/external-login", "{\"external_login_uri\": \"" + SAAS_LOGIN + "\"}");
        assertEquals(200, set.statusCode(), set.body());
        return stage;
    }

    String authorizePath(String extra) {
        return "/authorize?response_type=code&client_id=" + app.app().clientId() + "&redirect_uri="
                + URLEncoder.encode(CALLBACK, StandardCharsets.UTF_8) + "&scope=openid%20profile%20email&state=s1" + extra;
    }

    /** Opens /authorize in {@code browser}; returns the external_auth_id the SaaS's login page receives. */
    String startLogin(Browser browser) {
        return externalAuthId(browser.get(authorizePath("")));
    }

    /** The page that moves on to the SaaS's login page (a page, not a redirect: see ExternalAuthentications#send). */
    static String externalAuthId(Browser.Page page) {
        assertEquals(200, page.status(), page.text());
        String location = page.doc().selectFirst("a#external-login").attr("href");
        assertEquals("0; url=" + location, page.doc().selectFirst("meta[http-equiv=refresh]").attr("content"));
        assertTrue(location.startsWith(SAAS_LOGIN + "&external_auth_id=pc_ext_"), location);
        return location.substring(location.indexOf("external_auth_id=") + "external_auth_id=".length());
    }

    HttpResponse<String> complete(String json) {
        return manage("POST", "/external-auth/complete", json);
    }

    /** A complete call that must succeed; returns the link back (path and query on this server). */
    String completed(String json) {
        HttpResponse<String> res = complete(json);
        assertEquals(200, res.statusCode(), res.body());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        URI link = URI.create(json(res).get("redirect_uri").asText());
        assertEquals(server.uri("/login/external").getAuthority(), link.getAuthority());
        return link.getRawPath() + "?" + link.getRawQuery();
    }

    static String body(String externalAuthId, String userId, String email) {
        return "{\"external_auth_id\": \"" + externalAuthId + "\", \"user\": {\"id\": \"" + userId + "\", \"email\": \"" + email
                + "\", \"first_name\": \"Ada\", \"last_name\": \"Lovelace\", \"email_verified\": true}}";
    }

    HttpResponse<String> manage(String method, String path, String json) {
        return call(method, "/manage/v1" + path, "Bearer " + operatorToken, json);
    }

    HttpResponse<String> call(String method, String path, String authorization, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) b.header("Content-Type", "application/json");
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }

    long count(String table) {
        return server.portcullis().database().read(tx -> tx.count("SELECT count(*) AS n FROM " + table));
    }

    static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (java.io.IOException e) {
            throw new AssertionError(res.body(), e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
