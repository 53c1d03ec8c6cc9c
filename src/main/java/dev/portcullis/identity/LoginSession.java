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
        return amr.contains("mfa");
    }
}
