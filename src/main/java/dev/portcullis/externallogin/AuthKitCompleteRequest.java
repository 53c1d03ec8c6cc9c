package dev.portcullis.externallogin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.error.OAuthException;
import java.util.List;
import java.util.Map;

/**
 * The body of WorkOS's {@code POST /authkit/oauth2/complete} (Standalone Connect), field for field,
 * so a SaaS built for it switches by changing only the base URL and the key. It names no
 * workspaces and no email verification; {@code user_consent_options} is accepted and ignored
 * (Portcullis's consent page asks for scopes and the workspace, not for custom claims).
 */
record AuthKitCompleteRequest(String externalAuthId, AuthKitUser user, List<JsonNode> userConsentOptions) {

    record AuthKitUser(String id, String email, String firstName, String lastName, Map<String, String> metadata) {}

    CompleteRequest asComplete() {
        if (userConsentOptions != null && userConsentOptions.stream().anyMatch(o -> o == null || !o.isObject())) {
            throw OAuthException.validation("user_consent_options", "must be an array of objects");
        }
        var u = user == null ? null
                : new CompleteRequest.UserEntry(user.id(), user.email(), user.firstName(), user.lastName(), null, user.metadata());
        return new CompleteRequest(externalAuthId, u, List.of(), false);
    }
}
