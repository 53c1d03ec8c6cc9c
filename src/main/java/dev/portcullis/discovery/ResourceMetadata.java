package dev.portcullis.discovery;

import dev.portcullis.config.Config;
import dev.portcullis.config.ScopeCatalog;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RFC 9728 §2 metadata of the built-in {@code /v2} API: which server issues its tokens and which
 * scopes it understands. The identity scopes are left out (they are about the user, not this API);
 * {@code offline_access} stays, so a client that requests exactly these scopes gets a refresh token.
 */
final class ResourceMetadata {
    static final String NAME = "Portcullis API";
    private static final Set<String> IDENTITY_SCOPES = Set.of("openid", "profile", "email");

    private ResourceMetadata() {}

    static Map<String, Object> of(Config config, ScopeCatalog scopes) {
        String issuer = config.server().issuer().toString();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", issuer + "/v2");
        doc.put("authorization_servers", List.of(issuer));
        doc.put("scopes_supported", scopes.entries().stream().map(e -> e.scope().name())
                .filter(name -> !IDENTITY_SCOPES.contains(name)).toList());
        doc.put("bearer_methods_supported", List.of("header"));
        doc.put("resource_name", NAME);
        return Collections.unmodifiableMap(doc);
    }
}
