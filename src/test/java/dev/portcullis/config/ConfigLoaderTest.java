package dev.portcullis.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.storage.Storage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void noSettingsThenDefaultsRunOutOfTheBox() {
        Config c = ConfigLoader.load(Map.of());
        assertEquals(8080, c.server().port());
        assertEquals("http://localhost:8080", c.server().issuer().toString());
        assertEquals(Path.of("./data").toAbsolutePath().normalize(), c.storage().dataDir());
        assertEquals("jdbc:sqlite:" + c.storage().dataDir().resolve("portcullis.db"), c.storage().databaseUrl());
    }

    @Test
    void environmentOverridesDefaults() {
        Config c = ConfigLoader.load(Map.of(
                "PORTCULLIS_PORT", "18080",
                "PORTCULLIS_DATA_DIR", "/tmp/x",
                "PORTCULLIS_ISSUER", "https://auth.example.com/",
                "PORTCULLIS_DATABASE_URL", "jdbc:postgresql://db/portcullis"));
        assertEquals(18080, c.server().port());
        assertEquals("https://auth.example.com", c.server().issuer().toString());
        assertEquals(Path.of("/tmp/x"), c.storage().dataDir());
        assertTrue(c.storage().isPostgres());
    }

    @Test
    void fileIsReadAndEnvironmentWinsOverIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("portcullis.properties");
        Files.writeString(file, "PORTCULLIS_PORT=9000\nPORTCULLIS_ISSUER=https://file.example.com\n");
        Config c = ConfigLoader.load(Map.of("PORTCULLIS_CONFIG_FILE", file.toString(), "PORTCULLIS_PORT", "9001"));
        assertEquals(9001, c.server().port());
        assertEquals("https://file.example.com", c.server().issuer().toString());
    }

    @Test
    void invalidSettingsNameTheSettingAndTheProblem() {
        assertEquals("PORTCULLIS_PORT must be a whole number, got 'eighty'", message(Map.of("PORTCULLIS_PORT", "eighty")));
        assertEquals("PORTCULLIS_PORT must be between 0 and 65535", message(Map.of("PORTCULLIS_PORT", "70000")));
        assertEquals("PORTCULLIS_ISSUER must be an absolute http(s) URL", message(Map.of("PORTCULLIS_ISSUER", "ftp://x")));
        assertEquals("PORTCULLIS_ISSUER must not have a query or fragment (RFC 8414)", message(Map.of("PORTCULLIS_ISSUER", "https://x/?a=b")));
        assertEquals("PORTCULLIS_DATABASE_URL must start with jdbc:postgresql: or jdbc:sqlite:",
                message(Map.of("PORTCULLIS_DATABASE_URL", "mysql://x")));
        assertEquals("PORTCULLIS_DATABASE_POOL_SIZE must be a positive number", message(Map.of("PORTCULLIS_DATABASE_POOL_SIZE", "0")));
        assertEquals("PORTCULLIS_CONFIG_FILE cannot be read: /nonexistent/p.properties",
                message(Map.of("PORTCULLIS_CONFIG_FILE", "/nonexistent/p.properties")));
    }

    @Test
    void readmeDocumentsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (Setting s : Setting.values()) {
            assertTrue(readme.contains("| `" + s.env() + "` |"), s.env() + " is missing from the README's configuration table");
        }
    }

    @Test
    void durationsAndPoliciesAreParsedAndChecked() {
        Config c = ConfigLoader.load(Map.of("PORTCULLIS_CODE_TTL_SECONDS", "30", "PORTCULLIS_REGISTRATION", "off"));
        assertEquals(30, c.tokens().codeTtl().toSeconds());
        assertEquals(Config.RegistrationPolicy.OFF, c.registration().policy());
        assertEquals(false, c.registration().allowImplicit(), "the implicit grant is off unless the operator allows it");
        assertTrue(ConfigLoader.load(Map.of("PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT", "true")).registration().allowImplicit());
        assertEquals("PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT must be true or false",
                message(Map.of("PORTCULLIS_REGISTRATION_ALLOW_IMPLICIT", "sometimes")));
        assertEquals("PORTCULLIS_CODE_TTL_SECONDS must be at most 60 (RFC 6749 §4.1.2)", message(Map.of("PORTCULLIS_CODE_TTL_SECONDS", "600")));
        assertEquals("PORTCULLIS_SIGNING_ALG must be RS256, PS256, ES256 or EdDSA", message(Map.of("PORTCULLIS_SIGNING_ALG", "HS256")));
        assertEquals("PORTCULLIS_REGISTRATION_INITIAL_TOKEN must be set when PORTCULLIS_REGISTRATION=token",
                message(Map.of("PORTCULLIS_REGISTRATION", "token")));
        assertEquals("PORTCULLIS_DEMO must be true or false", message(Map.of("PORTCULLIS_DEMO", "maybe")));
    }

    @Test
    void rateLimitStoreFollowsTheDatabaseUnlessSetAndDatabaseNeedsPostgres() {
        String postgres = "jdbc:postgresql://db/portcullis";
        assertEquals(Config.RateLimitStore.LOCAL, ConfigLoader.load(Map.of()).rateLimitStore());
        assertEquals(Config.RateLimitStore.DATABASE,
                ConfigLoader.load(Map.of("PORTCULLIS_DATABASE_URL", postgres)).rateLimitStore());
        assertEquals(Config.RateLimitStore.LOCAL, ConfigLoader.load(Map.of("PORTCULLIS_DATABASE_URL", postgres,
                "PORTCULLIS_RATE_LIMIT_STORE", "local")).rateLimitStore());
        String refused = "PORTCULLIS_RATE_LIMIT_STORE=database needs PostgreSQL (a jdbc:postgresql: PORTCULLIS_DATABASE_URL); use local with SQLite";
        assertEquals(refused, message(Map.of("PORTCULLIS_RATE_LIMIT_STORE", "database")));
        Config shared = ConfigLoader.load(Map.of("PORTCULLIS_DATABASE_URL", postgres, "PORTCULLIS_RATE_LIMIT_STORE", "Database"));
        var sqlite = new Storage(Path.of("/tmp/x"), "jdbc:sqlite:/tmp/x/p.db", "", "", 1);
        assertEquals(refused, assertThrows(ConfigException.class, () -> shared.withStorage(sqlite)).getMessage());
        assertEquals("PORTCULLIS_RATE_LIMIT_STORE must be local or database", message(Map.of("PORTCULLIS_RATE_LIMIT_STORE", "redis")));
    }

    @Test
    void trustedProxiesAreAddressesOrRangesAndNeverHostNames() {
        assertEquals(2, ConfigLoader.load(Map.of("PORTCULLIS_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8")).server().trustedProxies().size());
        assertTrue(ConfigLoader.load(Map.of()).server().trustedProxies().isEmpty());
        assertEquals("PORTCULLIS_TRUSTED_PROXIES has 'lb.internal', which is not an IP address or CIDR range (like 10.0.0.0/8)",
                message(Map.of("PORTCULLIS_TRUSTED_PROXIES", "10.0.0.1,lb.internal")));
        assertEquals("PORTCULLIS_TRUSTED_PROXIES has '10.0.0.0/33', which is not an IP address or CIDR range (like 10.0.0.0/8)",
                message(Map.of("PORTCULLIS_TRUSTED_PROXIES", "10.0.0.0/33")));
    }

    @Test
    void slowClientTimeoutsAndTheMetricsTokenHaveDefaultsAndAreChecked() {
        Config.Server defaults = ConfigLoader.load(Map.of()).server();
        assertEquals(java.time.Duration.ofSeconds(10), defaults.headerTimeout());
        assertEquals(java.time.Duration.ofSeconds(30), defaults.bodyTimeout());
        assertTrue(defaults.metricsToken().isEmpty());
        Config.Server set = ConfigLoader.load(Map.of("PORTCULLIS_HEADER_TIMEOUT_SECONDS", "5", "PORTCULLIS_BODY_TIMEOUT_SECONDS", "60",
                "PORTCULLIS_METRICS_TOKEN", "scrape-me")).server();
        assertEquals(java.time.Duration.ofSeconds(5), set.headerTimeout());
        assertEquals(java.time.Duration.ofSeconds(60), set.bodyTimeout());
        assertEquals("scrape-me", set.metricsToken().orElseThrow());
        assertEquals("PORTCULLIS_HEADER_TIMEOUT_SECONDS must be a positive number", message(Map.of("PORTCULLIS_HEADER_TIMEOUT_SECONDS", "0")));
        assertEquals("PORTCULLIS_BODY_TIMEOUT_SECONDS must be a whole number, got '1m'", message(Map.of("PORTCULLIS_BODY_TIMEOUT_SECONDS", "1m")));
    }

    private static String message(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(env)).getMessage();
    }
}
