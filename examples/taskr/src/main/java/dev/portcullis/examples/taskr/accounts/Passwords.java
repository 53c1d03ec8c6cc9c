package dev.portcullis.examples.taskr.accounts;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane); the hash string carries its parameters. */
final class Passwords {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Checked when the email is unknown, so a miss costs as long as a wrong password. */
    private static final String DECOY = hash("decoy password, never matches");

    private Passwords() {}

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    static void spendDecoyTime(String password) {
        matches(password, DECOY);
    }
}
