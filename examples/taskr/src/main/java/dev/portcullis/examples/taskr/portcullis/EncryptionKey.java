package dev.portcullis.examples.taskr.portcullis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;

/** The AES key for stored tokens: from TASKR_ENCRYPTION_KEY, else a key file made on first start. */
public final class EncryptionKey {
    private static final Logger LOG = Logger.getLogger(EncryptionKey.class.getName());
    static final String FILE = "taskr-encryption.key";

    private EncryptionKey() {}

    public static byte[] load(Optional<String> configured, Path dataDir, SecureRandom random) {
        if (configured.isPresent()) return decode(configured.get(), "TASKR_ENCRYPTION_KEY");
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
            return create(file, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the key file " + file, e);
        }
    }

    private static byte[] create(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[32];
        random.nextBytes(key);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // Owner-only from the start, where the file system knows POSIX permissions.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        LOG.info("generated a token encryption key in " + file + " (keep it: stored tokens need it)");
        return key;
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + " is not valid base64");
        }
        if (key.length != 32) throw new IllegalArgumentException(source + " must hold 32 bytes (base64 of an AES-256 key), not " + key.length);
        return key;
    }
}
