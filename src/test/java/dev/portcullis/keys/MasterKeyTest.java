package dev.portcullis.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Portcullis;
import dev.portcullis.config.Config;
import dev.portcullis.config.ConfigException;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MasterKeyTest extends KeyRingFixture {

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }


    @ParameterizedTest
    @EnumSource(Db.class)
    void withoutConfiguredKeyAKeyFileIsCreatedOwnerOnlyAndReused(Db kind) throws Exception {
        Config config = Keys.config(TestDatabases.fresh(kind));
        Path file = config.storage().dataDir().resolve(MasterKey.FILE_NAME);
        var kids = KeyRingTest.kids(open(config));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(32, Base64.getDecoder().decode(Files.readString(file).trim()).length);
        String written = Files.readString(file);

        assertEquals(kids, KeyRingTest.kids(open(config)), "the same key file opens the stored keys");
        assertEquals(written, Files.readString(file));
        try (var dir = Files.list(config.storage().dataDir())) {
            assertTrue(dir.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left behind");
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void withConfiguredKeyNoKeyFileIsWritten(Db kind) {
        Config config = Keys.config(TestDatabases.fresh(kind), "PORTCULLIS_MASTER_KEY", randomKey());
        open(config);
        assertFalse(Files.exists(config.storage().dataDir().resolve(MasterKey.FILE_NAME)));
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void whenMasterKeyIsNotTheOneKeysWereSealedWithThenClearConfigException(Db kind) {
        var storage = TestDatabases.fresh(kind);
        open(Keys.config(storage, "PORTCULLIS_MASTER_KEY", randomKey()));
        Config wrong = Keys.config(storage, "PORTCULLIS_MASTER_KEY", randomKey());
        ConfigException e = assertThrows(ConfigException.class, () -> open(wrong));
        assertTrue(e.getMessage().contains("master key from PORTCULLIS_MASTER_KEY cannot decrypt the stored signing key"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong.keys().masterKey().orElseThrow()), "never the key itself");

        // and the server refuses to start with it
        assertThrows(ConfigException.class, () -> Portcullis.start(wrong).close());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void whenKeyFileIsLostThenClearConfigExceptionNamingIt(Db kind) throws Exception {
        Config config = Keys.config(TestDatabases.fresh(kind));
        open(config);
        Path file = config.storage().dataDir().resolve(MasterKey.FILE_NAME);
        Files.delete(file);
        ConfigException e = assertThrows(ConfigException.class, () -> open(config));
        assertTrue(e.getMessage().contains("the key file " + file), e.getMessage());
    }

    @Test
    void whenConfiguredKeyIsMalformedThenConfigExceptionBeforeAnyKeyIsMade() {
        var storage = TestDatabases.fresh(Db.SQLITE);
        for (String bad : List.of("not base64!", Base64.getEncoder().encodeToString(new byte[16]), "AAAA")) {
            Config config = Keys.config(storage, "PORTCULLIS_MASTER_KEY", bad);
            ConfigException e = assertThrows(ConfigException.class, () -> open(config));
            assertEquals("PORTCULLIS_MASTER_KEY must hold a base64-encoded 32-byte key (for example `openssl rand -base64 32`)",
                    e.getMessage());
        }
        long keys = db.read(tx -> tx.count("SELECT count(*) AS n FROM signing_keys"));
        assertEquals(0L, keys);
    }

    @Test
    void whenKeyFileIsMalformedThenConfigExceptionNamingIt() throws Exception {
        Config config = Keys.config(TestDatabases.fresh(Db.SQLITE));
        Path file = config.storage().dataDir().resolve(MasterKey.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "short");
        ConfigException e = assertThrows(ConfigException.class, () -> open(config));
        assertTrue(e.getMessage().startsWith("the key file " + file + " must hold a base64-encoded 32-byte key"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void privateKeysAreStoredOnlySealed(Db kind) {
        open(Keys.config(TestDatabases.fresh(kind)));
        List<String[]> rows = db.read(tx -> tx.query("SELECT kid, public_jwk, private_jwk FROM signing_keys",
                r -> new String[] {r.text("kid"), r.text("public_jwk"), r.text("private_jwk")}));
        assertEquals(4, rows.size(), "RS256, PS256, ES256 and EdDSA");
        for (String[] row : rows) {
            assertFalse(row[1].contains("\"d\""), "public JWK of " + row[0]);
            assertEquals(5, row[2].split("\\.", -1).length, "a compact JWE");
            assertFalse(row[2].contains("\"d\"") || row[2].startsWith("{"), "private JWK of " + row[0]);
        }
    }
}
