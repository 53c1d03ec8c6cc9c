package dev.portcullis.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RFC 6749 §5.1 success body; {@code expires_in} is absent for a token that never expires.
 * {@code dpopBound}: the access token is bound to a DPoP key, so its type is DPoP (RFC 9449 §5);
 * {@code issuedTokenType}: RFC 8693 §2.2.1, after an exchange.
 */
public record TokenResponse(String accessToken, Optional<Long> expiresIn, List<String> scopes,
                            Optional<String> refreshToken, Optional<String> idToken, boolean dpopBound,
                            Optional<String> issuedTokenType) {

    public TokenResponse(String accessToken, Optional<Long> expiresIn, List<String> scopes, Optional<String> refreshToken,
                         Optional<String> idToken, boolean dpopBound) {
        this(accessToken, expiresIn, scopes, refreshToken, idToken, dpopBound, Optional.empty());
    }

    public Map<String, Object> toJson() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", accessToken);
        issuedTokenType.ifPresent(t -> body.put("issued_token_type", t));
        body.put("token_type", dpopBound ? "DPoP" : "Bearer");
        expiresIn.ifPresent(s -> body.put("expires_in", s));
        body.put("scope", String.join(" ", scopes));
        refreshToken.ifPresent(t -> body.put("refresh_token", t));
        idToken.ifPresent(t -> body.put("id_token", t));
        return body;
    }
}
