package dev.portcullis.authorize;

import dev.portcullis.apps.App;
import dev.portcullis.error.OAuthError;
import dev.portcullis.oauth.ValidatedRedirect;
import dev.portcullis.userinfo.Acr;
import dev.portcullis.userinfo.ClaimsRequest;
import io.helidon.common.parameters.Parameters;
import java.util.Arrays;
import java.util.List;

/**
 * The authorization request's {@code claims} (OIDC Core §5.5) and {@code acr_values} (§3.1.2.1),
 * parsed once and carried with the code to the ID token and with the grant to UserInfo. Malformed
 * claims JSON is refused (invalid_request, redirected); an essential acr no login here can reach
 * fails the authentication at once (§5.5.1.1), as logging in again could not help.
 */
final class ClaimsParameters {
    private ClaimsParameters() {}

    record Requested(ClaimsRequest claims, List<String> acrValues) {}

    static Requested check(Parameters query, App app, ValidatedRedirect redirect) {
        ClaimsRequest claims = ClaimsRequest.NONE;
        String raw = query.contains("claims") ? query.get("claims") : "";
        if (!raw.isBlank()) {
            try {
                claims = ClaimsRequest.parse(raw, app.scopes());
            } catch (ClaimsRequest.Malformed e) {
                throw AuthorizeChecks.fail(redirect, new OAuthError.InvalidRequest(e.getMessage()));
            }
        }
        if (Acr.unsatisfiable(claims)) {
            throw AuthorizeChecks.fail(redirect, new OAuthError.AccessDenied(
                    "The essential acr asked for cannot be met; this server offers " + String.join(" ", Acr.SUPPORTED)));
        }
        String acr = query.contains("acr_values") ? query.get("acr_values") : "";
        List<String> acrValues = Arrays.stream(acr.trim().split(" +")).filter(v -> !v.isEmpty()).distinct().toList();
        return new Requested(claims, acrValues);
    }
}
