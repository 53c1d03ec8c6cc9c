package dev.portcullis.exchange;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.clientauth.ClientSignatures;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.storage.Database;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 7523 §3 checks of a grant assertion, and the ID-JAG ones
 * (draft-ietf-oauth-identity-assertion-authz-grant-04 §4.3) when it is typed
 * {@code oauth-id-jag+jwt}: a trusted {@code iss}, a signature by its keys (the same key cache as
 * private_key_jwt), our {@code aud}, {@code exp}/{@code iat} within bounds, a {@code jti}, a
 * {@code sub}, and a {@code client_id} that is the authenticated client. Every refusal is
 * invalid_grant with a short public reason; the detail goes to the log only.
 */
final class AssertionVerifier {
    static final JOSEObjectType ID_JAG = new JOSEObjectType("oauth-id-jag+jwt");
    /** Plain RFC 7523 assertions carry no type or the generic one; any other type is a token meant for something else. */
    private static final Set<JOSEObjectType> PLAIN = Set.of(JOSEObjectType.JWT);
    static final Duration SKEW = Duration.ofSeconds(60);
    static final Duration MAX_LIFETIME = Duration.ofHours(1);
    private static final int MAX_CHARS = 16_384;
    private static final int MAX_JTI_CHARS = 256;

    private final Database db;
    private final TrustedIssuerRepository issuers;
    private final ClientSignatures signatures;
    private final String ourIssuer;
    private final Clock clock;

    AssertionVerifier(Database db, TrustedIssuerRepository issuers, ClientSignatures signatures, String ourIssuer, Clock clock) {
        this.db = db;
        this.issuers = issuers;
        this.signatures = signatures;
        this.ourIssuer = ourIssuer;
        this.clock = clock;
    }

    Assertion verify(String presented, String clientId) {
        SignedJWT jwt = parse(presented);
        JOSEObjectType typ = jwt.getHeader().getType();
        boolean idJag = ID_JAG.equals(typ);
        if (!idJag && typ != null && !PLAIN.contains(typ)) throw refused("wrong typ", "typ " + typ);
        if (ClientKeys.algorithm(jwt.getHeader().getAlgorithm().getName()).isEmpty()) {
            throw refused("unsupported alg", "alg " + jwt.getHeader().getAlgorithm());
        }
        JWTClaimsSet claims = claims(jwt);
        String iss = claims.getIssuer();
        TrustedIssuer issuer = Optional.ofNullable(iss).flatMap(i -> db.read(tx -> issuers.findByIssuer(tx, i)))
                .orElseThrow(() -> refused("untrusted issuer", "iss " + iss));
        if (!issuer.clientIds().contains(clientId)) {
            throw new OAuthException(new OAuthError.UnauthorizedClient("This client may not present assertions of this issuer"));
        }
        signatures.failure(jwt, issuer.keys()).ifPresent(why -> {
            throw refused("bad signature", issuer.id() + ": " + why);
        });
        checkAudience(claims.getAudience(), issuer, idJag);
        Instant exp = checkTimes(claims);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank() || jti.length() > MAX_JTI_CHARS) throw refused("jti is required", "jti");
        String sub = claims.getSubject();
        if (sub == null || sub.isBlank()) throw refused("sub is required", "sub");
        Optional<String> assertedClient = text(claims, "client_id");
        // ID-JAG §4.3: the grant is for one client; a plain assertion naming one is held to it too.
        if (idJag && assertedClient.isEmpty()) throw refused("client_id is required", "client_id");
        if (assertedClient.filter(c -> !c.equals(clientId)).isPresent()) {
            throw refused("client_id does not match the authenticated client", "client_id " + assertedClient.get());
        }
        return new Assertion(issuer, sub, jti, exp, text(claims, "email"), Boolean.TRUE.equals(claims.getClaim("email_verified")),
                text(claims, "scope"), text(claims, "resource"), text(claims, "workspace"), idJag);
    }

    private SignedJWT parse(String presented) {
        if (presented.length() > MAX_CHARS) throw refused("assertion is too long", "length " + presented.length());
        try {
            return SignedJWT.parse(presented);
        } catch (ParseException e) {
            throw refused("assertion is not a signed JWT", "parse");
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw refused("assertion claims are not JSON", "claims");
        }
    }

    /** RFC 7523 §3 item 3; ID-JAG: aud is this server's issuer identifier. */
    private void checkAudience(List<String> aud, TrustedIssuer issuer, boolean idJag) {
        List<String> accepted = idJag ? List.of(ourIssuer)
                : issuer.audiences().isEmpty() ? List.of(ourIssuer, ourIssuer + "/oauth2/token", ourIssuer + "/oauth/token")
                : issuer.audiences();
        if (aud == null || aud.stream().noneMatch(accepted::contains)) throw refused("wrong audience", "aud " + aud);
    }

    /** RFC 7523 §3 items 4-6: exp required and not too far ahead, nbf and iat not in the future. */
    private Instant checkTimes(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Instant exp = instant(claims.getExpirationTime()).orElseThrow(() -> refused("exp is required", "exp"));
        if (!exp.isAfter(now.minus(SKEW))) throw refused("assertion expired", "exp " + exp);
        if (exp.isAfter(now.plus(MAX_LIFETIME).plus(SKEW))) throw refused("exp is too far ahead", "exp " + exp);
        Instant iat = instant(claims.getIssueTime()).orElseThrow(() -> refused("iat is required", "iat"));
        if (iat.isAfter(now.plus(SKEW))) throw refused("iat is in the future", "iat " + iat);
        instant(claims.getNotBeforeTime()).filter(nbf -> nbf.isAfter(now.plus(SKEW)))
                .ifPresent(nbf -> { throw refused("assertion not yet valid", "nbf " + nbf); });
        return exp;
    }

    private static Optional<Instant> instant(Date date) {
        return Optional.ofNullable(date).map(Date::toInstant);
    }

    private static Optional<String> text(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static OAuthException refused(String reason, String detail) {
        return new OAuthException(new OAuthError.InvalidGrant("Assertion refused: " + reason), "jwt-bearer: " + detail);
    }
}
