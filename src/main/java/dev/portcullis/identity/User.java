package dev.portcullis.identity;

import java.time.Instant;
import java.util.Optional;

/** A person who logs in. The password hash never leaves the repository in this record. */
public record User(String id, String email, String name, boolean emailVerified, Instant createdAt, Profile profile) {

    /** A user who has set no profile claim yet. */
    public User(String id, String email, String name, boolean emailVerified, Instant createdAt) {
        this(id, email, name, emailVerified, createdAt, Profile.empty(createdAt));
    }

    /**
     * The OIDC Core §5.1 profile claims beyond the name, each absent until the user sets it;
     * {@code updatedAt} is when the name or one of these last changed.
     */
    public record Profile(Optional<String> preferredUsername, Optional<String> picture, Optional<String> locale,
                          Optional<String> zoneinfo, Instant updatedAt) {
        public static Profile empty(Instant at) {
            return new Profile(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), at);
        }
    }
}
