package dev.portcullis.ops;

import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.storage.Database;
import java.util.Map;

/** {@code /healthz}: the process answers. {@code /readyz}: and its database does too. */
public final class HealthEndpoint implements Routes {
    private final Database database;

    public HealthEndpoint(Database database) {
        this.database = database;
    }

    @Override
    public void mount(RouteTable r) {
        r.get("/healthz", (req, res) -> Json.send(res, 200, Map.of("status", "ok")));
        r.get("/readyz", (req, res) -> {
            boolean ready = database.isReachable();
            Json.send(res, ready ? 200 : 503, Map.of("status", ready ? "ready" : "database unreachable"));
        });
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }
}
