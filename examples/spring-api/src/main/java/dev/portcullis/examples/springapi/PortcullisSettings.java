package dev.portcullis.examples.springapi;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Portcullis is and how a token is checked. Set by environment variables through
 * {@code application.properties}; an incomplete setting stops start-up with one line naming it.
 *
 * @param issuer       Portcullis's issuer ({@code PORTCULLIS_ISSUER} there); every token's {@code iss}
 * @param tokenCheck   {@code jwt}: verify JWT access tokens locally; {@code introspection}: ask Portcullis
 * @param audience     the {@code aud} a JWT access token must name; empty: {@code <issuer>/v2}
 * @param clientId     introspection only: a Portcullis app with {@code resource_server: true}
 * @param clientSecret its secret
 */
@ConfigurationProperties("spring-api")
public record PortcullisSettings(URI issuer, TokenCheck tokenCheck, String audience, String clientId, String clientSecret) {

    /** The two ways to check a Portcullis access token. */
    public enum TokenCheck { JWT, INTROSPECTION }

    public PortcullisSettings {
        if (issuer == null || !issuer.isAbsolute()) {
            throw new IllegalArgumentException("PORTCULLIS_URL must be Portcullis's issuer URL, e.g. http://localhost:8080");
        }
        issuer = URI.create(issuer.toString().replaceAll("/+$", ""));
        tokenCheck = tokenCheck == null ? TokenCheck.JWT : tokenCheck;
        audience = audience == null || audience.isBlank() ? issuer + "/v2" : audience;
        if (tokenCheck == TokenCheck.INTROSPECTION && (blank(clientId) || blank(clientSecret))) {
            throw new IllegalArgumentException("SPRING_API_TOKEN_CHECK=introspection needs SPRING_API_CLIENT_ID and "
                    + "SPRING_API_CLIENT_SECRET of a Portcullis app with resource_server: true");
        }
    }

    /** RFC 7662: Portcullis's introspection endpoint. */
    public String introspectionUri() {
        return issuer + "/oauth2/introspect";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
