package dev.portcullis.api.routes;

import dev.portcullis.api.Principal;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.scopes.ScopeSet;
import java.util.List;

/** The one scope check of the API: 403 insufficient_scope naming every missing scope (RFC 6750 §3.1). */
final class RequireScope {
    private RequireScope() {}

    static void check(Principal principal, ScopeSet required) {
        List<String> missing = principal.scopes().missing(required);
        if (!missing.isEmpty()) throw new OAuthException(new OAuthError.InsufficientScope(missing));
    }
}
