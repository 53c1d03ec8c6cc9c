package dev.portcullis.registration;

import dev.portcullis.oauth.GrantType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The response types a client may register, each tied to its grant type (RFC 7591 §2.1): {@code
 * code} to authorization_code, OIDC's {@code id_token} and {@code id_token token} to implicit.
 * Plain {@code token} and the hybrid types are not offered.
 */
final class ResponseTypes {
    private static final List<String> CODE = List.of("code");
    private static final List<String> IMPLICIT = List.of("id_token", "id_token token");

    private ResponseTypes() {}

    /** The grant a response type belongs to; its words may come in any order (OAuth 2.0 Multiple Response Types §5). */
    static Optional<GrantType> grantFor(String responseType) {
        String normalized = String.join(" ", Arrays.stream(responseType.strip().split(" +")).sorted().toList());
        if (CODE.contains(normalized)) return Optional.of(GrantType.AUTHORIZATION_CODE);
        if (IMPLICIT.contains(normalized)) return Optional.of(GrantType.IMPLICIT);
        return Optional.empty();
    }

    static List<String> of(GrantType grant) {
        return switch (grant) {
            case AUTHORIZATION_CODE -> CODE;
            case IMPLICIT -> IMPLICIT;
            case REFRESH_TOKEN, CLIENT_CREDENTIALS, DEVICE_CODE, TOKEN_EXCHANGE, JWT_BEARER -> List.of();
        };
    }

    /** What a client with these grants may ask /authorize for, as the registration response states it. */
    static List<String> of(Set<GrantType> grants) {
        List<String> types = new ArrayList<>();
        if (grants.contains(GrantType.AUTHORIZATION_CODE)) types.addAll(CODE);
        if (grants.contains(GrantType.IMPLICIT)) types.addAll(IMPLICIT);
        return types;
    }

    /**
     * OIDC Dynamic Registration §2: a client of the implicit grant registers only https redirect
     * URIs, not on localhost, since its tokens travel in the redirect itself.
     */
    static boolean fitsImplicit(String redirectUri) {
        try {
            URI uri = new URI(redirectUri);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            return "https".equals(uri.getScheme()) && !host.isEmpty() && !host.equals("localhost")
                    && !host.endsWith(".localhost") && !host.startsWith("127.") && !host.equals("[::1]");
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
