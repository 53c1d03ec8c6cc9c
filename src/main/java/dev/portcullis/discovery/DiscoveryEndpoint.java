package dev.portcullis.discovery;

import dev.portcullis.config.Config;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.scopes.ScopeCatalog;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * The well-known metadata documents: the server's (OIDC Discovery §4, RFC 8414 §3) and the
 * built-in API's (RFC 9728 §3, both the bare and the path-suffixed form for {@code /v2}). Public,
 * the same for everyone, so cacheable for five minutes and readable from any origin.
 */
public final class DiscoveryEndpoint implements Routes {
    private final byte[] server;
    private final byte[] resource;

    public DiscoveryEndpoint(Config config, ScopeCatalog scopes) {
        this.server = Json.bytes(ServerMetadata.of(config, scopes));
        this.resource = Json.bytes(ResourceMetadata.of(config, scopes));
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/.well-known/openid-configuration", (req, res) -> send(res, server));
        r.get("/.well-known/oauth-authorization-server", (req, res) -> send(res, server));
        r.get("/.well-known/oauth-protected-resource", (req, res) -> send(res, resource));
        r.get("/.well-known/oauth-protected-resource/v2", (req, res) -> send(res, resource));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    private static void send(ServerResponse res, byte[] body) {
        res.headers().remove(HeaderNames.PRAGMA);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body);
    }
}
