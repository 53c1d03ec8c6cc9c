package dev.portcullis.accountsecurity;

import dev.portcullis.secrets.TokenKind;
import java.time.Duration;

/** What a mailed link is for, how long it works, and the token kind in it. */
public enum Purpose {
    VERIFY_EMAIL("verify_email", Duration.ofHours(24), TokenKind.EMAIL_VERIFICATION),
    /** Short, as OWASP's Forgot Password Cheat Sheet advises: the link is as good as the password. */
    RESET_PASSWORD("reset_password", Duration.ofMinutes(30), TokenKind.PASSWORD_RESET);

    private final String value;
    private final Duration lifetime;
    private final TokenKind kind;

    Purpose(String value, Duration lifetime, TokenKind kind) {
        this.value = value;
        this.lifetime = lifetime;
        this.kind = kind;
    }

    /** The {@code purpose} column's value. */
    public String value() {
        return value;
    }

    public Duration lifetime() {
        return lifetime;
    }

    TokenKind kind() {
        return kind;
    }
}
