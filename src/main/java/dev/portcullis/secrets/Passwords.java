package dev.portcullis.secrets;

import dev.portcullis.error.OAuthException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (RFC 9106) with 7 MiB, 5 passes, one lane: one of OWASP's equivalent
 * minimum settings (beside 19 MiB and 2 passes) and Keycloak's default. The smaller block of memory
 * is what a small heap can afford: under token load, 19 MiB per hash outgrew the young generation
 * and made nearly every login a full collection (docs/benchmarks.md, "Logins under token load").
 * The stored form is the PHC string ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$hash}), so
 * a later change of parameters still verifies old hashes.
 */
public final class Passwords {
    public static final int MIN_LENGTH = 8;
    /** NIST SP 800-63B: allow at least 64 characters; the cap only bounds work per attempt. */
    public static final int MAX_LENGTH = 128;
    private static final int MEMORY_KIB = 7168;
    private static final int ITERATIONS = 5;
    private static final int PARALLELISM = 1;
    private static final int HASH_BYTES = 32;
    private static final int SALT_BYTES = 16;

    private final SecureRandom random;
    /**
     * Verified against when the account does not exist, so both answers take the same time. A
     * constant: it guards no account and only has to cost one verification with the parameters
     * above (a test holds it to them); hashing one at start-up was a tenth of a cold start.
     */
    static final String DUMMY_HASH = "$argon2id$v=19$m=7168,t=5,p=1$hUSww8hAZmyp7eangwhqaQ$D1eo8soG8lnPFg5VxIkO7l2xNsiBjkhhCOqgC9pW/fs";
    /**
     * Each hash holds its memory (7 MiB) on the heap while it runs. At most a quarter of the heap
     * goes to them, and never more at once than cores (more would only queue for CPU); the rest
     * wait here, so a login burst cannot exhaust a small heap on a machine with many cores.
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
        byte[] hash = limited(() -> argon2id(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES));
        return CURRENT_PARAMETERS + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    public boolean verify(String password, String hash) {
        if (password == null || hash == null || !hash.startsWith("$argon2id$")) return false;
        // Over-long input still costs one full hash, so its timing says nothing either.
        if (password.length() > MAX_LENGTH * 4) {
            burnTime();
            return false;
        }
        try {
            return limited(() -> check(password, hash));
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
        limited(() -> check("not-the-password", DUMMY_HASH));
    }

    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    /**
     * Checks a PHC string {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash} (any parameters, so hashes
     * made with older settings still verify), comparing in constant time.
     */
    private static boolean check(String password, String phc) {
        String[] part = phc.split("\\$");
        if (part.length != 6 || !part[1].equals("argon2id") || !part[2].equals("v=19")) return false;
        String[] cost = part[3].split(",");
        if (cost.length != 3 || !cost[0].startsWith("m=") || !cost[1].startsWith("t=") || !cost[2].startsWith("p=")) return false;
        int memory = Integer.parseInt(cost[0].substring(2));
        int iterations = Integer.parseInt(cost[1].substring(2));
        int lanes = Integer.parseInt(cost[2].substring(2));
        // Bounds a forged or corrupted stored hash, not a real one: at most 64 MiB, 10 passes, 4 lanes.
        if (memory < 8 * lanes || memory > 65536 || iterations < 1 || iterations > 10 || lanes < 1 || lanes > 4) return false;
        byte[] salt = Base64.getDecoder().decode(part[4]);
        byte[] expected = Base64.getDecoder().decode(part[5]);
        if (salt.length < 8 || expected.length < 16 || expected.length > 64) return false;
        return MessageDigest.isEqual(expected, argon2id(password, salt, memory, iterations, lanes, expected.length));
    }

    /**
     * One Argon2id hash with Bouncy Castle's generator, which allocates the hash's memory for the
     * call only. (password4j, used before, also kept a zeroed template of that size for the life
     * of the process: 19 MiB of heap held for nothing then; docs/benchmarks.md, resident memory.)
     */
    private static byte[] argon2id(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        var parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(lanes).withSalt(salt).build();
        var generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
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
