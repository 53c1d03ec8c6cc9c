package dev.portcullis.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.clientauth.ClientKeys;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.storage.UniqueViolation;
import dev.portcullis.support.Db;
import dev.portcullis.support.RepositoryContract;
import dev.portcullis.support.Seed;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link TrustedIssuerRepository}'s promises on both databases: an issuer is found by id and by
 * its exact iss, an iss is trusted once, an update rewrites every field, and a jti is accepted
 * once per issuer until it expires.
 */
@ParameterizedClass
@EnumSource(Db.class)
class TrustedIssuerRepositoryContractTest extends RepositoryContract {
    static final TrustedIssuerRepository issuers = new SqlTrustedIssuerRepository();

    static TrustedIssuer issuer(String id, String iss) {
        return new TrustedIssuer(id, iss, new ClientKeys(Optional.empty(), Optional.of("https://idp.example.com/jwks"),
                Optional.empty()), List.of("https://as.example.com"), List.of("agent-1", "agent-2"), NOW, NOW);
    }

    static TrustedIssuer inserted() {
        int n = Seed.next();
        TrustedIssuer t = issuer("idp-" + n, "https://idp" + n + ".example.com");
        database.inTransaction(tx -> {
            issuers.insert(tx, t);
            return null;
        });
        return t;
    }

    static boolean use(TrustedIssuer t, String jti, Duration after) {
        return database.inTransaction(tx -> issuers.useJti(tx, t.id(), SecretHash.of(jti), NOW.plus(Duration.ofMinutes(5)),
                NOW.plus(after)));
    }

    @Test
    void anIssuerIsFoundByIdAndByItsExactIss() {
        TrustedIssuer t = inserted();

        assertEquals(Optional.of(t), database.read(tx -> issuers.find(tx, t.id())));
        assertEquals(Optional.of(t), database.read(tx -> issuers.findByIssuer(tx, t.issuer())));
        assertTrue((boolean) database.read(tx -> issuers.findByIssuer(tx, t.issuer() + "/")).isEmpty(), "iss is compared exactly");
        assertTrue((boolean) database.read(tx -> issuers.list(tx)).contains(t));
    }

    @Test
    void anIssIsTrustedOnlyOnce() {
        TrustedIssuer t = inserted();

        assertThrows(UniqueViolation.class, () -> database.inTransaction(tx -> {
            issuers.insert(tx, issuer("other-" + Seed.next(), t.issuer()));
            return null;
        }));
    }

    @Test
    void anUpdateRewritesEveryField() {
        TrustedIssuer t = inserted();
        var changed = new TrustedIssuer(t.id(), t.issuer() + "/tenant", ClientKeys.NONE, List.of(), List.of("agent-3"),
                t.createdAt(), NOW.plusSeconds(60));

        assertTrue((boolean) database.inTransaction(tx -> issuers.update(tx, changed)));

        assertEquals(Optional.of(changed), database.read(tx -> issuers.find(tx, t.id())));
        assertFalse((boolean) database.inTransaction(tx -> issuers.update(tx, issuer("missing", "https://missing.example.com"))));
    }

    @Test
    void aJtiIsAcceptedOncePerIssuerUntilItExpires() {
        TrustedIssuer t = inserted();
        TrustedIssuer other = inserted();

        assertTrue(use(t, "jti-1", Duration.ZERO));
        assertFalse(use(t, "jti-1", Duration.ofMinutes(1)), "a replay");
        assertTrue(use(other, "jti-1", Duration.ZERO), "another issuer's jti space");
        assertTrue(use(t, "jti-1", Duration.ofMinutes(6)), "its earlier use expired");
    }

    @Test
    void deletingAnIssuerForgetsItAndItsJtis() {
        TrustedIssuer t = inserted();
        use(t, "jti-2", Duration.ZERO);

        assertTrue((boolean) database.inTransaction(tx -> issuers.delete(tx, t.id())));

        assertTrue((boolean) database.read(tx -> issuers.find(tx, t.id())).isEmpty());
        assertFalse((boolean) database.inTransaction(tx -> issuers.delete(tx, t.id())));
        assertEquals(0L, (long) database.read(tx -> tx.count("SELECT COUNT(*) AS n FROM trusted_issuer_jtis WHERE issuer_id = ?", t.id())));
    }

    @Test
    void expiredJtisAreSwept() {
        TrustedIssuer t = inserted();
        use(t, "jti-3", Duration.ZERO);

        assertTrue((int) database.inTransaction(tx -> issuers.deleteExpiredJtis(tx, NOW.plus(Duration.ofMinutes(10)))) >= 1);

        assertTrue(use(t, "jti-3", Duration.ZERO), "forgotten once swept");
    }
}
