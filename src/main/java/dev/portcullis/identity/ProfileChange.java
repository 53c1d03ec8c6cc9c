package dev.portcullis.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * A change to the profile claims a user may set, as typed into a form, a /manage body or an import
 * file: {@code null} keeps a field, an empty value clears it (not the name, which is required).
 * Components are named after the claims (snake_case in JSON), {@code profile} being the profile page's URL.
 */
public record ProfileChange(String name, String givenName, String familyName, String middleName, String nickname,
                            String preferredUsername, String profile, String picture, String website, String gender,
                            String birthdate, String zoneinfo, String locale) {

    public static ProfileChange none() {
        return from(claim -> null);
    }

    /** Each field by its claim name: {@code "name"} or one of {@link User.Profile#CLAIMS}. */
    public static ProfileChange from(Function<String, String> field) {
        return new ProfileChange(field.apply("name"), field.apply("given_name"), field.apply("family_name"),
                field.apply("middle_name"), field.apply("nickname"), field.apply("preferred_username"), field.apply("profile"),
                field.apply("picture"), field.apply("website"), field.apply("gender"), field.apply("birthdate"),
                field.apply("zoneinfo"), field.apply("locale"));
    }

    /** The field of {@code "name"} or of one of {@link User.Profile#CLAIMS}. */
    public String field(String claim) {
        return switch (claim) {
            case "name" -> name;
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
            default -> throw new IllegalArgumentException("not a profile field: " + claim);
        };
    }

    /** The same change with this name. */
    ProfileChange withName(String newName) {
        return from(claim -> claim.equals("name") ? newName : field(claim));
    }

    /** Checked and normalised (a locale in its canonical BCP 47 form); failures name the field. */
    public ProfileChange validated() {
        String cleanName = name == null ? null : Fields.name("name", name);
        return from(claim -> claim.equals("name") ? cleanName : clearOr(claim, field(claim)));
    }

    /** {@code user} after the change; {@code updated_at} moves only when a claim really changed. */
    User applyTo(User user, Instant now) {
        User.Profile p = user.profile();
        String nextName = name == null ? user.name() : name;
        User.Profile next = User.Profile.of(claim -> pick(field(claim), p.claim(claim)), p.updatedAt());
        if (nextName.equals(user.name()) && next.equals(p)) return user;
        return new User(user.id(), user.email(), nextName, user.emailVerified(), user.createdAt(), User.Profile.of(next::claim, now));
    }

    private static String clearOr(String claim, String raw) {
        if (raw == null) return null;
        return raw.isBlank() ? "" : Fields.profileClaim(claim, raw);
    }

    private static Optional<String> pick(String value, Optional<String> current) {
        if (value == null) return current;
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
