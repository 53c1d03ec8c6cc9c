package dev.portcullis.secrets;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of secret Portcullis mints, by its prefix. Distinct prefixes let secret scanners
 * find leaked values and let the resolver tell the kind of a presented string before any lookup.
 */
public enum TokenKind {
    API_KEY("sk_"),
    ACCESS_TOKEN("pc_at_"),
    REFRESH_TOKEN("pc_rt_"),
    AUTHORIZATION_CODE("pc_code_"),
    CLIENT_SECRET("pc_secret_"),
    REGISTRATION_TOKEN("pc_reg_"),
    SESSION("pc_sess_"),
    /** accountsecurity/: the links mailed to verify an email address and to reset a password. */
    EMAIL_VERIFICATION("pc_verify_"),
    PASSWORD_RESET("pc_reset_"),
    OPERATOR_TOKEN("pc_op_"),
    AUTHORIZATION_REQUEST("pc_req_"),
    /** externallogin/: the id the SaaS's login page receives, and the one-time link back that completes it. */
    EXTERNAL_AUTH("pc_ext_"),
    EXTERNAL_LOGIN_CODE("pc_extlogin_"),
    /** device/: what a device polls the token endpoint with (RFC 8628 §3.2). */
    DEVICE_CODE("pc_device_");

    private final String prefix;

    TokenKind(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    static Optional<TokenKind> ofPrefix(String value) {
        return Arrays.stream(values()).filter(k -> value.startsWith(k.prefix)).findFirst();
    }
}
