package dev.portcullis.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.identity.IdentityService;
import dev.portcullis.identity.User;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.keys.SigningAlgorithm;
import dev.portcullis.storage.Tx;
import dev.portcullis.userinfo.UserClaims;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;

/** OIDC Core §2 ID tokens, signed with the app's chosen algorithm (RS256 unless it chose ES256 or EdDSA). */
public final class SignedIdTokens implements IdTokens {
    static final Duration LIFETIME = Duration.ofHours(1);
    private final KeyRing keys;
    private final IdentityService identity;
    private final String issuer;

    public SignedIdTokens(KeyRing keys, IdentityService identity, String issuer) {
        this.keys = keys;
        this.identity = identity;
        this.issuer = issuer;
    }

    @Override
    public Unsigned claims(Tx tx, App app, TokenRepository.Code code, Instant now) {
        String userId = tx.queryOne("SELECT user_id FROM connections WHERE id = ?", r -> r.text("user_id"), code.connectionId())
                .orElseThrow();
        User user = identity.findUser(tx, userId).orElseThrow();
        SigningAlgorithm alg = SigningAlgorithm.named(app.settings().idTokenAlg()).orElse(keys.defaultAlgorithm());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(app.clientId())
                .claim("azp", app.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", code.authTime().getEpochSecond());
        code.nonce().ifPresent(n -> claims.claim("nonce", n));
        UserClaims.of(user, code.scopes()).forEach(claims::claim);
        return new Unsigned(claims.build(), alg);
    }

    @Override
    public String sign(Unsigned idToken, String accessToken) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(idToken.claims())
                .claim("at_hash", atHash(accessToken, idToken.alg()))
                .build();
        return keys.sign(claims, idToken.alg(), JOSEObjectType.JWT);
    }

    /** OIDC Core §3.1.3.6: left half of the hash the JWS algorithm uses (SHA-512 for Ed25519). */
    static String atHash(String accessToken, SigningAlgorithm alg) {
        try {
            String digest = alg == SigningAlgorithm.EdDSA ? "SHA-512" : "SHA-256";
            byte[] hash = MessageDigest.getInstance(digest).digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, hash.length / 2));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
