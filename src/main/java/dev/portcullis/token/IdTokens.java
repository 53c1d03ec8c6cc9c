package dev.portcullis.token;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.storage.Tx;
import java.time.Instant;

/**
 * Mints the OpenID Connect ID token for a redeemed code (OIDC Core §3.1.3.3) in two steps: the
 * claims inside the grant's transaction, the signature after it commits.
 */
public interface IdTokens {
    Unsigned claims(Tx tx, App app, TokenRepository.Code code, Instant now);

    /** Adds {@code at_hash}, which binds the ID token to the access token it came with, and signs. */
    String sign(Unsigned idToken, String accessToken);

    record Unsigned(JWTClaimsSet claims, SigningAlgorithm alg) {}
}
