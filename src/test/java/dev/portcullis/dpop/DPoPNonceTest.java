package dev.portcullis.dpop;

import static dev.portcullis.support.OAuthClient.basic;
import static dev.portcullis.support.OAuthClient.json;
import static dev.portcullis.support.OAuthClient.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.config.Config;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import dev.portcullis.support.UserTokens;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * With PORTCULLIS_DPOP_NONCES=all (RFC 9449 §8, §9): a proof without the server's nonce is answered
 * use_dpop_nonce with a DPoP-Nonce header, and the retry that carries it succeeds.
 */
@ParameterizedClass
@EnumSource(Db.class)
class DPoPNonceTest {
    static final Map<String, String> CLIENT_CREDENTIALS = params("grant_type", "client_credentials", "scope", "task:read");

    @Parameter
    Db db;

    static TestServer server;
    static UserTokens users;

    @BeforeParameterizedClassInvocation
    static void start(Db db) {
        server = TestServer.start(TestServer.configFor(TestDatabases.fresh(db))
                .withDpop(new Config.Dpop(Config.DpopNonces.ALL, Duration.ofSeconds(60))));
        users = new UserTokens(server.portcullis());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        server.close();
    }

    @Test
    void nonceWhenMissingThenUseDpopNonceAndTheRetryWithItSucceedsAtTheTokenEndpointAndAtTheApi() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        String auth = basic(app.id(), app.secret());

        HttpResponse<String> first = holder.token(auth, CLIENT_CREDENTIALS, holder.proof("POST", "/oauth2/token", null, null));
        assertEquals(400, first.statusCode(), first.body());
        assertEquals("use_dpop_nonce", json(first).get("error").asText());
        String nonce = first.headers().firstValue("DPoP-Nonce").orElseThrow();

        HttpResponse<String> retry = holder.token(auth, CLIENT_CREDENTIALS, holder.proof("POST", "/oauth2/token", null, nonce));
        assertEquals(200, retry.statusCode(), retry.body());
        assertEquals("DPoP", json(retry).get("token_type").asText());
        String access = json(retry).get("access_token").asText();

        HttpResponse<String> call = holder.get("/v2/self", "DPoP " + access, holder.proof("GET", "/v2/self", access, null));
        assertEquals(401, call.statusCode(), call.body());
        String challenge = call.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("DPoP ") && challenge.contains("error=\"use_dpop_nonce\""), challenge);
        String resourceNonce = call.headers().firstValue("DPoP-Nonce").orElseThrow();
        HttpResponse<String> again = holder.get("/v2/self", "DPoP " + access, holder.proof("GET", "/v2/self", access, resourceNonce));
        assertEquals(200, again.statusCode(), again.body());
    }

    @Test
    void nonceWhenForgedThenUseDpopNonce() {
        var app = users.app("task:read");
        DPoPClient holder = new DPoPClient(server);
        HttpResponse<String> res = holder.token(basic(app.id(), app.secret()), CLIENT_CREDENTIALS,
                holder.proof("POST", "/oauth2/token", null, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        assertEquals(400, res.statusCode(), res.body());
        assertEquals("use_dpop_nonce", json(res).get("error").asText());
    }
}
