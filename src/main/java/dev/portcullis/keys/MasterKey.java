package dev.portcullis.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.jwk.JWK;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key that encrypts private signing keys at rest. Each private JWK is sealed as a
 * compact JWE ({@code dir}, {@code A256GCM}, RFC 7516) whose authenticated header carries the kid,
 * so a sealed key cannot be swapped onto another row.
 */
final class MasterKey {
    static final String FILE_NAME = "master.key";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKey key;
    private final String source;

    private MasterKey(byte[] bytes, String source) {
        this.key = new SecretKeySpec(bytes, "AES");
        this.source = source;
    }

    /** From {@code PORTCULLIS_MASTER_KEY}, or else the key file in the data directory, created on first use. */
    static MasterKey load(Config.Keys keys, Path dataDir, SecureRandom random) {
        if (keys.masterKey().isPresent()) {
            return new MasterKey(decode(keys.masterKey().get(), Setting.MASTER_KEY.env()), Setting.MASTER_KEY.env());
        }
        Path file = dataDir.resolve(FILE_NAME);
        return new MasterKey(decode(readOrCreate(file, random), "the key file " + file), "the key file " + file);
    }

    /** HMAC(master key, label): a key for another purpose that reveals nothing of this one (a one-step HKDF-Expand). */
    javax.crypto.SecretKey derive(String label) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] derived = mac.doFinal(("portcullis " + label).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new SecretKeySpec(derived, "HmacSHA256");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Where the key came from, for error messages; never the key itself. */
    String source() {
        return source;
    }

    String seal(JWK privateJwk) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .keyID(privateJwk.getKeyID()).build(), new Payload(privateJwk.toJSONString()));
        try {
            jwe.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt a signing key", e);
        }
        return jwe.serialize();
    }

    /** The private JWK sealed for {@code kid}; a ConfigException when this master key cannot open it. */
    JWK open(String kid, String sealed) {
        try {
            JWEObject jwe = JWEObject.parse(sealed);
            if (!kid.equals(jwe.getHeader().getKeyID())) throw new JOSEException("kid mismatch");
            jwe.decrypt(new DirectDecrypter(key));
            JWK jwk = JWK.parse(jwe.getPayload().toString());
            if (!kid.equals(jwk.getKeyID()) || !jwk.isPrivate()) throw new JOSEException("not the private key of " + kid);
            return jwk;
        } catch (JOSEException | ParseException e) {
            throw new ConfigException("the master key from " + source + " cannot decrypt the stored signing key " + kid
                    + ": it is not the key they were encrypted with (instances sharing a database must share "
                    + Setting.MASTER_KEY.env() + ")");
        }
    }

    /** Seals a secret that must be used again (an upstream client secret); {@code label} rides as the kid, binding it to its row. */
    String sealText(String label, String text) {
        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM).keyID(label).build(),
                new Payload(text));
        try {
            jwe.encrypt(new DirectEncrypter(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot encrypt a secret", e);
        }
        return jwe.serialize();
    }

    /** The secret {@link #sealText} sealed for {@code label}; empty when this master key cannot open it for that label. */
    java.util.Optional<String> openText(String label, String sealed) {
        try {
            JWEObject jwe = JWEObject.parse(sealed);
            if (!label.equals(jwe.getHeader().getKeyID())) return java.util.Optional.empty();
            jwe.decrypt(new DirectDecrypter(key));
            return java.util.Optional.of(jwe.getPayload().toString());
        } catch (JOSEException | ParseException e) {
            return java.util.Optional.empty();
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            bytes = new byte[0];
        }
        if (bytes.length != 32) {
            throw new ConfigException(source + " must hold a base64-encoded 32-byte key (for example `openssl rand -base64 32`)");
        }
        return bytes;
    }

    /**
     * Written owner-only (0600) to a temporary file and then moved into place, so no reader ever
     * sees a partial key; when another process created the file first, its key wins.
     */
    private static String readOrCreate(Path file, SecureRandom random) {
        try {
            if (Files.exists(file)) return Files.readString(file, StandardCharsets.US_ASCII);
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            String encoded = Base64.getEncoder().encodeToString(bytes) + "\n";
            Path temp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(file.getParent(), FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                Files.writeString(temp, encoded, StandardCharsets.US_ASCII);
                Files.move(temp, file);
                return encoded;
            } catch (FileAlreadyExistsException e) {
                return Files.readString(file, StandardCharsets.US_ASCII);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read or create the master key file " + file + ": " + e.getMessage());
        }
    }
}
