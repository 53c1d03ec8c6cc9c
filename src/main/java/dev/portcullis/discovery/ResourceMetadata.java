package dev.portcullis.discovery;

import dev.portcullis.api.routes.ApiRoute;
import dev.portcullis.config.Config;
import dev.portcullis.oauth.DPoPAlgorithms;
import dev.portcullis.scopes.ScopeCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9728 §2 metadata of the built-in {@code /v2} API: which server issues its tokens and the
 * scopes its routes ask for, plus {@code offline_access}, so a client that requests exactly these
 * (as MCP clients do, registering with them too) can use the whole API and gets a refresh token.
 * Scopes no route uses are left out: listed, they would make such a client ask for, and register
 * with, scopes that buy it nothing. So are the routes' scopes that self-registration refuses
 * (webhook:*, for apps an operator or developer made): an MCP client registers with every listed
 * scope, and one refused scope would fail its whole registration.
 */
final class ResourceMetadata {
    static final String NAME = "Portcullis API";
    private static final String OFFLINE_ACCESS = "offline_access";

    private ResourceMetadata() {}

    static Map<String, Object> of(Config config, ScopeCatalog scopes) {
        String issuer = config.server().issuer().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", issuer + "/v2");
        doc.put("authorization_servers", List.of(issuer));
        Set<String> used = ApiRoute.scopesUsed();
        doc.put("scopes_supported", scopes.entries().stream().filter(ScopeCatalog.Entry::selfRegistration)
                .map(e -> e.scope().name()).filter(name -> used.contains(name) || name.equals(OFFLINE_ACCESS)).toList());
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("resource_name", NAME);
        // RFC 9728 §2: /v2 takes DPoP-bound tokens (RFC 9449 §7) beside bearer ones, whose binding it enforces.
        doc.put("dpop_signing_alg_values_supported", DPoPAlgorithms.NAMES);
        doc.put("dpop_bound_access_tokens_required", false);
        return Collections.unmodifiableMap(doc);
    }
}
