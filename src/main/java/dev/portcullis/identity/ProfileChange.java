package dev.portcullis.identity;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A change to the profile claims a user may set, as typed into a form, a /manage body or an import
 * file: {@code null} keeps a field, an empty value clears it (not the name, which is required).
 */
public record ProfileChange(String name, String preferredUsername, String picture, String locale, String zoneinfo) {

    public static ProfileChange none() {
        return new ProfileChange(null, null, null, null, null);
    }

    /** Checked and normalised (a locale in its canonical BCP 47 form); failures name the field. */
    public ProfileChange validated() {
        return new ProfileChange(name == null ? null : Fields.name("name", name),
                clearOr(preferredUsername, Fields::preferredUsername), clearOr(picture, Fields::picture),
                clearOr(locale, Fields::locale), clearOr(zoneinfo, Fields::zoneinfo));
    }

    /** {@code user} after the change; {@code updated_at} moves only when a claim really changed. */
    User applyTo(User user, Instant now) {
        User.Profile p = user.profile();
        String nextName = name == null ? user.name() : name;
        User.Profile next = new User.Profile(pick(preferredUsername, p.preferredUsername()), pick(picture, p.picture()),
                pick(locale, p.locale()), pick(zoneinfo, p.zoneinfo()), p.updatedAt());
        if (nextName.equals(user.name()) && next.equals(p)) return user;
        return new User(user.id(), user.email(), nextName, user.emailVerified(), user.createdAt(),
                new User.Profile(next.preferredUsername(), next.picture(), next.locale(), next.zoneinfo(), now));
    }

    private static String clearOr(String raw, UnaryOperator<String> check) {
        if (raw == null) return null;
        return raw.isBlank() ? "" : check.apply(raw);
    }

    private static Optional<String> pick(String value, Optional<String> current) {
        if (value == null) return current;
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }
}
