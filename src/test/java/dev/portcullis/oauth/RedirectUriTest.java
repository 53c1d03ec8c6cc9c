package dev.portcullis.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedirectUriTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "https://app.example.com/callback",
            "https://app.example.com/cb?x=1",
            "http://localhost:3050/integrations/portcullis/callback",
            "http://127.0.0.1/cb",
            "http://[::1]:8080/cb",
            "com.example.app:/oauth2redirect"})
    void acceptedRedirectUris(String uri) {
        var check = assertInstanceOf(RedirectUri.Check.Valid.class, RedirectUri.check(uri));
        assertEquals(uri, check.uri().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://app.example.com/callback",
            "https://app.example.com/cb#frag",
            "https://*.example.com/cb",
            "/relative/cb",
            "javascript:alert(1)",
            "myapp:/cb",
            "https:///nohost",
            "not a uri",
            " https://app.example.com/cb",
            "http://user:pass@127.0.0.1/cb",
            "https://app.example.com@evil.example/cb",
            "http://127.0.0.1:99999/cb",
            ""})
    void refusedRedirectUris(String uri) {
        assertInstanceOf(RedirectUri.Check.Invalid.class, RedirectUri.check(uri));
    }

    @Test
    void matchIsExactButLoopbackMayDifferInPort() {
        var registered = List.of(new RedirectUri("https://app.example.com/cb"), new RedirectUri("http://127.0.0.1/cb"));
        assertTrue(RedirectUri.match("https://app.example.com/cb", registered).isPresent());
        assertTrue(RedirectUri.match("http://127.0.0.1:51234/cb", registered).isPresent());
        assertTrue(RedirectUri.match("https://app.example.com/cb/", registered).isEmpty());
        assertTrue(RedirectUri.match("https://app.example.com/c", registered).isEmpty());
        assertTrue(RedirectUri.match("https://APP.example.com/cb", registered).isEmpty());
        assertTrue(RedirectUri.match("https://app.example.com/cb?x=1", registered).isEmpty());
        assertTrue(RedirectUri.match("http://127.0.0.1:51234/other", registered).isEmpty());
        assertTrue(RedirectUri.match("http://127.0.0.1:5/cb?evil=1", registered).isEmpty());
        assertTrue(RedirectUri.match(null, registered).isEmpty());
    }

    @Test
    void isAtComparesTheBrowserOriginWithDefaultPortsLeftOut() {
        assertTrue(new RedirectUri("https://App.Example.com:443/cb").isAt("https://app.example.com"));
        assertTrue(new RedirectUri("http://localhost:3000/cb").isAt("http://localhost:3000"));
        assertTrue(new RedirectUri("http://localhost:3000/cb").isAt("http://localhost:3001"), "loopback: any port (RFC 8252)");
        assertTrue(new RedirectUri("http://127.0.0.1/cb").isAt("http://127.0.0.1:5173"));
        assertFalse(new RedirectUri("http://127.0.0.1/cb").isAt("http://localhost:5173"), "another host is another origin");
        assertFalse(new RedirectUri("https://app.example.com:8443/cb").isAt("https://app.example.com:9443"));
        assertFalse(new RedirectUri("http://127.0.0.1/cb").isAt("not an origin"));
        assertFalse(new RedirectUri("http://127.0.0.1/cb").isAt("http://127.0.0.1:5555?x"), "an origin has no query");
        assertFalse(new RedirectUri("https://app.example.com/cb").isAt("http://app.example.com"));
        assertFalse(new RedirectUri("https://app.example.com/cb").isAt("https://app.example.com.evil.net"));
        assertFalse(new RedirectUri("com.example.app:/cb").isAt("null"));
    }
}
