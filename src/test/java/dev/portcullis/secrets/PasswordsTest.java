package dev.portcullis.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordsTest {
    private static final Passwords PASSWORDS = new Passwords(new SecureRandom());

    @Test
    void hashIsArgon2idPhcWithOwaspParametersAndRandomSalt() {
        String a = PASSWORDS.hash("correct horse battery");
        String b = PASSWORDS.hash("correct horse battery");
        assertTrue(a.startsWith("$argon2id$v=19$m=7168,t=5,p=1$"), a);
        assertNotEquals(a, b);
    }

    @Test
    void concurrentHashesAreBoundByCoresAndAQuarterOfTheHeap() {
        long mib = 1024 * 1024;
        assertEquals(4, Passwords.slots(64, 128 * mib));
        assertEquals(2, Passwords.slots(64, 56 * mib));
        assertEquals(1, Passwords.slots(64, 27 * mib));
        assertEquals(2, Passwords.slots(2, 4096 * mib));
        assertEquals(1, Passwords.slots(1, 16 * mib));
    }

    /** The unknown-account path must cost what a real verification costs: same algorithm, parameters, sizes. */
    @Test
    void dummyHashHasTheParametersOfARealHash() {
        String real = PASSWORDS.hash("correct horse battery staple");
        String parameters = real.substring(0, real.lastIndexOf('$', real.lastIndexOf('$') - 1) + 1);
        assertTrue(Passwords.DUMMY_HASH.startsWith(parameters), Passwords.DUMMY_HASH);
        assertEquals(real.length(), Passwords.DUMMY_HASH.length());
        assertFalse(PASSWORDS.verify("not-the-password", Passwords.DUMMY_HASH));
    }

    @Test
    void verifyAcceptsOnlyTheRightPassword() {
        String hash = PASSWORDS.hash("correct horse battery");
        assertTrue(PASSWORDS.verify("correct horse battery", hash));
        assertFalse(PASSWORDS.verify("correct horse batterY", hash));
        assertFalse(PASSWORDS.verify("", hash));
        assertFalse(PASSWORDS.verify(null, hash));
    }

    /**
     * Hashes stored by earlier releases (19 MiB and 2 passes, made with password4j) still verify,
     * only with their password, and are replaced with today's parameters at the next login.
     */
    @Test
    void verifyAcceptsAHashAnEarlierReleaseStored() {
        String stored = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0";
        assertTrue(PASSWORDS.verify("correct horse battery staple", stored));
        assertFalse(PASSWORDS.verify("correct horse battery stapl", stored));
        assertTrue(PASSWORDS.needsRehash(stored));
        assertFalse(PASSWORDS.needsRehash(PASSWORDS.hash("correct horse battery staple")));
    }

    @Test
    void verifyWhenStoredParametersAreOutOfBoundsOrTamperedThenFalse() {
        String stored = "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$gy5SuVm5Z7Vw7keB9se9p87QGcomaseB/S2U1OhTsM0";
        assertFalse(PASSWORDS.verify("correct horse battery staple", stored.replace("m=19456", "m=9999999")));
        assertFalse(PASSWORDS.verify("correct horse battery staple", stored.replace("t=2", "t=3")));
        assertFalse(PASSWORDS.verify("correct horse battery staple", stored.replace("v=19", "v=16")));
        assertFalse(PASSWORDS.verify("correct horse battery staple", stored.replace("$gy5S", "$!!!!")));
    }

    @Test
    void verifyWhenHashIsNotArgon2idThenFalse() {
        assertFalse(PASSWORDS.verify("x", "$2a$10$abcdefghijklmnopqrstuv"));
        assertFalse(PASSWORDS.verify("x", "$argon2id$garbage"));
        assertFalse(PASSWORDS.verify("x", null));
    }

    @Test
    void verifyOfHugePasswordIsFalseWithoutError() {
        String hash = PASSWORDS.hash("correct horse battery");
        assertFalse(PASSWORDS.verify("a".repeat(100_000), hash));
    }

    @Test
    void policyRefusesShortAndOverlongPasswordsButAllows64AndMore() {
        assertEquals("password", field(() -> Passwords.checkPolicy("password", "1234567")));
        assertEquals("password", field(() -> Passwords.checkPolicy("password", "a".repeat(129))));
        assertEquals("password", field(() -> Passwords.checkPolicy("password", null)));
        Passwords.checkPolicy("password", "violet kettle");
        Passwords.checkPolicy("password", "correct horse battery staple ".repeat(5).substring(0, 128));
    }

    @Test
    void policyRefusesCommonAndGuessablePasswordsSayingWhy() {
        for (String weak : new String[] {"password", "12345678", "Password123!", "P@ssw0rd2024", "qwertyuiop", "a".repeat(128)}) {
            OAuthException e = assertThrows(OAuthException.class, () -> Passwords.checkPolicy("password", weak), weak);
            var v = (Failure.Validation) e.error();
            assertEquals("password", v.field());
            assertTrue(v.description().startsWith("This password is too easy to guess. "), v.description());
        }
        var common = assertThrows(OAuthException.class, () -> Passwords.checkPolicy("password", "password"));
        assertEquals("This password is too easy to guess. This is a top-10 common password. Add another word or two. Uncommon words are better.",
                ((Failure.Validation) common.error()).description());
    }

    @Test
    void policyCountsTheEmailAndNameAgainstThePassword() {
        Passwords.checkPolicy("password", "adalovelace1815");
        assertEquals("password", field(() -> Passwords.checkPolicy("password", "adalovelace1815", "ada.lovelace1815@example.com", "Ada Lovelace")));
    }

    @Test
    void onlyTheFirst64CharactersAreMeasuredSoLongPasswordsCostLittle() {
        String strong = "violet kettle marmalade trombone ".repeat(2).substring(0, PasswordStrength.MEASURED);
        Passwords.checkPolicy("password", strong + "a".repeat(64));
        assertEquals("password", field(() -> Passwords.checkPolicy("password", "a".repeat(64) + strong)));
    }

    private static String field(Runnable r) {
        OAuthException e = assertThrows(OAuthException.class, r::run);
        return ((Failure.Validation) e.error()).field();
    }
}
