package dev.portcullis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import dev.portcullis.support.Db;
import dev.portcullis.support.TestServer;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every path that writes an app (registration, dashboard, import, /manage) goes through
 * {@link AppService}, so its cap on redirect URIs holds for all of them; an app stored before the
 * cap still loads.
 */
class RedirectUriCapTest {
    static List<RedirectUri> uris(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new RedirectUri("https://app.example/cb" + i)).toList();
    }

    @Test
    void twentyRedirectUrisAreAcceptedAndTheTwentyFirstIsRefusedNamingTheField() {
        AppSettings base = AppSettings.defaults("Many callbacks", AuthMethod.CLIENT_SECRET_BASIC);
        try (TestServer server = TestServer.start(Db.SQLITE)) {
            AppService apps = server.portcullis().apps();
            assertEquals(20, apps.create(Actor.system(), Optional.empty(), base.withRedirectUris(uris(20))).app().redirectUris().size());
            OAuthException refused = assertThrows(OAuthException.class,
                    () -> apps.create(Actor.system(), Optional.empty(), base.withRedirectUris(uris(21))));
            var validation = assertInstanceOf(Failure.Validation.class, refused.error());
            assertEquals("redirect_uris", validation.field());
            assertEquals("At most 20 redirect URIs", validation.description());
        }
    }

    @Test
    void settingsOverTheCapStillBuildSoAnAppStoredBeforeItLoads() {
        assertEquals(21, AppSettings.defaults("Old", AuthMethod.NONE).withRedirectUris(uris(21)).redirectUris().size());
    }

    @Test
    void duplicatesCountOnce() {
        var twice = new java.util.ArrayList<>(uris(20));
        twice.addAll(uris(20));
        assertEquals(20, AppSettings.defaults("Twice", AuthMethod.NONE).withRedirectUris(twice).redirectUris().size());
    }
}
