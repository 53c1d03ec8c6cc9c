package dev.portcullis.examples.springapi;

import java.util.Objects;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * Local validation of Portcullis's JWT access tokens (RFC 9068). Spring's defaults accept only
 * {@code typ: JWT} and refuse {@code at+jwt}, which RFC 9068 §2.1 requires (Spring Security 6
 * in Nimbus's type verifier, Spring Security 7 in the default validators); the fix is to let the
 * RFC 9068 validator check {@code typ} instead, which also keeps ID tokens out.
 */
public final class AccessTokenDecoder {
    private AccessTokenDecoder() {}

    /** Keys from the issuer's discovery document ({@code jwks_uri}), fetched on first use and on an unknown kid. */
    public static NimbusJwtDecoder forIssuer(PortcullisSettings settings) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(settings.issuer().toString())
                .jwsAlgorithms(algs -> {
                    algs.add(SignatureAlgorithm.RS256);
                    algs.add(SignatureAlgorithm.ES256);
                })
                .validateType(false) // Spring Security 6's default; validator() checks typ instead
                .build();
        decoder.setJwtValidator(validator(settings));
        return decoder;
    }

    /**
     * RFC 9068 §4: {@code typ} is {@code at+jwt} (or {@code application/at+jwt}), {@code iss} is
     * Portcullis, {@code aud} names this API, {@code exp}, {@code iat}, {@code sub} and {@code jti}
     * are present and the times are current (60 s of clock skew). Any client of Portcullis may call
     * this API, so {@code client_id} must be present, not equal to one value.
     */
    public static OAuth2TokenValidator<Jwt> validator(PortcullisSettings settings) {
        return JwtValidators.createAtJwtValidator()
                .issuer(settings.issuer().toString())
                .audience(settings.audience())
                .validators(v -> v.put("client_id", new JwtClaimValidator<String>("client_id", Objects::nonNull)))
                .build();
    }
}
