package dev.portcullis.web.activity;

import static dev.portcullis.events.EventType.*;

import dev.portcullis.events.EventType;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The Activity page's filter: event types in the groups an admin thinks in, each with its {@code ?group=} value. */
public enum TypeGroup {
    SIGN_INS("sign-ins", "Sign-ins", EnumSet.of(LOGIN_SUCCEEDED, LOGIN_FAILED, LOGIN_LOCKED, LOGOUT, SIGNUP)),
    CONNECTIONS("connections", "Connections", EnumSet.of(CONSENT_GRANTED, CONNECTION_REVOKED)),
    TOKENS("tokens", "Tokens", EnumSet.of(TOKEN_ISSUED, CODE_REUSED, REFRESH_REUSE_DETECTED, TOKEN_REVOKED)),
    APPS("apps", "Apps", EnumSet.of(APP_CREATED, APP_UPDATED, APP_DELETED, APP_SECRET_ROTATED, APP_SELF_REGISTERED,
            APP_METADATA_FETCHED)),
    API_KEYS("api-keys", "API keys", EnumSet.of(API_KEY_CREATED, API_KEY_UPDATED, API_KEY_REVOKED)),
    MEMBERS("members", "Members", EnumSet.of(MEMBER_ADDED, MEMBER_REMOVED, MEMBER_ROLE_CHANGED, WORKSPACE_CREATED)),
    SECURITY("security", "Security", EnumSet.of(WORKSPACE_SECOND_FACTOR_CHANGED));

    private final String slug;
    private final String label;
    private final Set<EventType> types;

    TypeGroup(String slug, String label, Set<EventType> types) {
        this.slug = slug;
        this.label = label;
        this.types = Set.copyOf(types);
    }

    public String slug() {
        return slug;
    }

    public String label() {
        return label;
    }

    public Set<EventType> types() {
        return types;
    }

    static Optional<TypeGroup> bySlug(String slug) {
        return Arrays.stream(values()).filter(g -> g.slug.equals(slug)).findFirst();
    }
}
