package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.error.OAuthException;
import dev.portcullis.exchange.ExchangeTargets;
import dev.portcullis.exchange.TrustedIssuer;
import dev.portcullis.exchange.TrustedIssuerFields;
import dev.portcullis.exchange.TrustedIssuers;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trusted issuers of the jwt-bearer grant (docs/jwt-bearer.md) and each app's token-exchange
 * targets (docs/token-exchange.md) under /manage/v1.
 */
public final class ExchangeRoutes {
    private static final String ISSUERS = BASE + "/trusted-issuers";
    private static final String TARGETS = BASE + "/apps/{client_id}/token-exchange-targets";
    private final TrustedIssuers issuers;
    private final ExchangeTargets targets;

    /** The body of the targets routes. */
    record Targets(List<String> resources) {}

    public ExchangeRoutes(TrustedIssuers issuers, ExchangeTargets targets) {
        this.issuers = issuers;
        this.targets = targets;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(ISSUERS, g.guarded((req, res) -> Json.send(res, 201, view(issuers.create(body(req, TrustedIssuerFields.class))))));
        r.get(ISSUERS, g.guarded((req, res) -> Json.send(res, 200, Map.of("data", issuers.list().stream().map(ExchangeRoutes::view).toList()))));
        r.get(ISSUERS + "/{id}", g.guarded((req, res) -> Json.send(res, 200, view(issuers.find(param(req, "id")).orElseThrow(
                () -> OAuthException.notFound("Trusted issuer not found"))))));
        r.put(ISSUERS + "/{id}", g.guarded((req, res) -> Json.send(res, 200,
                view(issuers.replace(param(req, "id"), body(req, TrustedIssuerFields.class))))));
        r.delete(ISSUERS + "/{id}", g.guarded((req, res) -> {
            issuers.delete(param(req, "id"));
            res.status(204).send();
        }));
        r.get(TARGETS, g.guarded((req, res) -> Json.send(res, 200, Map.of("resources", targets.of(param(req, "client_id"))))));
        r.put(TARGETS, g.guarded((req, res) -> Json.send(res, 200, Map.of("resources",
                targets.replace(param(req, "client_id"), body(req, Targets.class).resources())))));
    }

    static Map<String, Object> view(TrustedIssuer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("issuer", t.issuer());
        t.keys().jwksObject().ifPresent(j -> m.put("jwks", j));
        t.keys().jwksUri().ifPresent(u -> m.put("jwks_uri", u));
        m.put("allowed_audiences", t.audiences());
        m.put("allowed_client_ids", t.clientIds());
        m.put("created_at", t.createdAt().toString());
        m.put("updated_at", t.updatedAt().toString());
        return m;
    }
}
