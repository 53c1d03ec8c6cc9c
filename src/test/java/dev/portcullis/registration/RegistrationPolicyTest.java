package dev.portcullis.registration;

import static dev.portcullis.registration.RegistrationFixture.appCount;
import static dev.portcullis.registration.RegistrationFixture.config;
import static dev.portcullis.registration.RegistrationFixture.field;
import static dev.portcullis.registration.RegistrationFixture.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.apps.App;
import dev.portcullis.http.Json;
import dev.portcullis.oauth.GrantType;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Who may register: the operator's policy (open, token, off, implicit allowed or not) and the per-address rate limit. */
class RegistrationPolicyTest {
    static final String CLIENT = "{\"redirect_uris\": [\"http://localhost:9000/cb\"], \"token_endpoint_auth_method\": \"none\"}";
    static final String INITIAL = "an initial access token the operator handed out";

    @ParameterizedTest
    @EnumSource(Db.class)
    void registrationOffThenForbiddenAndNotAdvertised(Db db) {
        try (TestServer server = TestServer.start(config(db, "PORTCULLIS_REGISTRATION", "off"))) {
            HttpResponse<String> res = register(server, null, CLIENT);
            assertEquals(403, res.statusCode());
            assertEquals("access_denied", field(res, "error"));
            assertTrue(field(res, "error_description").contains("turned off"));
            assertFalse(server.get("/.well-known/openid-configuration").body().contains("registration_endpoint"));
            assertTrue(server.get("/.well-known/openid-configuration").body()
                    .contains("\"client_id_metadata_document_supported\":false"));
            assertEquals(0L, appCount(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void tokenPolicyNeedsTheInitialAccessToken(Db db) {
        try (TestServer server = TestServer.start(config(db, "PORTCULLIS_REGISTRATION", "token",
                "PORTCULLIS_REGISTRATION_INITIAL_TOKEN", INITIAL))) {
            for (String authorization : new String[] {null, "Bearer wrong", "Bearer " + INITIAL + "x", "Basic " + INITIAL}) {
                HttpResponse<String> res = register(server, authorization, CLIENT);
                assertEquals(401, res.statusCode(), String.valueOf(authorization));
                assertEquals("invalid_token", field(res, "error"));
                assertFalse(res.body().contains(INITIAL), "the expected token never appears in a response");
            }
            assertEquals(0L, appCount(server));
            HttpResponse<String> ok = register(server, "Bearer " + INITIAL, CLIENT);
            assertEquals(201, ok.statusCode(), ok.body());
            assertTrue(server.get("/.well-known/openid-configuration").body().contains("registration_endpoint"));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void pastTheHourlyLimitPerAddressThen429WithRetryAfter(Db db) {
        try (TestServer server = TestServer.start(config(db, "PORTCULLIS_REGISTRATIONS_PER_HOUR", "2"))) {
            assertEquals(201, register(server, null, CLIENT).statusCode());
            assertEquals(400, register(server, null, "{}").statusCode(), "a refused registration counts too");
            HttpResponse<String> limited = register(server, null, CLIENT);
            assertEquals(429, limited.statusCode());
            assertEquals("rate_limit_exceeded", field(limited, "code"));
            long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retryAfter > 60 && retryAfter <= 1800, "one registration refills in 30 minutes: " + retryAfter);
            assertEquals(1L, appCount(server));
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void withImplicitAllowedTheIdTokenResponseTypesRegisterWithHttpsRedirectsOnly(Db db) throws Exception {
        try (TestServer server = TestServer.start(config(db, "PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT", "true"))) {
            HttpResponse<String> res = register(server, null, """
                    {"redirect_uris": ["https://rp.example/cb"], "grant_types": ["authorization_code", "implicit"],
                     "response_types": ["code", "id_token", "token id_token"], "token_endpoint_auth_method": "client_secret_basic"}""");
            assertEquals(201, res.statusCode(), res.body());
            JsonNode body = Json.MAPPER.readTree(res.body());
            assertEquals("[\"authorization_code\",\"implicit\"]", body.get("grant_types").toString());
            assertEquals("[\"code\",\"id_token\",\"id_token token\"]", body.get("response_types").toString());
            App app = server.portcullis().apps().find(body.get("client_id").asText()).orElseThrow();
            assertTrue(app.mayUse(GrantType.IMPLICIT));

            for (String uri : List.of("http://127.0.0.1:9000/cb", "https://localhost/cb", "com.example.app:/cb")) {
                HttpResponse<String> refused = register(server, null, """
                        {"redirect_uris": ["%s"], "grant_types": ["implicit"], "response_types": ["id_token"]}""".formatted(uri));
                assertEquals(400, refused.statusCode(), uri);
                assertEquals("invalid_redirect_uri", field(refused, "error"), uri);
            }
            HttpResponse<String> mismatch = register(server, null, """
                    {"redirect_uris": ["https://rp.example/cb"], "grant_types": ["implicit"], "response_types": ["code"]}""");
            assertEquals("invalid_client_metadata", field(mismatch, "error"));
            HttpResponse<String> noImplicitType = register(server, null, """
                    {"redirect_uris": ["https://rp.example/cb"], "grant_types": ["authorization_code", "implicit"], "response_types": ["code"]}""");
            assertEquals("invalid_client_metadata", field(noImplicitType, "error"));
            assertEquals(1L, appCount(server));
        }
    }
}
