package dev.portcullis.identity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a member may do in a workspace; stored lower-case, as the memberships CHECK requires. */
public enum Role {
    ADMIN,
    MEMBER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.value().equals(value)).findFirst();
    }
}
