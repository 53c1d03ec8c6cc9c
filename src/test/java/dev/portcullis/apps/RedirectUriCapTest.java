package dev.portcullis.apps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import dev.portcullis.oauth.RedirectUri;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Every path that writes an app (registration, dashboard, import, /manage) builds {@link AppSettings},
 * so its cap on redirect URIs holds for all of them.
 */
class RedirectUriCapTest {
    static List<RedirectUri> uris(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new RedirectUri("https://app.example/cb" + i)).toList();
    }

    @Test
    void twentyRedirectUrisAreAcceptedAndTheTwentyFirstIsRefusedNamingTheField() {
        AppSettings base = AppSettings.defaults("Many callbacks", AuthMethod.CLIENT_SECRET_BASIC);
        assertEquals(20, base.withRedirectUris(uris(20)).redirectUris().size());
        OAuthException refused = assertThrows(OAuthException.class, () -> base.withRedirectUris(uris(21)));
        var validation = assertInstanceOf(OAuthError.Validation.class, refused.error());
        assertEquals("redirect_uris", validation.field());
        assertEquals("At most 20 redirect URIs", validation.description());
    }

    @Test
    void duplicatesCountOnce() {
        var twice = new java.util.ArrayList<>(uris(20));
        twice.addAll(uris(20));
        assertEquals(20, AppSettings.defaults("Twice", AuthMethod.NONE).withRedirectUris(twice).redirectUris().size());
    }
}
