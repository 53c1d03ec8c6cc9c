package dev.portcullis.apps;

import dev.portcullis.clientauth.ClientAssertion;
import dev.portcullis.clientauth.ClientAssertions;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import dev.portcullis.oauth.AuthMethod;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Authenticates the client at the token, introspection and revocation endpoints (RFC 6749
 * §2.3): client_secret_basic, client_secret_post, private_key_jwt (RFC 7523 §2.2), or none for
 * public clients. An app with a secret may present it either way, whichever it registered (as
 * Keycloak does): Spring Security and authlib send Basic to apps registered for post and the
 * reverse. Using two methods at once (§2.3), no credentials for a confidential app, or a
 * credential of another kind than the app's, is invalid_client.
 */
public final class ClientAuthenticator {
    private final AppService apps;
    private final ClientLookup clients;
    private final ClientAssertions assertions;

    public ClientAuthenticator(AppService apps, ClientLookup clients, ClientAssertions assertions) {
        this.apps = apps;
        this.clients = clients;
        this.assertions = assertions;
    }

    public App authenticate(Optional<String> authorization, Params params) {
        Optional<String[]> basic = authorization.filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6)).map(ClientAuthenticator::decodeBasic);
        boolean basicUsed = basic.isPresent();
        boolean assertionUsed = params.has("client_assertion") || params.has("client_assertion_type");
        if (basicUsed && (params.has("client_secret") || params.get("client_id").filter(id -> !id.equals(basic.get()[0])).isPresent())
                || assertionUsed && (basicUsed || params.has("client_secret"))) {
            throw invalid("Use one client authentication method only", basicUsed);
        }
        if (assertionUsed) return checkAssertion(params);
        if (basicUsed) return check(basic.get()[0], Optional.of(basic.get()[1]), AuthMethod.CLIENT_SECRET_BASIC, true);
        String clientId = params.get("client_id").orElseThrow(() -> invalid("Client authentication is required", false));
        Optional<String> secret = params.get("client_secret");
        return check(clientId, secret, secret.isPresent() ? AuthMethod.CLIENT_SECRET_POST : AuthMethod.NONE, false);
    }

    /**
     * The client a request names in {@code client_id}, unauthenticated: for deciding only whether
     * its own page may read a refusal (CORS), never for granting anything.
     */
    public Optional<App> named(Params params) {
        return params.get("client_id").flatMap(clients::find);
    }

    private App check(String clientId, Optional<String> secret, AuthMethod used, boolean basicUsed) {
        App app = registered(clientId, used, basicUsed);
        if (secret.isPresent() && !apps.verifyClientSecret(clientId, secret.get())) {
            throw invalid("Unknown client or wrong credentials", basicUsed);
        }
        return app;
    }

    /** RFC 7521 §4.2: client_id is optional beside an assertion, and must be its subject when sent. */
    private App checkAssertion(Params params) {
        String type = params.get("client_assertion_type").orElseThrow(() -> invalid("client_assertion_type is required", false));
        if (!ClientAssertion.TYPE.equals(type)) throw invalid("client_assertion_type must be " + ClientAssertion.TYPE, false);
        ClientAssertion assertion = ClientAssertion.parse(params.get("client_assertion")
                .orElseThrow(() -> invalid("client_assertion is required", false)));
        String clientId = params.get("client_id").or(assertion::subject)
                .orElseThrow(() -> invalid("The client assertion names no client (sub)", false));
        if (assertion.subject().filter(clientId::equals).isEmpty()) {
            throw invalid("client_id is not the client assertion's subject", false);
        }
        App app = registered(clientId, AuthMethod.PRIVATE_KEY_JWT, false);
        assertions.verify(assertion, app.clientId(), app.clientKeys());
        return app;
    }

    private App registered(String clientId, AuthMethod used, boolean basicUsed) {
        App app = clients.find(clientId).filter(App::oauthEnabled)
                .orElseThrow(() -> invalid("Unknown client or wrong credentials", basicUsed));
        if (!accepts(app.authMethod(), used)) {
            throw invalid("Client is registered for " + app.authMethod().wireName() + " authentication", basicUsed);
        }
        return app;
    }

    private static boolean accepts(AuthMethod registered, AuthMethod used) {
        return registered == used || (registered.usesSecret() && used.usesSecret());
    }

    /** RFC 6749 §2.3.1: id and secret are form-urlencoded before being joined with ':'. */
    private static String[] decodeBasic(String header) {
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) throw invalid("Malformed Basic credentials", true);
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            throw invalid("Malformed Basic credentials", true);
        }
    }

    private static OAuthException invalid(String description, boolean basicUsed) {
        return new OAuthException(new OAuthError.InvalidClient(description, basicUsed));
    }
}
