package dev.portcullis.clientauth;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import java.text.ParseException;
import java.util.Optional;

/**
 * A {@code client_assertion} as presented (RFC 7521 §4.2): a signed JWT whose claims are not
 * trusted until {@link ClientAssertions#verify} has checked them and its signature.
 */
public record ClientAssertion(SignedJWT jwt, JWTClaimsSet claims) {
    public static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    static final int MAX_CHARS = 16_000;

    /** Parses; anything but a JWS (an unsecured "alg": "none" JWT, a JWE, garbage) is invalid_client. */
    public static ClientAssertion parse(String presented) {
        if (presented.length() > MAX_CHARS) throw refused("client_assertion is longer than " + MAX_CHARS + " characters");
        JWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = JWTParser.parse(presented);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("client_assertion is not a JWT");
        }
        if (!(jwt instanceof SignedJWT signed)) throw refused("client_assertion is not signed (" + jwt.getHeader().getAlgorithm() + ")");
        return new ClientAssertion(signed, claims);
    }

    /** The client it claims to be (RFC 7523 §3: sub is the client_id), to find the app when no client_id is sent. */
    public Optional<String> subject() {
        return Optional.ofNullable(claims.getSubject());
    }

    /** Public text stays plain; the reason goes to the log only. */
    static OAuthException refused(String detail) {
        return new OAuthException(new OAuthError.InvalidClient("The client assertion is invalid", false), detail);
    }
}
