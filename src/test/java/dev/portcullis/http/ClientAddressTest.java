package dev.portcullis.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.portcullis.config.ConfigLoader;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import dev.portcullis.support.TestServer;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-address limits behind a load balancer, observed through the registration limit (2 an
 * hour here): X-Forwarded-For counts only when the socket peer is a trusted proxy, and only the
 * hops the proxies wrote.
 */
class ClientAddressTest {

    @Test
    void untrustedPeerThenForwardedForIgnoredAndOneBudget() {
        try (TestServer server = server("")) {
            assertEquals(201, register(server, "198.51.100.1"));
            assertEquals(201, register(server, "198.51.100.2"));
            assertEquals(429, register(server, "198.51.100.3"), "a header anyone can write picks no budget");
        }
    }

    @Test
    void trustedProxyThenEachForwardedClientHasItsOwnBudget() {
        try (TestServer server = server("127.0.0.1/32, 10.0.0.0/8")) {
            assertEquals(201, register(server, "198.51.100.1"));
            assertEquals(201, register(server, "198.51.100.1, 10.1.2.3"), "a second trusted hop is skipped");
            assertEquals(429, register(server, "198.51.100.1:4711"), "the port some balancers add is not a new client");
            assertEquals(201, register(server, "198.51.100.2"));
            // The client wrote 198.51.100.3 itself; the proxy appended the address it really saw.
            assertEquals(429, register(server, "198.51.100.3, 198.51.100.1"));
            assertEquals(201, register(server, "[2001:db8::1]:443"));
            assertEquals(201, register(server, "2001:db8::2"));
            assertEquals(429, register(server, "2001:db8::ffff:1"), "one IPv6 /64 is one client");
            assertEquals(201, register(server, "2001:db8:0:1::1"), "the next /64 is another");
        }
    }

    @Test
    void trustedProxyWithoutOrWithGarbageHeaderThenThePeerIsTheClient() {
        try (TestServer server = server("127.0.0.1")) {
            assertEquals(201, register(server, null));
            assertEquals(201, register(server, "not-an-address"));
            assertEquals(429, register(server, "localhost"), "a name is never looked up");
        }
    }

    private static TestServer server(String trusted) {
        Map<String, String> env = new HashMap<>(Map.of("PORTCULLIS_PORT", "0", "PORTCULLIS_HOST", "127.0.0.1",
                "PORTCULLIS_DEMO", "false", "PORTCULLIS_REGISTRATIONS_PER_HOUR", "2", "PORTCULLIS_TRUSTED_PROXIES", trusted));
        return TestServer.start(ConfigLoader.load(env).withStorage(TestDatabases.fresh(Db.SQLITE)));
    }

    private static int register(TestServer server, String forwardedFor) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/oauth2/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"redirect_uris\": [\"https://agent.example.com/cb\"],"
                        + " \"token_endpoint_auth_method\": \"none\"}"));
        if (forwardedFor != null) b.header("X-Forwarded-For", forwardedFor);
        return server.send(b.build()).statusCode();
    }
}
