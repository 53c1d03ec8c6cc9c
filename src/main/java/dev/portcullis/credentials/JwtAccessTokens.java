package dev.portcullis.credentials;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.keys.KeyRing;
import java.net.URI;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises our JWT access tokens (RFC 9068) by shape, since they carry no prefix, and checks
 * them: {@code typ: at+jwt}, a signature by one of our published keys, our {@code iss}, an
 * {@code exp} still ahead. What is left is the {@code jti}, whose hash keys the stored row, so
 * a JWT is revocable like an opaque token.
 */
final class JwtAccessTokens {
    static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
    /** Three base64url parts; anything longer than this is not one of ours and is not parsed. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final int MAX_LENGTH = 8192;

    private final KeyRing keys;
    private final String issuer;
    private final Clock clock;

    JwtAccessTokens(KeyRing keys, URI issuer, Clock clock) {
        this.keys = keys;
        this.issuer = issuer.toString();
        this.clock = clock;
    }

    static boolean looksLikeJwt(String presented) {
        return presented != null && presented.length() <= MAX_LENGTH && SHAPE.matcher(presented).matches();
    }

    /** The {@code jti} of a valid, unexpired access token of ours; empty for anything else. */
    Optional<String> jti(String presented) {
        if (!looksLikeJwt(presented)) return Optional.empty();
        return keys.verify(presented, AT_JWT)
                .filter(claims -> issuer.equals(claims.getIssuer()))
                .filter(this::unexpired)
                .map(JWTClaimsSet::getJWTID)
                .filter(jti -> !jti.isBlank());
    }

    /** RFC 9068 §4: exp is required; a token without one is refused, never treated as eternal. */
    private boolean unexpired(JWTClaimsSet claims) {
        Date exp = claims.getExpirationTime();
        return exp != null && clock.instant().isBefore(exp.toInstant());
    }
}
