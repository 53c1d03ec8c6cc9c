package dev.portcullis.identity;

import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.DisplayText;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Validation and normalisation of what people type into identity forms; failures name the field. */
final class Fields {
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 100;
    private static final int MAX_USERNAME = 64;

    private Fields() {}

    static String email(String raw) {
        String email = raw == null ? "" : raw.strip();
        // RFC 5321 §4.5.3.1.3: a path is at most 256 octets, so an address at most 254 characters.
        if (email.isEmpty() || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            throw OAuthException.validation("email", "Enter a valid email address");
        }
        return email;
    }

    static String name(String field, String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty()) throw OAuthException.validation(field, "Name is required");
        if (name.length() > MAX_NAME) throw OAuthException.validation(field, "Name must be at most " + MAX_NAME + " characters");
        if (!DisplayText.isSafe(name)) throw OAuthException.validation(field, "Name contains control or text-direction characters");
        return name;
    }

    static String slug(String raw) {
        String slug = raw == null ? "" : raw.strip();
        if (slug.length() < 2 || !SLUG.matcher(slug).matches()) {
            throw OAuthException.validation("slug", "Slug must be 2-48 lowercase letters, digits or hyphens, starting and ending with a letter or digit");
        }
        return slug;
    }

    /** Logos are shown on consent pages, so only https images (the CSP allows img-src https:). */
    static Optional<String> logoUrl(String raw) {
        if (raw == null || raw.isBlank()) return Optional.empty();
        return Optional.of(httpsUrl("logo_url", raw, "Logo URL must be an https URL"));
    }

    /** OIDC Core §5.1 picture: clients show it as an image, so https only, as logos. */
    static String picture(String raw) {
        return httpsUrl("picture", raw, "Picture must be an https URL");
    }

    /** Shown by clients as a handle: bounded, and no control or text-direction characters. */
    static String preferredUsername(String raw) {
        String name = raw.strip();
        if (name.length() > MAX_USERNAME) {
            throw OAuthException.validation("preferred_username", "Preferred username must be at most " + MAX_USERNAME + " characters");
        }
        if (!DisplayText.isSafe(name)) {
            throw OAuthException.validation("preferred_username", "Preferred username contains control or text-direction characters");
        }
        return name;
    }

    /** OIDC Core §5.1 locale: a BCP 47 language tag (RFC 5646), kept in its canonical form ("en-US"). */
    static String locale(String raw) {
        String tag = raw.strip();
        try {
            if (tag.length() <= 35) {
                String canonical = new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
                if (!canonical.equals("und")) return canonical;
            }
        } catch (IllformedLocaleException e) {
            // falls through to the validation error
        }
        throw OAuthException.validation("locale", "Locale must be a BCP 47 language tag such as en-US");
    }

    /** OIDC Core §5.1 zoneinfo: a zone of the IANA time zone database, as java.time knows them ("Europe/Paris"). */
    static String zoneinfo(String raw) {
        String zone = raw.strip();
        if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            throw OAuthException.validation("zoneinfo", "Time zone must be an IANA zone such as Europe/Paris");
        }
        return zone;
    }

    private static String httpsUrl(String field, String raw, String message) {
        String url = raw.strip();
        try {
            URI uri = new URI(url);
            if (url.length() <= 2048 && "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // falls through to the validation error
        }
        throw OAuthException.validation(field, message);
    }

    /** "Ada Lovelace's team" -> "ada-lovelace-s-team", within slug rules; a fallback when nothing is left. */
    static String slugFrom(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+)|(-+$)", "");
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-+$", "");
        return slug.length() < 2 ? "workspace" : slug;
    }
}
