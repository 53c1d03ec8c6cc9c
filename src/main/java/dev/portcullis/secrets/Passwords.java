package dev.portcullis.secrets;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import dev.portcullis.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Argon2id password hashing (RFC 9106) with the OWASP minimum parameters: 19 MiB, 2 passes, one
 * lane. The stored form is the PHC string ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), so
 * a later change of parameters still verifies old hashes.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    /** NIST SP 800-63B: allow at least 64 characters; the cap only bounds work per attempt. */
    public static final int MAX_LENGTH = 128;
    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final Argon2Function argon2 = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID);
    private final SecureRandom random;
    /**
     * Verified against when the account does not exist, so both answers take the same time. A
     * constant: it guards no account and only has to cost one verification with the parameters
     * above (a test holds it to them); hashing one at start-up was a tenth of a cold start.
     */
    static final String DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$2PnjR19hqrc9pm5COM/jcA$Nw+ulF4XHWZUQ/pAg/iATv0O8WMIn0yhzbre6oSzx28";
    /**
     * Each hash holds 19 MiB of heap while it runs. At most a quarter of the heap goes to them,
     * and never more at once than cores (more would only queue for CPU); the rest wait here, so a
     * login burst cannot exhaust a small heap on a machine with many cores.
     */
    private final Semaphore slots = new Semaphore(slots(Runtime.getRuntime().availableProcessors(),
            Runtime.getRuntime().maxMemory()), true);

    static int slots(int cores, long maxHeapBytes) {
        long fit = maxHeapBytes / 4 / (MEMORY_KIB * 1024L);
        return (int) Math.max(1, Math.min(cores, fit));
    }

    public Passwords(SecureRandom random) {
        this.random = random;
    }

    /**
     * The one password rule, wherever a password is set (sign-up, /manage, import, the CLI):
     * {@link #MIN_LENGTH} to {@link #MAX_LENGTH} characters and hard to guess
     * ({@link PasswordStrength}), with {@code context} (the person's email and name) counted
     * against it. Refuses with a validation error on {@code field} that says what to change.
     */
    public static void checkPolicy(String field, String password, String... context) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) throw OAuthException.validation(field, "Password must be at least " + MIN_LENGTH + " characters");
        if (length > MAX_LENGTH) throw OAuthException.validation(field, "Password must be at most " + MAX_LENGTH + " characters");
        PasswordStrength strength = PasswordStrength.of(password, java.util.Arrays.asList(context));
        if (!strength.strongEnough()) {
            throw OAuthException.validation(field, "This password is too easy to guess. " + strength.advice());
        }
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return limited(() -> argon2.hash(password.getBytes(StandardCharsets.UTF_8), salt).getResult());
    }

    public boolean verify(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2id$")) return false;
        // Over-long input still costs one full hash, so its timing says nothing either.
        if (password.length() > MAX_LENGTH * 4) {
            burnTime();
            return false;
        }
        try {
            return limited(() -> Argon2Function.getInstanceFromHash(hash).check(password, hash));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether a stored hash was made with other parameters than today's (an older, cheaper
     * setting): then the login that just proved the password stores a fresh hash of it.
     */
    public boolean needsRehash(String hash) {
        return hash == null || !hash.startsWith(CURRENT_PARAMETERS);
    }

    /** The PHC prefix every hash made now starts with. */
    static final String CURRENT_PARAMETERS = "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$";

    /** Spends what one verification costs, for the unknown-account path. */
    public void burnTime() {
        limited(() -> argon2.check("not-the-password", DUMMY_HASH));
    }

    private <T> T limited(Supplier<T> work) {
        slots.acquireUninterruptibly();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }
}
