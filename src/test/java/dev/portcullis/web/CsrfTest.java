package dev.portcullis.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import dev.portcullis.identity.LoginSession;
import dev.portcullis.identity.User;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsrfTest {
    private static final SignedIn VIEWER = new SignedIn(new User("u1", "a@x.io", "A", false, Instant.EPOCH),
            new LoginSession("u1", "token-of-the-session", Instant.EPOCH));

    @Test
    void matchingTokenPasses() {
        Csrf.check(VIEWER, new Params(Map.of("csrf", "token-of-the-session")));
    }

    @Test
    void missingEmptyOrWrongTokenIsAccessDenied() {
        for (var form : new Params[] {new Params(Map.of()), new Params(Map.of("csrf", "")),
                new Params(Map.of("csrf", "token-of-the-sessio")), new Params(Map.of("csrf", "token-of-the-session "))}) {
            var e = assertThrows(OAuthException.class, () -> Csrf.check(VIEWER, form));
            assertInstanceOf(OAuthError.AccessDenied.class, e.error());
        }
    }

    @Test
    void emptyExpectedNeverMatches() {
        assertFalse(Csrf.matches("", ""));
        assertTrue(Csrf.matches("x", "x"));
    }
}
