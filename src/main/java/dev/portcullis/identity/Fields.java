package dev.portcullis.identity;

import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.DisplayText;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validation and normalisation of what people type into identity forms; failures name the field. */
final class Fields {
    static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final int MAX_NAME = 100;
    private static final int MAX_USERNAME = 64;
    private static final int MAX_GENDER = 64;
    private static final Pattern BIRTHDATE = Pattern.compile("(\\d{4})(?:-(\\d{2})-(\\d{2}))?");

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

    /** One of the optional OIDC Core §5.1 claims of {@link User.Profile}, checked and normalised. */
    static String profileClaim(String claim, String raw) {
        return switch (claim) {
            case "given_name" -> displayText(claim, "Given name", raw, MAX_NAME);
            case "family_name" -> displayText(claim, "Family name", raw, MAX_NAME);
            case "middle_name" -> displayText(claim, "Middle name", raw, MAX_NAME);
            case "nickname" -> displayText(claim, "Nickname", raw, MAX_USERNAME);
            case "preferred_username" -> displayText(claim, "Preferred username", raw, MAX_USERNAME);
            case "gender" -> displayText(claim, "Gender", raw, MAX_GENDER);
            // Clients show picture as an image and link profile and website: https only, as logos.
            case "profile" -> httpsUrl(claim, raw, "Profile page must be an https URL");
            case "picture" -> httpsUrl(claim, raw, "Picture must be an https URL");
            case "website" -> httpsUrl(claim, raw, "Website must be an https URL");
            case "birthdate" -> birthdate(raw);
            case "zoneinfo" -> zoneinfo(raw);
            case "locale" -> locale(raw);
            default -> throw new IllegalArgumentException("not a profile claim: " + claim);
        };
    }

    /** Shown by clients as text: bounded, and no control or text-direction characters. */
    private static String displayText(String field, String label, String raw, int max) {
        String text = raw.strip();
        if (text.length() > max) throw OAuthException.validation(field, label + " must be at most " + max + " characters");
        if (!DisplayText.isSafe(text)) throw OAuthException.validation(field, label + " contains control or text-direction characters");
        return text;
    }

    /** OIDC Core §5.1 birthdate: YYYY-MM-DD, 0000-MM-DD when the year is withheld, or YYYY alone; a real date. */
    private static String birthdate(String raw) {
        String date = raw.strip();
        Matcher m = BIRTHDATE.matcher(date);
        if (m.matches()) {
            int year = Integer.parseInt(m.group(1));
            try {
                if (m.group(2) == null) {
                    if (year > 0) return date;
                } else if (year == 0) {
                    MonthDay.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                    return date;
                } else {
                    LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                    return date;
                }
            } catch (DateTimeException e) {
                // falls through to the validation error
            }
        }
        throw OAuthException.validation("birthdate", "Birthdate must be YYYY-MM-DD, 0000-MM-DD or YYYY");
    }

    /** OIDC Core §5.1 locale: a BCP 47 language tag (RFC 5646), kept in its canonical form ("en-US"). */
    private static String locale(String raw) {
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
    private static String zoneinfo(String raw) {
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
