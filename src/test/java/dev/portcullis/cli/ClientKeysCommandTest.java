package dev.portcullis.cli;

import static dev.portcullis.cli.AdminCommandTest.ok;
import static dev.portcullis.cli.AdminCommandTest.open;
import static dev.portcullis.cli.AdminCommandTest.run;
import static dev.portcullis.cli.ImportCommandTest.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.portcullis.Core;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.support.Db;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** private_key_jwt apps from the command line: {@code admin app create} and {@code admin import}. */
class ClientKeysCommandTest {
    static final String USERS = """
            "users": [{"email": "ada@example.com", "name": "Ada Lovelace", "password": "correct horse battery"}]""";

    @ParameterizedTest
    @EnumSource(Db.class)
    void appCreateWithAJwksFileOrJwksUriMakesAKeyBasedAppWithoutSecret(Db db) throws Exception {
        Map<String, String> env = AdminCommandTest.env(db);
        ok(env, "admin", "user", "create", "--email", "ada@example.com", "--name", "Ada");
        var key = new ECKeyGenerator(Curve.P_256).keyID("cli").generate();
        String jwksFile = write(new JWKSet(key).toPublicJWKSet().toString()).toString();
        JsonNode byFile = ok(env, "admin", "app", "create", "--name", "Signer", "--owner", "ada@example.com",
                "--auth-method", "private_key_jwt", "--grant-type", "client_credentials", "--jwks-file", jwksFile,
                "--auth-signing-alg", "ES256", "--json").json();
        assertFalse(byFile.has("client_secret"));
        assertEquals("private_key_jwt", byFile.get("token_endpoint_auth_method").asText());
        assertEquals("cli", byFile.get("jwks").get("keys").get(0).get("kid").asText());
        assertEquals("ES256", byFile.get("token_endpoint_auth_signing_alg").asText());
        JsonNode byUri = ok(env, "admin", "app", "create", "--name", "Fetcher", "--owner", "ada@example.com",
                "--auth-method", "private_key_jwt", "--grant-type", "client_credentials",
                "--jwks-uri", "https://signer.example/jwks.json", "--json").json();
        assertEquals("https://signer.example/jwks.json", byUri.get("jwks_uri").asText());

        var leaked = run(env, "admin", "app", "create", "--name", "Leak", "--owner", "ada@example.com", "--auth-method",
                "private_key_jwt", "--jwks-file", write(new JWKSet(key).toString(false)).toString());
        assertEquals(1, leaked.exit());
        assertTrue(leaked.err().contains("public keys only"), leaked.err());
        var noKeys = run(env, "admin", "app", "create", "--name", "Keyless", "--owner", "ada@example.com", "--auth-method",
                "private_key_jwt");
        assertEquals(1, noKeys.exit());
        assertTrue(noKeys.err().contains("jwks or jwks_uri"), noKeys.err());
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void importSetsKeysIdempotentlyAndRefusesASecretForAKeyBasedApp(Db db) throws Exception {
        Map<String, String> env = AdminCommandTest.env(db);
        var key = new ECKeyGenerator(Curve.P_256).keyID("imported").generate();
        String file = """
                {%s, "apps": [{"client_id": "signer", "name": "Signer", "owner": "ada@example.com",
                  "token_endpoint_auth_method": "private_key_jwt", "grant_types": ["client_credentials"],
                  "jwks": %s, "token_endpoint_auth_signing_alg": "ES256"}]}""".formatted(USERS, new JWKSet(key).toPublicJWKSet());
        ok(env, "admin", "import", write(file).toString());
        String moved = file.replace("\"jwks\": " + new JWKSet(key).toPublicJWKSet(), "\"jwks_uri\": \"https://signer.example/jwks\"");
        ok(env, "admin", "import", write(moved).toString());
        try (Core core = open(env)) {
            var app = core.apps().find("signer").orElseThrow();
            assertEquals(AuthMethod.PRIVATE_KEY_JWT, app.authMethod());
            assertEquals("https://signer.example/jwks", app.clientKeys().jwksUri().orElseThrow());
            assertTrue(app.clientKeys().jwks().isEmpty(), "a jwks_uri replaces the jwks");
            assertEquals(1L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM apps")));
            assertEquals(0L, (long) core.database().read(tx -> tx.count("SELECT count(*) AS n FROM client_secrets")));
        }
        var secret = run(env, "admin", "import", write(moved.replace("\"client_id\": \"signer\",",
                "\"client_id\": \"signer\", \"client_secret\": \"at least 32 characters of secret ........\",")).toString());
        assertEquals(1, secret.exit());
        assertTrue(secret.err().contains("$.apps[0].client_secret"), secret.err());
        var privateKey = run(env, "admin", "import", write(file.replace(new JWKSet(key).toPublicJWKSet().toString(),
                new JWKSet(key).toString(false))).toString());
        assertEquals(1, privateKey.exit());
        assertTrue(privateKey.err().contains("$.apps[0].jwks: jwks must hold public keys only"), privateKey.err());
    }
}
