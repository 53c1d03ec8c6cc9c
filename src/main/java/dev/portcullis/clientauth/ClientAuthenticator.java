package dev.portcullis.clientauth;

import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.oauth.AuthMethod;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Authenticates the client at the token, introspection and revocation endpoints (RFC 6749
 * §2.3): client_secret_basic, client_secret_post, private_key_jwt (RFC 7523 §2.2), or none for
 * public clients. An app with a secret may present it either way, whichever it registered (as
 * Keycloak does): Spring Security and authlib send Basic to apps registered for post and the
 * reverse. Using two methods at once (§2.3), no credentials for a confidential app, or a
 * credential of another kind than the app's, is invalid_client.
 *
 * @param <C> the registered client type it finds and returns (the app)
 */
public final class ClientAuthenticator<C extends RegisteredClient> {
    private final Function<String, Optional<C>> clients;
    private final BiPredicate<String, String> secretValid;
    private final ClientAssertions assertions;

    /** {@code clients} finds a client by id; {@code secretValid} says whether a secret is a live one of that client. */
    public ClientAuthenticator(Function<String, Optional<C>> clients, BiPredicate<String, String> secretValid,
                               ClientAssertions assertions) {
        this.clients = clients;
        this.secretValid = secretValid;
        this.assertions = assertions;
    }

    public C authenticate(ClientAuthRequest request) {
        Optional<AuthorizationHeader.Basic> basic = basic(request.header().firstSent());
        boolean basicUsed = basic.isPresent();
        boolean assertionUsed = request.assertion().isPresent() || request.assertionType().isPresent();
        Optional<String> clientId = nonEmpty(request.clientId());
        if (basicUsed && (request.clientSecret().isPresent() || clientId.filter(id -> !id.equals(basic.get().userId())).isPresent())
                || assertionUsed && (basicUsed || request.clientSecret().isPresent())) {
            throw invalid("Use one client authentication method only", basicUsed);
        }
        if (assertionUsed) return checkAssertion(request, clientId);
        if (basicUsed) return check(basic.get().userId(), Optional.of(basic.get().password()), AuthMethod.CLIENT_SECRET_BASIC, true);
        Optional<String> secret = nonEmpty(request.clientSecret());
        return check(clientId.orElseThrow(() -> invalid("Client authentication is required", false)), secret,
                secret.isPresent() ? AuthMethod.CLIENT_SECRET_POST : AuthMethod.NONE, false);
    }

    /**
     * The client a request names in {@code client_id}, unauthenticated: for deciding only whether
     * its own page may read a refusal (CORS), never for granting anything.
     */
    public Optional<C> named(ClientAuthRequest request) {
        return nonEmpty(request.clientId()).flatMap(clients);
    }

    private C check(String clientId, Optional<String> secret, AuthMethod used, boolean basicUsed) {
        C client = registered(clientId, used, basicUsed);
        if (secret.isPresent() && !secretValid.test(clientId, secret.get())) {
            throw invalid("Unknown client or wrong credentials", basicUsed);
        }
        return client;
    }

    /** RFC 7521 §4.2: client_id is optional beside an assertion, and must be its subject when sent. */
    private C checkAssertion(ClientAuthRequest request, Optional<String> named) {
        String type = nonEmpty(request.assertionType()).orElseThrow(() -> invalid("client_assertion_type is required", false));
        if (!ClientAssertion.TYPE.equals(type)) throw invalid("client_assertion_type must be " + ClientAssertion.TYPE, false);
        ClientAssertion assertion = ClientAssertion.parse(nonEmpty(request.assertion())
                .orElseThrow(() -> invalid("client_assertion is required", false)));
        String clientId = named.or(assertion::subject)
                .orElseThrow(() -> invalid("The client assertion names no client (sub)", false));
        if (assertion.subject().filter(clientId::equals).isEmpty()) {
            throw invalid("client_id is not the client assertion's subject", false);
        }
        C client = registered(clientId, AuthMethod.PRIVATE_KEY_JWT, false);
        assertions.verify(assertion, client.clientId(), client.clientKeys(), client.issuerOnlyAudience());
        return client;
    }

    private C registered(String clientId, AuthMethod used, boolean basicUsed) {
        C client = clients.apply(clientId).filter(RegisteredClient::oauthEnabled)
                .orElseThrow(() -> invalid("Unknown client or wrong credentials", basicUsed));
        if (!accepts(client.authMethod(), used)) {
            throw invalid("Client is registered for " + client.authMethod().wireName() + " authentication", basicUsed);
        }
        return client;
    }

    private static boolean accepts(AuthMethod registered, AuthMethod used) {
        return registered == used || (registered.usesSecret() && used.usesSecret());
    }

    /** RFC 6749 §2.3.1: the id and secret of a Basic header are form-decoded; an empty id is no client. */
    private static Optional<AuthorizationHeader.Basic> basic(AuthorizationHeader header) {
        return switch (header) {
            case AuthorizationHeader.Basic sent -> Optional.of(sent.formDecoded().filter(b -> !b.userId().isEmpty())
                    .orElseThrow(() -> invalid("Malformed Basic credentials", true)));
            case AuthorizationHeader.MalformedBasic malformed -> throw invalid("Malformed Basic credentials", true);
            // Another scheme is not client authentication: a Bearer at introspection is the resource server's.
            case AuthorizationHeader.Absent a -> Optional.empty();
            case AuthorizationHeader.Several s -> Optional.empty();
            case AuthorizationHeader.Bearer b -> Optional.empty();
            case AuthorizationHeader.DPoP d -> Optional.empty();
            case AuthorizationHeader.OtherScheme o -> Optional.empty();
        };
    }

    /** A field sent empty counts as sent (two methods) but names nothing. */
    private static Optional<String> nonEmpty(Optional<String> field) {
        return field.filter(v -> !v.isEmpty());
    }

    private static OAuthException invalid(String description, boolean basicUsed) {
        return new OAuthException(new OAuthError.InvalidClient(description, basicUsed));
    }
}
