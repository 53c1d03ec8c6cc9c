package dev.portcullis.externallogin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.Core;
import dev.portcullis.config.ConfigException;
import dev.portcullis.config.ConfigLoader;
import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.manage.SetupImport;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The environment's defaults, and the import file's overrides, which survive in the database. */
class LoginSettingsTest {

    @Test
    void environmentGivesTheDefaultsAndRefusesAPageThatIsNotAnHttpUrl() {
        var login = ConfigLoader.load(Map.of("PORTCULLIS_EXTERNAL_LOGIN_URI", "https://app.example.com/login?x=1",
                "PORTCULLIS_PASSWORD_LOGIN", "false")).login();
        assertEquals(Optional.of(URI.create("https://app.example.com/login?x=1")), login.externalLoginUri());
        assertFalse(login.passwordLogin());
        assertTrue(ConfigLoader.load(Map.of()).login().passwordLogin());
        assertTrue(ConfigLoader.load(Map.of()).login().externalLoginUri().isEmpty());
        for (String bad : new String[] {"javascript:alert(1)", "/login", "https://app.example.com/login#top", "ftp://x.example/"}) {
            var e = assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of("PORTCULLIS_EXTERNAL_LOGIN_URI", bad)));
            assertTrue(e.getMessage().startsWith("PORTCULLIS_EXTERNAL_LOGIN_URI"), e.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(Db.class)
    void importFileSetsTheExternalLoginAndRefusesABadOneByPathApplyingNothing(Db db) {
        try (var server = TestServer.start(db)) {
            Core core = server.portcullis().core();
            var setup = new SetupImport(core.database(), core.identity(), core.provisioning(), core.apps(), core.apiKeys(),
                    core.resources(), core.scopeCheck(), core.ids(), core.upstreamProviders(),
                    dev.portcullis.ExchangeWiring.of(core).setupImport(), core.events(), core.webhooks());
            var settings = new LoginSettings(core.database(), core.config().login(), core.upstreamProviders());

            var bad = assertThrows(OAuthException.class, () -> setup.run("""
                    {"users": [{"email": "ada@example.com", "name": "Ada", "password": "correct horse battery"}],
                     "external_login": {"external_login_uri": "not a url"}}"""));
            assertEquals("$.external_login.external_login_uri", ((Failure.Validation) bad.error()).field());
            assertTrue(core.identity().findByEmail("ada@example.com").isEmpty());

            setup.run("""
                    {"external_login": {"external_login_uri": "https://app.example.com/login", "password_login": false}}""");
            assertEquals(Optional.of(URI.create("https://app.example.com/login")), settings.current().externalLoginUri());
            assertFalse(settings.current().passwordLogin());
            setup.run("""
                    {"external_login": {"password_login": true}}""");
            assertEquals(Optional.of(URI.create("https://app.example.com/login")), settings.current().externalLoginUri(),
                    "an absent field is kept");
            assertTrue(settings.current().passwordLogin());
        }
    }
}
