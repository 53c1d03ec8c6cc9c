package dev.portcullis.discovery;

import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.keys.KeyRing;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /oauth2/jwks}: the public signing keys (RFC 7517 §5). Public and briefly cacheable;
 * clients refetch on an unknown kid, so a new key is picked up before the cache expires.
 */
public final class JwksEndpoint implements Routes {
    static final String JWK_SET_TYPE = "application/jwk-set+json";

    private final KeyRing keyRing;

    public JwksEndpoint(KeyRing keyRing) {
        this.keyRing = keyRing;
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/oauth2/jwks", this::jwks);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void jwks(ServerRequest req, ServerResponse res) {
        res.headers().remove(HeaderNames.PRAGMA);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        // RFC 7517 §8.5 registers application/jwk-set+json; clients that do not ask for it get plain JSON.
        boolean asked = req.headers().value(HeaderNames.ACCEPT).map(a -> a.contains(JWK_SET_TYPE)).orElse(false);
        res.header(HeaderNames.CONTENT_TYPE, (asked ? JWK_SET_TYPE : "application/json") + "; charset=utf-8");
        res.send(Json.bytes(keyRing.jwks().toJSONObject(true)));
    }
}
