package dev.portcullis.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.apps.App;
import dev.portcullis.connections.ConnectionRepository;
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

/** OIDC Core §2 ID tokens, signed with the app's chosen algorithm (RS256 unless it chose PS256, ES256 or EdDSA). */
public final class SignedIdTokens implements IdTokens {
    static final Duration LIFETIME = Duration.ofHours(1);
    private final KeyRing keys;
    private final IdentityService identity;
    private final ConnectionRepository connections;
    private final String issuer;

    public SignedIdTokens(KeyRing keys, IdentityService identity, ConnectionRepository connections, String issuer) {
        this.keys = keys;
        this.identity = identity;
        this.connections = connections;
        this.issuer = issuer;
    }

    @Override
    public Context context(Tx tx, App app, TokenRepository.Code code) {
        return Context.of(code, connections.findById(tx, code.connectionId()).orElseThrow().userId(), app);
    }

    /** OIDC Core §2: the protocol claims, acr when asked, then the user claims §5.4 and §5.5 let through. */
    @Override
    public Unsigned claims(Tx tx, Context context, Instant now) {
        User user = identity.findUser(tx, context.userId()).orElseThrow();
        App app = context.app();
        SigningAlgorithm alg = SigningAlgorithm.named(app.settings().idTokenAlg()).orElse(keys.defaultAlgorithm());
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.id())
                .audience(app.clientId())
                .claim("azp", app.clientId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("auth_time", context.authTime().getEpochSecond());
        context.nonce().ifPresent(n -> claims.claim("nonce", n));
        context.acr().ifPresent(acr -> claims.claim("acr", acr));
        if (!context.amr().isEmpty()) claims.claim("amr", context.amr());
        UserClaims.forIdToken(user, context.scopes(), context.claims(), context.withAccessToken()).forEach(claims::claim);
        return new Unsigned(claims.build(), alg);
    }

    @Override
    public String sign(Unsigned idToken) {
        return keys.sign(idToken.claims(), idToken.alg(), JOSEObjectType.JWT);
    }

    @Override
    public String sign(Unsigned idToken, String accessToken) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder(idToken.claims())
                .claim("at_hash", atHash(accessToken, idToken.alg()))
                .build();
        return sign(new Unsigned(claims, idToken.alg()));
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
