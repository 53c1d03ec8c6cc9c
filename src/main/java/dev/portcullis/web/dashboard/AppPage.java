package dev.portcullis.web.dashboard;

import dev.portcullis.apps.App;
import dev.portcullis.apps.AppRepository.ClientSecretInfo;
import dev.portcullis.web.flash.Flash;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Everything the app page shows. {@code flash} (or null) is what the POST that redirected here
 * left: a notice and, after creating the app or rotating its secret, the new secret, shown once.
 */
public record AppPage(App app, AppForm form, List<ScopeChoice> scopes, List<SecretLine> secrets, String redirectUri,
                      FormErrors errors, Flash flash) {

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
