package dev.portcullis.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.clientauth.JtiRepository;
import dev.portcullis.config.Config;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.DPoPAlgorithms;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks a DPoP proof (RFC 9449 §4.3) and answers the JWK thumbprint (RFC 7638) of its key:
 * {@code typ dpop+jwt}, an asymmetric algorithm, a public {@code jwk} that verifies the signature,
 * {@code htm} and {@code htu} of this very request (the URL as the issuer names it, so a TLS proxy
 * in front changes nothing), {@code iat} within the window, a server nonce where required, and a
 * {@code jti} never seen before (kept in the shared jti table, so every instance refuses a replay).
 */
public final class DPoPProofs {
    /** The request header a proof travels in (RFC 9449 §4.1). */
    public static final String HEADER = "DPoP";
    static final JOSEObjectType DPOP_JWT = new JOSEObjectType("dpop+jwt");
    private static final int MAX_PROOF_CHARS = 8192;
    private static final int MAX_JTI_CHARS = 256;
    private static final int MIN_RSA_BITS = 2048;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(5);

    /** Where the proof was sent: errors read differently there (400 at the token endpoint, a 401 challenge at a resource). */
    enum Where { TOKEN_ENDPOINT, RESOURCE }

    private final String issuer;
    private final Config.Dpop settings;
    private final DPoPNonces nonces;
    private final Database db;
    private final JtiRepository jtis;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    public DPoPProofs(URI issuer, Config.Dpop settings, DPoPNonces nonces, Database db, JtiRepository jtis, Clock clock) {
        this.issuer = issuer.toString();
        this.settings = settings;
        this.nonces = nonces;
        this.db = db;
        this.jtis = jtis;
        this.clock = clock;
    }

    /**
     * RFC 9449 §5: the thumbprint of the key of the proof sent to the token endpoint, empty when
     * none was sent. {@code path} is the request's raw path; {@code clientId} the authenticated client.
     */
    public Optional<String> atTokenEndpoint(List<String> proofs, String method, String path, String clientId) {
        if (proofs.isEmpty()) return Optional.empty();
        return Optional.of(verify(proofs, method, path, Optional.empty(), clientId, Where.TOKEN_ENDPOINT));
    }

    /** The nonce to announce in {@code DPoP-Nonce} on the token endpoint's answers, when it requires them. */
    public Optional<String> tokenEndpointNonce() {
        return settings.nonces() == Config.DpopNonces.OFF ? Optional.empty() : Optional.of(nonces.current());
    }

    /** RFC 9449 §7: the thumbprint of the key of the proof that came with {@code accessToken} to a resource. */
    String atResource(List<String> proofs, String method, String path, String accessToken, String clientId) {
        if (proofs.isEmpty()) throw refused(Where.RESOURCE, "A DPoP proof must accompany Authorization: DPoP");
        return verify(proofs, method, path, Optional.of(accessToken), clientId, Where.RESOURCE);
    }

    private String verify(List<String> proofs, String method, String path, Optional<String> accessToken, String clientId,
                          Where where) {
        if (proofs.size() > 1) throw refused(where, "Send exactly one DPoP header");
        SignedJWT proof = parse(proofs.getFirst(), where);
        JWK key = checkHeader(proof, where);
        JWTClaimsSet claims = claims(proof, where);
        if (!method.equals(claims.getClaim("htm"))) throw refused(where, "htm does not match the request method");
        if (!DPoPUris.sameEndpoint(text(claims, "htu"), issuer + path)) throw refused(where, "htu does not match the request URL");
        Instant now = clock.instant();
        Instant iat = checkIat(claims, now, where);
        accessToken.ifPresent(token -> checkAth(claims, token, where));
        checkNonce(claims, where);
        String jkt = thumbprint(key);
        String jti = text(claims, "jti");
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS) throw refused(where, "jti is missing or too long");
        checkFresh(clientId, jkt, jti, iat, now, where);
        return jkt;
    }

    private static SignedJWT parse(String value, Where where) {
        if (value.length() > MAX_PROOF_CHARS) throw refused(where, "The DPoP proof is too long");
        try {
            return SignedJWT.parse(value.strip());
        } catch (ParseException e) {
            throw refused(where, "The DPoP proof is not a signed JWT");
        }
    }

    /** RFC 9449 §4.3 items 4-7: type, algorithm, a public asymmetric key in the header, and its signature. */
    private static JWK checkHeader(SignedJWT proof, Where where) {
        var header = proof.getHeader();
        if (!DPOP_JWT.equals(header.getType())) throw refused(where, "The DPoP proof's typ must be dpop+jwt");
        if (!DPoPAlgorithms.NAMES.contains(header.getAlgorithm().getName())) {
            throw refused(where, "The DPoP proof's alg must be one of " + String.join(", ", DPoPAlgorithms.NAMES));
        }
        JWK key = header.getJWK();
        if (key == null || key.isPrivate()) throw refused(where, "The DPoP proof's header must carry the public jwk only");
        if (!verifies(proof, key)) throw refused(where, "The DPoP proof's signature does not verify with its jwk");
        return key;
    }

    private static boolean verifies(SignedJWT proof, JWK key) {
        try {
            return proof.verify(verifier(key));
        } catch (JOSEException | RuntimeException e) {
            // a key the algorithm cannot use (an EC key under RS256, say), or a malformed signature
            return false;
        }
    }

    private static JWSVerifier verifier(JWK key) throws JOSEException {
        return switch (key) {
            case RSAKey rsa when rsa.size() >= MIN_RSA_BITS -> new RSASSAVerifier(rsa);
            case ECKey ec -> new ECDSAVerifier(ec);
            case OctetKeyPair okp -> new Ed25519Verifier(okp);
            default -> throw new JOSEException("unsupported or too small key " + key.getKeyType());
        };
    }

    private static JWTClaimsSet claims(SignedJWT proof, Where where) {
        try {
            return proof.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused(where, "The DPoP proof's claims are malformed (a claim of the wrong type, say)");
        }
    }

    private Instant checkIat(JWTClaimsSet claims, Instant now, Where where) {
        if (!(claims.getClaim("iat") instanceof Date issued)) throw refused(where, "The DPoP proof has no numeric iat");
        Instant iat = issued.toInstant();
        Duration window = settings.proofWindow();
        if (iat.isBefore(now.minus(window)) || iat.isAfter(now.plus(window))) {
            throw refused(where, "The DPoP proof's iat is outside the accepted window of " + window.toSeconds() + " seconds");
        }
        return iat;
    }

    /** RFC 9449 §4.3 item 11: ath, the base64url SHA-256 of the access token's ASCII. */
    private static void checkAth(JWTClaimsSet claims, String accessToken, Where where) {
        String ath = text(claims, "ath");
        if (ath == null) throw refused(where, "The DPoP proof has no ath");
        if (!MessageDigest.isEqual(ath.getBytes(StandardCharsets.US_ASCII), accessTokenHash(accessToken).getBytes(StandardCharsets.US_ASCII))) {
            throw refused(where, "The DPoP proof's ath does not match the access token");
        }
    }

    static String accessTokenHash(String accessToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void checkNonce(JWTClaimsSet claims, Where where) {
        boolean required = switch (settings.nonces()) {
            case OFF -> false;
            case TOKEN -> where == Where.TOKEN_ENDPOINT;
            case ALL -> true;
        };
        if (!required) return;
        String nonce = text(claims, "nonce");
        if (nonce == null || !nonces.accepts(nonce)) {
            throw new OAuthException(new OAuthError.UseDpopNonce(nonces.current(), where == Where.RESOURCE));
        }
    }

    /** RFC 9449 §11.1: a jti is good once per key; kept until its proof would be stale anyway. */
    private void checkFresh(String clientId, String jkt, String jti, Instant iat, Instant now, Where where) {
        Instant keepUntil = (iat.isAfter(now) ? iat : now).plus(settings.proofWindow());
        SecretHash key = SecretHash.of("dpop " + jkt + " " + jti);
        boolean fresh = db.inTransaction(tx -> {
            Instant last = lastSweep.get();
            if (last.plus(SWEEP_EVERY).isBefore(now) && lastSweep.compareAndSet(last, now)) jtis.deleteExpired(tx, now);
            return jtis.use(tx, clientId, key, keepUntil, now);
        });
        if (!fresh) throw refused(where, "The DPoP proof's jti was used before");
    }

    static String thumbprint(JWK key) {
        try {
            return key.computeThumbprint("SHA-256").toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("SHA-256 thumbprints are always computable", e);
        }
    }

    private static String text(JWTClaimsSet claims, String name) {
        return claims.getClaim(name) instanceof String s ? s : null;
    }

    static OAuthException refused(Where where, String description) {
        return new OAuthException(new OAuthError.InvalidDpopProof(description, where == Where.RESOURCE));
    }
}
