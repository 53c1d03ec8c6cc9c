package dev.portcullis.identity;

import java.time.Instant;
import java.util.List;

/**
 * A resolved, live login session: who, the CSRF token its forms carry, when they logged in (OIDC
 * auth_time), and how (OIDC amr, RFC 8176 values such as "pwd", "otp", "mfa"; empty when unknown).
 */
public record LoginSession(String userId, String csrfToken, Instant authTime, List<String> amr) {
    public LoginSession {
        amr = List.copyOf(amr);
    }

    public LoginSession(String userId, String csrfToken, Instant authTime) {
        this(userId, csrfToken, authTime, List.of());
    }

    /** Whether two factors signed this session in (amr "mfa"). */
    public boolean multiFactor() {
        return multiFactor(amr);
    }

    /**
     * The one rule for two factors (acr "2", the workspace requirement, step-up): amr "mfa", which a
     * login states for the password and a second factor, or for a passkey the authenticator verified
     * the person on (docs/account-security.md).
     */
    public static boolean multiFactor(List<String> amr) {
        return amr.contains("mfa");
    }
}
