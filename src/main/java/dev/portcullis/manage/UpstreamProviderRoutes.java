package dev.portcullis.manage;

import static dev.portcullis.manage.ManageEndpoint.BASE;
import static dev.portcullis.manage.ManageEndpoint.body;
import static dev.portcullis.manage.ManageEndpoint.param;

import dev.portcullis.error.OAuthException;
import dev.portcullis.federation.UpstreamProvider;
import dev.portcullis.federation.UpstreamProviderFields;
import dev.portcullis.federation.UpstreamProviders;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.identity.IdentityService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Upstream OpenID providers under /manage/v1 (docs/upstream-providers.md); client_secret is write-only. */
public final class UpstreamProviderRoutes {
    private static final String PATH = BASE + "/upstream-providers";
    private final UpstreamProviders providers;
    private final IdentityService identity;

    public UpstreamProviderRoutes(UpstreamProviders providers, IdentityService identity) {
        this.providers = providers;
        this.identity = identity;
    }

    void mount(RouteTable r, ManageEndpoint.Guard g) {
        r.post(PATH, g.guarded(this::create));
        r.get(PATH, g.guarded((req, res) -> Json.send(res, 200, Map.of("data", providers.list().stream().map(UpstreamProviderRoutes::view).toList()))));
        r.get(PATH + "/{id}", g.guarded((req, res) -> Json.send(res, 200, view(providers.find(param(req, "id")).orElseThrow(
                () -> OAuthException.notFound("Upstream provider not found"))))));
        r.patch(PATH + "/{id}", g.guarded(this::update));
        r.delete(PATH + "/{id}", g.guarded((req, res) -> {
            providers.delete(param(req, "id"));
            res.status(204).send();
        }));
    }

    private void create(ServerRequest req, ServerResponse res) {
        var fields = checkWorkspace(body(req, UpstreamProviderFields.class), identity, "auto_join.workspace");
        Json.send(res, 201, view(providers.create(fields)));
    }

    private void update(ServerRequest req, ServerResponse res) {
        var fields = checkWorkspace(body(req, UpstreamProviderFields.class), identity, "auto_join.workspace");
        Json.send(res, 200, view(providers.update(param(req, "id"), fields)));
    }

    /** The auto-join rule must name a workspace that exists (by slug). */
    static UpstreamProviderFields checkWorkspace(UpstreamProviderFields fields, IdentityService identity, String path) {
        var join = fields.autoJoin();
        if (join != null && join.workspace() != null && identity.findWorkspaceBySlug(join.workspace()).isEmpty()) {
            throw OAuthException.validation(path, "no workspace has this slug");
        }
        return fields;
    }

    /** Everything but the client secret, which is never returned. */
    static Map<String, Object> view(UpstreamProvider p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("issuer", p.issuer().toString());
        m.put("client_id", p.clientId());
        m.put("scopes", p.scopes());
        m.put("allowed_email_domains", p.allowedEmailDomains());
        p.autoJoin().ifPresent(j -> m.put("auto_join", Map.of("email_domain", j.emailDomain(), "workspace", j.workspace(),
                "role", j.role().value())));
        m.put("created_at", p.createdAt().toString());
        m.put("updated_at", p.updatedAt().toString());
        return m;
    }
}
