package dev.portcullis.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A person who logs in. The password hash never leaves the repository in this record. */
public record User(String id, String email, String name, boolean emailVerified, Instant createdAt, Profile profile) {

    /** A user who has set no profile claim yet. */
    public User(String id, String email, String name, boolean emailVerified, Instant createdAt) {
        this(id, email, name, emailVerified, createdAt, Profile.empty(createdAt));
    }

    /**
     * The OIDC Core §5.1 profile claims beyond the name, each absent until set ({@code profile} is
     * the profile page's URL); {@code updatedAt} is when the name or one of these last changed.
     */
    public record Profile(Optional<String> givenName, Optional<String> familyName, Optional<String> middleName,
                          Optional<String> nickname, Optional<String> preferredUsername, Optional<String> profile,
                          Optional<String> picture, Optional<String> website, Optional<String> gender,
                          Optional<String> birthdate, Optional<String> zoneinfo, Optional<String> locale, Instant updatedAt) {

        /** Their claim names, in §5.1's order; also the users table's column names. */
        public static final List<String> CLAIMS = List.of("given_name", "family_name", "middle_name", "nickname",
                "preferred_username", "profile", "picture", "website", "gender", "birthdate", "zoneinfo", "locale");

        public static Profile empty(Instant at) {
            return of(claim -> Optional.empty(), at);
        }

        /** Each claim's value by its name. */
        public static Profile of(Function<String, Optional<String>> claim, Instant updatedAt) {
            return new Profile(claim.apply("given_name"), claim.apply("family_name"), claim.apply("middle_name"),
                    claim.apply("nickname"), claim.apply("preferred_username"), claim.apply("profile"), claim.apply("picture"),
                    claim.apply("website"), claim.apply("gender"), claim.apply("birthdate"), claim.apply("zoneinfo"),
                    claim.apply("locale"), updatedAt);
        }

        /** The value of one of {@link #CLAIMS}. */
        public Optional<String> claim(String claim) {
            return switch (claim) {
                case "given_name" -> givenName;
                case "family_name" -> familyName;
                case "middle_name" -> middleName;
                case "nickname" -> nickname;
                case "preferred_username" -> preferredUsername;
                case "profile" -> profile;
                case "picture" -> picture;
                case "website" -> website;
                case "gender" -> gender;
                case "birthdate" -> birthdate;
                case "zoneinfo" -> zoneinfo;
                case "locale" -> locale;
                default -> throw new IllegalArgumentException("not a profile claim: " + claim);
            };
        }

        /** The claims that have a value, by name, in §5.1's order. */
        public Map<String, String> claims() {
            Map<String, String> set = new LinkedHashMap<>();
            for (String c : CLAIMS) claim(c).ifPresent(v -> set.put(c, v));
            return set;
        }
    }
}
