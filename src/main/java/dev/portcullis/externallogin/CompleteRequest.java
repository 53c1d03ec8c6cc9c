package dev.portcullis.externallogin;

import dev.portcullis.error.OAuthException;
import dev.portcullis.identity.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The body of {@code POST /manage/v1/external-auth/complete}: who the SaaS logged in, and
 * optionally their workspaces. Checked as a whole before anything is written; errors name the field.
 */
record CompleteRequest(String externalAuthId, UserEntry user, List<WorkspaceEntry> workspaces, Boolean replaceMemberships) {
    static final int MAX_ID = 255;
    static final int MAX_WORKSPACES = 100;
    static final int MAX_METADATA = 50;
    static final int MAX_METADATA_CHARS = 500;

    CompleteRequest {
        workspaces = workspaces == null ? List.of() : workspaces;
    }

    /** {@code id} is the SaaS's own stable user id; {@code emailVerified} null keeps what Portcullis had (false for a new user). */
    record UserEntry(String id, String email, String firstName, String lastName, Boolean emailVerified,
                     Map<String, String> metadata) {}

    /** {@code id} is the SaaS's own workspace id; {@code slug} is used when the workspace is created. */
    record WorkspaceEntry(String id, String name, String slug, String role) {
        Role parsedRole() {
            return Role.parse(role).orElseThrow();
        }
    }

    boolean replacing() {
        return Boolean.TRUE.equals(replaceMemberships);
    }

    /** The shape checks that need no database; the email and names are checked where they are written. */
    CompleteRequest validated() {
        if (externalAuthId == null || externalAuthId.isBlank()) throw missing("external_auth_id");
        if (user == null) throw missing("user");
        id("user.id", user.id());
        if (user.email() == null) throw missing("user.email");
        Map<String, String> metadata = Optional.ofNullable(user.metadata()).orElse(Map.of());
        if (metadata.size() > MAX_METADATA) throw OAuthException.validation("user.metadata", "at most " + MAX_METADATA + " keys");
        metadata.forEach((key, value) -> {
            if (value == null || key.length() > MAX_ID || value.length() > MAX_METADATA_CHARS) {
                throw OAuthException.validation("user.metadata." + key, "must be a string of at most " + MAX_METADATA_CHARS + " characters");
            }
        });
        if (workspaces.size() > MAX_WORKSPACES) throw OAuthException.validation("workspaces", "at most " + MAX_WORKSPACES);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < workspaces.size(); i++) {
            String path = "workspaces[" + i + "]";
            WorkspaceEntry w = workspaces.get(i);
            if (w == null) throw OAuthException.validation(path, "must be an object");
            if (!seen.add(id(path + ".id", w.id()))) throw OAuthException.validation(path + ".id", "appears twice");
            if (w.name() == null) throw missing(path + ".name");
            if (Role.parse(w.role()).isEmpty()) throw OAuthException.validation(path + ".role", "must be admin or member");
        }
        return this;
    }

    private static String id(String field, String value) {
        if (value == null || value.isBlank()) throw missing(field);
        if (value.length() > MAX_ID) throw OAuthException.validation(field, "must be at most " + MAX_ID + " characters");
        return value;
    }

    private static OAuthException missing(String field) {
        return OAuthException.validation(field, "is required");
    }
}
