package dev.portcullis.registration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.events.Actor;
import dev.portcullis.apps.App;
import dev.portcullis.apps.AppService;
import dev.portcullis.apps.AppSettings;
import dev.portcullis.apps.SelfRegisteredApps;
import dev.portcullis.config.Config;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.error.OAuthError;
import dev.portcullis.error.OAuthException;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.JsonBody;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.ratelimit.RateLimits;
import dev.portcullis.scopes.ScopeCatalog;
import dev.portcullis.secrets.SecretHash;
import dev.portcullis.secrets.Token;
import dev.portcullis.secrets.TokenKind;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /oauth2/register} (RFC 7591) and {@code GET|PUT|DELETE /oauth2/register/{client_id}}
 * (RFC 7592), managed with the registration access token. A wrong token and an unknown client
 * look the same (401), so the endpoint never tells whether a client exists.
 */
public final class RegistrationEndpoint implements Routes {
    static final String PATH = "/oauth2/register";

    private final AppService apps;
    private final SelfRegisteredApps registered;
    private final ClientMetadata metadata;
    private final Config.Registration policy;
    private final RateLimiter perAddress;
    private final ClientAddress clientAddress;
    private final String issuer;

    public RegistrationEndpoint(AppService apps, SelfRegisteredApps registered, ScopeCatalog scopes, Config config, RateLimits limits,
                                ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
        this.apps = apps;
        this.registered = registered;
        this.metadata = new ClientMetadata(scopes, config.keys().algorithm(), config.registration().allowImplicit());
        this.policy = config.registration();
        this.perAddress = limits.per("registration", config.limits().registrationsPerHour(), Duration.ofHours(1));
        this.issuer = config.server().issuer().toString();
    }

    @Override
    public void mount(RouteTable r) {
        r.post(PATH, this::register);
        r.get(PATH + "/{client_id}", this::read);
        r.put(PATH + "/{client_id}", this::update);
        r.delete(PATH + "/{client_id}", this::delete);
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.OAUTH_JSON;
    }

    private void register(ServerRequest req, ServerResponse res) {
        if (policy.policy() == Config.RegistrationPolicy.OFF) {
            throw new OAuthException(new OAuthError.AccessDenied("Dynamic client registration is turned off on this server"));
        }
        perAddress.acquire(clientAddress.of(req));
        boolean initialToken = policy.policy() == Config.RegistrationPolicy.TOKEN;
        if (initialToken) checkInitialAccessToken(req);
        AppSettings settings = metadata.settings(body(req), ClientMetadata.Source.REGISTRATION, "Self-registered client");
        SelfRegisteredApps.Registered created = registered.selfRegister(Actor.anonymous(origin(req)), initialToken, settings);
        res.header(HeaderNames.LOCATION, RegistrationResponse.clientUri(issuer, created.app().clientId()));
        Json.send(res, 201, RegistrationResponse.of(created.app(), issuer, created.clientSecret(),
                created.registrationAccessToken()));
    }

    private void read(ServerRequest req, ServerResponse res) {
        String token = registrationToken(req);
        App app = registered.findRegistered(clientId(req), SecretHash.of(token)).orElseThrow(RegistrationEndpoint::unknown);
        Json.send(res, 200, RegistrationResponse.of(app, issuer, Optional.empty(), token));
    }

    /** RFC 7592 §2.2: the body replaces every field; the client cannot pick its secret or switch type. */
    private void update(ServerRequest req, ServerResponse res) {
        String token = registrationToken(req);
        String clientId = clientId(req);
        SecretHash hash = SecretHash.of(token);
        registered.findRegistered(clientId, hash).orElseThrow(RegistrationEndpoint::unknown);
        JsonNode body = body(req);
        if (!clientId.equals(body.path("client_id").asText())) throw ClientMetadata.invalid("client_id must be this client's");
        if (body.hasNonNull("client_secret") && !apps.verifySecret(clientId, body.get("client_secret").asText())) {
            throw ClientMetadata.invalid("client_secret does not match the issued one (it cannot be chosen)");
        }
        AppSettings next = metadata.settings(body, ClientMetadata.Source.REGISTRATION, "Self-registered client");
        App app = registered.updateRegistered(Actor.client(clientId, origin(req)), clientId, hash, current -> {
            if (current.authMethod() != next.authMethod()) {
                throw ClientMetadata.invalid("token_endpoint_auth_method cannot change; register a new client instead");
            }
            return next;
        }).orElseThrow(RegistrationEndpoint::unknown);
        Json.send(res, 200, RegistrationResponse.of(app, issuer, Optional.empty(), token));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        String clientId = clientId(req);
        if (!registered.deleteRegistered(Actor.client(clientId, origin(req)), clientId, SecretHash.of(registrationToken(req)))) {
            throw unknown();
        }
        res.status(204).send();
    }

    /** Where the request came from, for the audit event. */
    private Actor.Origin origin(ServerRequest req) {
        return Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
    }

    /** The initial access token of RFC 7591 §3, compared in constant time. */
    private void checkInitialAccessToken(ServerRequest req) {
        String expected = policy.initialToken().orElseThrow();
        Optional<String> presented = bearer(req);
        if (presented.isEmpty() || !SecretHash.of(expected).matches(presented.get())) {
            throw new OAuthException(new OAuthError.InvalidToken("Registration needs a valid initial access token"));
        }
    }

    /** A well-formed pc_reg_ token from the Authorization header; anything else is refused before any lookup. */
    private static String registrationToken(ServerRequest req) {
        return bearer(req).flatMap(Token::parse).filter(t -> t.kind() == TokenKind.REGISTRATION_TOKEN)
                .map(Token::value).orElseThrow(RegistrationEndpoint::unknown);
    }

    private static Optional<String> bearer(ServerRequest req) {
        return req.headers().first(HeaderNames.AUTHORIZATION).map(AuthorizationHeader::parse).flatMap(AuthorizationHeader::bearer);
    }

    private static String clientId(ServerRequest req) {
        return req.path().pathParameters().get("client_id");
    }

    /** RFC 7591 §3.2.2: a body that is not a JSON object is invalid_client_metadata. */
    private static JsonNode body(ServerRequest req) {
        return JsonBody.read(req, OAuthError.InvalidClientMetadata::new).object();
    }

    private static OAuthException unknown() {
        return new OAuthException(new OAuthError.InvalidToken("Unknown client or invalid registration access token"));
    }
}
