package dev.portcullis.examples.springapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portcullis.examples.springapi.PortcullisSettings.TokenCheck;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PortcullisSettingsTest {
    @Test
    void audienceDefaultsToTheBuiltInApiOfTheIssuer() {
        var settings = new PortcullisSettings(URI.create("https://auth.example.com/"), null, "", null, null);
        assertEquals(TokenCheck.JWT, settings.tokenCheck());
        assertEquals("https://auth.example.com/v2", settings.audience());
        assertEquals("https://auth.example.com/oauth2/introspect", settings.introspectionUri());
    }

    @Test
    void introspectionWithoutClientCredentialsIsRefusedNamingThem() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new PortcullisSettings(URI.create("http://localhost:8080"), TokenCheck.INTROSPECTION, null, "api", ""));
        assertTrue(e.getMessage().contains("SPRING_API_CLIENT_SECRET"), e.getMessage());
    }

    @Test
    void relativeIssuerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PortcullisSettings(URI.create("localhost"), null, null, null, null));
    }
}
