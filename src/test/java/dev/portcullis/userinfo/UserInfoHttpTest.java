package dev.portcullis.userinfo;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.form;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.identity.ProfileChange;
import dev.portcullis.support.ApiKeyFixture;
import dev.portcullis.support.Db;
import dev.portcullis.support.OAuthClient;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** OIDC UserInfo (Core §5.3) on both databases: claims by scope, and the Bearer errors. */
@ParameterizedClass
@EnumSource(Db.class)
class UserInfoHttpTest {
    @Parameter
    Db db;

    static TestServer server;
    static OAuthClient oauth;
    static UserTokens tokens;
    static UserTokens.Member ada;
    static UserTokens.Client app;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(db);
        oauth = new OAuthClient(server);
        tokens = new UserTokens(server.portcullis());
        ada = tokens.member("Ada King Lovelace");
        app = tokens.app("openid", "profile", "email", "task:read");
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    /** GET with any Authorization header, or none. */
    static HttpResponse<String> get(String authorization) {
        var b = HttpRequest.newBuilder(server.uri("/oauth2/userinfo"));
        if (authorization != null) b.header("Authorization", authorization);
        return server.send(b.build());
    }


    @Test
    void claimsAreReleasedByScope() {
        JsonNode openid = json(get("Bearer " + tokens.issue(ada, app, "openid").accessToken()));
        assertEquals(1, openid.size(), openid.toString());
        assertEquals(ada.user().id(), openid.get("sub").asText());

        JsonNode profile = json(get("Bearer " + tokens.issue(ada, app, "openid", "profile").accessToken()));
        assertEquals("Ada King Lovelace", profile.get("name").asText());
        assertEquals("Ada King", profile.get("given_name").asText());
        assertEquals("Lovelace", profile.get("family_name").asText());
        assertTrue(!profile.has("email"));

        HttpResponse<String> res = get("Bearer " + tokens.issue(ada, app, "openid", "email").accessToken());
        assertEquals(200, res.statusCode());
        assertTrue(res.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonNode email = json(res);
        assertEquals(ada.user().email(), email.get("email").asText());
        assertEquals(false, email.get("email_verified").asBoolean());
        assertTrue(!email.has("name"));
    }

    @Test
    void profileScopeReleasesTheProfileClaimsTheUserHasAndUpdatedAt() {
        var grace = tokens.member("Grace Hopper");
        var identity = server.portcullis().core().identity();
        JsonNode bare = json(get("Bearer " + tokens.issue(grace, app, "openid", "profile").accessToken()));
        assertTrue(!bare.has("picture") && !bare.has("locale") && !bare.has("zoneinfo") && !bare.has("preferred_username"),
                "claims without a value are left out: " + bare);
        assertEquals(grace.user().createdAt().getEpochSecond(), bare.get("updated_at").asLong());

        var changed = identity.changeProfile(grace.user().id(), ProfileChange.from(Map.of("preferred_username", "amazing.grace",
                "picture", "https://cdn.example/grace.png", "locale", "en-US", "zoneinfo", "America/New_York")::get));
        JsonNode profile = json(get("Bearer " + tokens.issue(grace, app, "openid", "profile").accessToken()));
        assertEquals("amazing.grace", profile.get("preferred_username").asText());
        assertEquals("https://cdn.example/grace.png", profile.get("picture").asText());
        assertEquals("en-US", profile.get("locale").asText());
        assertEquals("America/New_York", profile.get("zoneinfo").asText());
        assertEquals(changed.profile().updatedAt().getEpochSecond(), profile.get("updated_at").asLong(), "seconds since the epoch");
        assertTrue(profile.get("updated_at").isIntegralNumber());

        JsonNode emailOnly = json(get("Bearer " + tokens.issue(grace, app, "openid", "email").accessToken()));
        assertTrue(!emailOnly.has("preferred_username") && !emailOnly.has("updated_at") && !emailOnly.has("picture"), emailOnly.toString());
    }

    @Test
    void profileScopeReleasesAllFourteenStandardClaimsWhenSetAndOnlyTheSetOnesOtherwise() {
        var mary = tokens.member("Mary Somerville");
        var identity = server.portcullis().core().identity();
        JsonNode before = json(get("Bearer " + tokens.issue(mary, app, "openid", "profile").accessToken()));
        assertEquals(Set.of("sub", "name", "given_name", "family_name", "updated_at"), names(before),
                "a user who set nothing: the name, the two derived from it, and updated_at");
        assertEquals("Mary", before.get("given_name").asText());
        assertEquals("Somerville", before.get("family_name").asText());

        Map<String, String> every = new LinkedHashMap<>();
        every.put("given_name", "Mary Fairfax");
        every.put("family_name", "Greig");
        every.put("middle_name", "Fairfax");
        every.put("nickname", "Queen of Science");
        every.put("preferred_username", "mary");
        every.put("profile", "https://example.org/people/mary");
        every.put("picture", "https://cdn.example/mary.png");
        every.put("website", "https://mary.example");
        every.put("gender", "female");
        every.put("birthdate", "1780-12-26");
        every.put("zoneinfo", "Europe/London");
        every.put("locale", "en-GB");
        identity.changeProfile(mary.user().id(), ProfileChange.from(every::get));
        JsonNode all = json(get("Bearer " + tokens.issue(mary, app, "openid", "profile").accessToken()));
        Set<String> standard = Set.of("name", "given_name", "family_name", "middle_name", "nickname", "preferred_username",
                "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at");
        assertEquals(14, standard.size());
        Set<String> expected = new java.util.HashSet<>(standard);
        expected.add("sub");
        assertEquals(expected, names(all), "OIDC Core §5.4: every standard profile claim, and no email claim");
        every.forEach((claim, value) -> assertEquals(value, all.get(claim).asText(), claim));
        assertEquals("Mary Somerville", all.get("name").asText());
        assertTrue(all.get("updated_at").isIntegralNumber());

        identity.changeProfile(mary.user().id(), ProfileChange.from(Map.of("given_name", "", "family_name", "", "website", "",
                "gender", "")::get));
        JsonNode some = json(get("Bearer " + tokens.issue(mary, app, "openid", "profile").accessToken()));
        assertEquals("Mary", some.get("given_name").asText(), "cleared: derived from the name again");
        assertEquals("Somerville", some.get("family_name").asText());
        assertTrue(!some.has("website") && !some.has("gender"), "cleared claims are left out: " + some);
        assertEquals("1780-12-26", some.get("birthdate").asText());
    }

    @Test
    void discoveryListsEveryStandardProfileClaim() {
        JsonNode metadata = json(server.send(HttpRequest.newBuilder(server.uri("/.well-known/openid-configuration")).build()));
        Set<String> supported = new java.util.HashSet<>();
        metadata.get("claims_supported").forEach(c -> supported.add(c.asText()));
        for (String claim : List.of("name", "given_name", "family_name", "middle_name", "nickname", "preferred_username", "profile",
                "picture", "website", "gender", "birthdate", "zoneinfo", "locale", "updated_at", "email", "email_verified")) {
            assertTrue(supported.contains(claim), claim + " in " + supported);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void postWithHeaderOrFormFieldAnswersTheSame() {
        String token = tokens.issue(ada, app, "openid", "profile", "email").accessToken();
        JsonNode byGet = json(get("Bearer " + token));
        HttpResponse<String> byHeader = oauth.post("/oauth2/userinfo", "Bearer " + token, "");
        assertEquals(200, byHeader.statusCode(), byHeader.body());
        assertEquals(byGet, json(byHeader));
        HttpResponse<String> byForm = oauth.post("/oauth2/userinfo", null, form(params("access_token", token)));
        assertEquals(200, byForm.statusCode(), byForm.body());
        assertEquals(byGet, json(byForm));
    }

    @Test
    void missingUnknownRevokedOrNonAccessTokenThen401InvalidToken() {
        var issued = tokens.issue(ada, app, "openid");
        oauth.post("/oauth/revoke", basic(app.id(), app.secret()), form(params("token", issued.accessToken())));
        var fixture = new ApiKeyFixture(server.portcullis().database());
        String apiKey = fixture.apiKey(fixture.workspace("ui-" + db.name().toLowerCase()), "task:read").secret();
        for (String authorization : new String[] {null, "Bearer garbage", "Bearer " + issued.accessToken(), "Bearer " + apiKey,
            "Basic " + java.util.Base64.getEncoder().encodeToString((apiKey + ":").getBytes())}) {
            HttpResponse<String> res = get(authorization);
            assertEquals(401, res.statusCode(), authorization);
            assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"invalid_token\""));
            assertEquals("invalid_token", json(res).get("error").asText());
        }
    }

    @Test
    void tokenWithoutOpenidThen403InsufficientScope() {
        var withoutOpenid = tokens.issue(ada, app, "profile", "task:read");
        HttpResponse<String> res = get("Bearer " + withoutOpenid.accessToken());
        assertEquals(403, res.statusCode());
        assertTrue(res.headers().firstValue("WWW-Authenticate").orElseThrow().contains("scope=\"openid\""));
        assertEquals("insufficient_scope", json(res).get("error").asText());

        HttpResponse<String> cc = oauth.token(basic(app.id(), app.secret()), params("grant_type", "client_credentials"));
        String appToken = json(cc).get("access_token").asText();
        assertEquals(403, get("Bearer " + appToken).statusCode(), "a client_credentials token has no user and no openid");
    }
}
