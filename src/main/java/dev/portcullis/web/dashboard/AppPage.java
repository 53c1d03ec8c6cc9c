package dev.portcullis.web.dashboard;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppRepository.ClientSecretInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the app page shows. {@code newSecret} is set only on the response to the POST that
 * created or rotated it: it is never stored and no GET can show it again.
 */
public record AppPage(App app, AppForm form, List<ScopeChoice> scopes, List<SecretLine> secrets, String redirectUri,
                      FormErrors errors, String newSecret, String notice) {

    /** A live secret as listed: its last characters and when it stops working. */
    public record SecretLine(String hint, String created, String expires) {
        static SecretLine of(ClientSecretInfo s) {
            return new SecretLine(s.hint(), Timestamps.utc(s.createdAt()),
                    s.expiresAt().map(Timestamps::utc).orElse("never"));
        }
    }

    static List<SecretLine> lines(List<ClientSecretInfo> secrets) {
        return secrets.stream().map(SecretLine::of).toList();
    }

    /** Apps with a secret method have secrets to list and rotate; others only show leftovers from before they switched. */
    public boolean hasSecrets() {
        return app.authMethod().usesSecret() || !secrets.isEmpty();
    }

    public String path() {
        return path(app.clientId());
    }

    public static String path(String clientId) {
        return "/dashboard/apps/" + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
    }
}
