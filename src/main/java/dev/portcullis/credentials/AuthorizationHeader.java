package dev.portcullis.credentials;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code Authorization} header of a request, parsed once (RFC 9110 §11.6.2): the one parser
 * every endpoint uses, whatever it then accepts. Parsing never fails; what a value means (a
 * missing token, a malformed Basic pair) is each caller's to answer, in its own error style.
 * DPoP (RFC 9449 §7.1) is a scheme of its own: the token alone, its proof comes in the DPoP header.
 */
public sealed interface AuthorizationHeader {

    /** No header at all. */
    record Absent() implements AuthorizationHeader {}

    /** More than one header; {@code first} is what the first one said (client authentication reads only that). */
    record Several(AuthorizationHeader first) implements AuthorizationHeader {}

    /** {@code Bearer <token>} (RFC 6750 §2.1); the token may be empty. */
    record Bearer(String token) implements AuthorizationHeader {}

    /** {@code DPoP <token>} (RFC 9449 §7.1); the token may be empty. */
    record DPoP(String token) implements AuthorizationHeader {}

    /** {@code Basic} with a user-id and a password as sent (RFC 7617 §2): not form-decoded. */
    record Basic(String userId, String password) implements AuthorizationHeader {

        /** RFC 6749 §2.3.1: a client's id and secret are form-urlencoded before being joined with ':'. */
        public Optional<Basic> formDecoded() {
            try {
                return Optional.of(new Basic(URLDecoder.decode(userId, StandardCharsets.UTF_8),
                        URLDecoder.decode(password, StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        @Override
        public String toString() {
            return "Basic[" + userId.length() + " chars:***]";
        }
    }

    /** {@code Basic} whose credentials are not base64 of {@code user-id:password}. */
    record MalformedBasic() implements AuthorizationHeader {}

    /** Any other scheme, lower-cased. */
    record OtherScheme(String scheme) implements AuthorizationHeader {}

    /** Every value the request sent for {@code Authorization}. */
    static AuthorizationHeader parse(List<String> values) {
        return switch (values.size()) {
            case 0 -> new Absent();
            case 1 -> parse(values.getFirst());
            default -> new Several(parse(values.getFirst()));
        };
    }

    /** One header value: a scheme, one or more spaces, the credentials (RFC 9110 §11.4). */
    static AuthorizationHeader parse(String value) {
        String header = value.strip();
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String credentials = space < 0 ? "" : header.substring(space + 1).strip();
        return switch (scheme) {
            case "bearer" -> new Bearer(credentials);
            case "basic" -> basic(credentials);
            case "dpop" -> new DPoP(credentials);
            default -> new OtherScheme(scheme);
        };
    }

    private static AuthorizationHeader basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new MalformedBasic();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return new MalformedBasic();
        return new Basic(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /** The token of a single non-empty {@code Bearer} header, as a resource server reads one; else empty. */
    default Optional<String> bearer() {
        return this instanceof Bearer(String token) && !token.isEmpty() ? Optional.of(token) : Optional.empty();
    }

    /**
     * The access token of a single non-empty {@code Bearer} or {@code DPoP} header, for a resource
     * that takes both (RFC 9449 §7.1); whether the token may come that way is {@code dpop.BoundTokens}'s to decide.
     */
    default Optional<String> accessToken() {
        if (this instanceof DPoP(String token) && !token.isEmpty()) return Optional.of(token);
        return bearer();
    }

    /** The header a client authenticated with (RFC 6749 §2.3): of several, the first, as before. */
    default AuthorizationHeader firstSent() {
        return this instanceof Several(AuthorizationHeader first) ? first : this;
    }
}
