package dev.portcullis.clientauth;

import static dev.portcullis.clientauth.ClientAssertion.refused;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies a private_key_jwt client assertion (RFC 7523 §3, OIDC Core §9) in a fixed order:
 * algorithm, signature with the client's registered keys, claims, and last the jti, so only a
 * genuine assertion is ever stored. Any failure is invalid_client with its reason in the log only.
 *
 * <p>{@code exp} is required and may be at most {@link #MAX_LIFETIME} ahead (authlib signs for an
 * hour by default); {@link #SKEW} of clock difference is forgiven on exp, nbf and iat.
 */
public final class ClientAssertions {
    static final Duration SKEW = Duration.ofSeconds(60);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    static final int MAX_JTI_CHARS = 256;
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    /**
     * Every endpoint that authenticates clients: an assertion may name any as its audience, or the
     * issuer (RFC 7523 §3; FAPI 2.0 Security Profile §5.3.2.1 asks servers to accept the issuer).
     */
    static final List<String> ENDPOINT_PATHS = List.of("/oauth/token", "/oauth2/token", "/oauth/introspect",
            "/oauth2/introspect", "/oauth2/introspection", "/oauth/revoke", "/oauth2/revoke", "/oauth2/par");

    private final String issuer;
    private final Set<String> audiences;
    private final Database db;
    private final JtiRepository jtis;
    private final ClientSignatures signatures;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep;

    public ClientAssertions(URI issuer, Database db, JtiRepository jtis, ClientSignatures signatures, Clock clock) {
        String base = issuer.toString();
        this.issuer = base;
        this.audiences = Stream.concat(Stream.of(base), ENDPOINT_PATHS.stream().map(p -> base + p))
                .collect(Collectors.toUnmodifiableSet());
        this.db = db;
        this.jtis = jtis;
        this.signatures = signatures;
        this.clock = clock;
        this.lastSweep = new AtomicReference<>(clock.instant());
    }

    /** Accepts the assertion as {@code clientId}'s proof of identity, once; throws invalid_client otherwise. */
    public void verify(ClientAssertion assertion, String clientId, ClientKeys keys, boolean issuerOnly) {
        JWSHeader header = assertion.jwt().getHeader();
        checkAlgorithm(header.getAlgorithm(), keys);
        signatures.failure(assertion.jwt(), keys).ifPresent(reason -> { throw refused(reason); });
        Instant now = clock.instant();
        // The parsed claims turn a string aud into a list; the FAPI rule needs the form it was sent in.
        Object sentAud = assertion.jwt().getPayload().toJSONObject().get("aud");
        if (issuerOnly && !issuer.equals(sentAud)) {
            throw refused("aud " + sentAud + " must be the issuer " + issuer + " alone, as a string (FAPI 2.0)");
        }
        Instant exp = checkClaims(assertion.claims(), clientId, now);
        String jti = assertion.claims().getJWTID();
        boolean first = db.inTransaction(tx -> {
            sweepIfDue(tx, now);
            return jtis.use(tx, clientId, SecretHash.of(jti), exp.plus(SKEW), now);
        });
        if (!first) throw refused("jti " + jti + " was used before: a replayed assertion");
    }

    private static void checkAlgorithm(JWSAlgorithm alg, ClientKeys keys) {
        if (!ClientKeys.ALGORITHMS.contains(alg)) throw refused("alg " + alg + " is not an accepted asymmetric algorithm");
        if (keys.signingAlg().isPresent() && !keys.signingAlg().get().equals(alg.getName())) {
            throw refused("alg " + alg + " is not the registered token_endpoint_auth_signing_alg " + keys.signingAlg().get());
        }
    }

    /** RFC 7523 §3 items 1-7; answers exp. */
    private Instant checkClaims(JWTClaimsSet claims, String clientId, Instant now) {
        if (!clientId.equals(claims.getIssuer()) || !clientId.equals(claims.getSubject())) {
            throw refused("iss " + claims.getIssuer() + " and sub " + claims.getSubject() + " must both be the client_id " + clientId);
        }
        List<String> aud = claims.getAudience();
        if (aud == null || aud.stream().noneMatch(audiences::contains)) {
            throw refused("aud " + aud + " names neither the issuer nor an endpoint of this server");
        }
        Instant exp = instant(claims.getExpirationTime()).orElseThrow(() -> refused("exp is missing"));
        if (!exp.isAfter(now.minus(SKEW))) throw refused("expired at " + exp);
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) throw refused("exp " + exp + " is more than " + MAX_LIFETIME + " ahead");
        instant(claims.getNotBeforeTime()).filter(nbf -> nbf.isAfter(now.plus(SKEW)))
                .ifPresent(nbf -> { throw refused("not valid before " + nbf); });
        instant(claims.getIssueTime()).filter(iat -> iat.isAfter(now.plus(SKEW)))
                .ifPresent(iat -> { throw refused("issued in the future, at " + iat); });
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS) {
            throw refused("jti is missing, blank or longer than " + MAX_JTI_CHARS + " characters");
        }
        return exp;
    }

    /** Expired jtis go now and then, by whichever instance comes first; a missed sweep only leaves rows for later. */
    private void sweepIfDue(Tx tx, Instant now) {
        Instant last = lastSweep.get();
        if (last.plus(SWEEP_EVERY).isBefore(now) && lastSweep.compareAndSet(last, now)) jtis.deleteExpired(tx, now);
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }
}
