package dev.portcullis.api.routes;

import dev.portcullis.api.Principal;
import dev.portcullis.api.members.MembersEndpoint;
import dev.portcullis.api.objects.ObjectsEndpoint;
import dev.portcullis.api.tasks.TasksEndpoint;
import dev.portcullis.api.webhooks.WebhooksEndpoint;
import dev.portcullis.config.ConfigException;
import dev.portcullis.credentials.AccessTokenCredential;
import dev.portcullis.credentials.Credential;
import dev.portcullis.credentials.AuthorizationHeader;
import dev.portcullis.credentials.CredentialResolver;
import dev.portcullis.dpop.BoundTokens;
import dev.portcullis.dpop.DPoPProofs;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.Json;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.introspect.IntrospectionBody;
import dev.portcullis.ratelimit.RateLimiter;
import dev.portcullis.resources.KnownResources;
import dev.portcullis.scopes.Scope;
import dev.portcullis.scopes.ScopeCatalog;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Mounts every {@link ApiRoute} behind the same steps, in order: read the credential (401),
 * resolve it (401), rate-limit it per credential (429), check the route's scopes (403), then
 * the route's handler. The exhaustive switch in {@link #handler} makes a new route a compile
 * error until it has one.
 */
public final class ApiRoutes implements Routes {
    private static final HeaderName DPOP = HeaderNames.create(DPoPProofs.HEADER);
    private final CredentialResolver resolver;
    private final BoundTokens boundTokens;
    private final String thisApi;
    private final RateLimiter reads;
    private final RateLimiter writes;
    private final URI issuer;
    private final TasksEndpoint tasks;
    private final MembersEndpoint members;
    private final ObjectsEndpoint objects;
    private final WebhooksEndpoint webhooks;

    /** {@code reads}, {@code writes}: the per-credential limits of reading and writing routes. */
    public ApiRoutes(ScopeCatalog scopes, CredentialResolver resolver, URI issuer, RateLimiter reads, RateLimiter writes,
                     TasksEndpoint tasks, MembersEndpoint members, ObjectsEndpoint objects, WebhooksEndpoint webhooks,
                     BoundTokens boundTokens) {
        requireKnown(scopes);
        this.boundTokens = boundTokens;
        this.resolver = resolver;
        this.thisApi = KnownResources.builtInApi(issuer.toString());
        this.reads = reads;
        this.writes = writes;
        this.issuer = issuer;
        this.tasks = tasks;
        this.members = members;
        this.objects = objects;
        this.webhooks = webhooks;
    }

    @Override
    public void mount(RouteTable routing) {
        for (ApiRoute route : ApiRoute.values()) {
            ApiHandler handler = handler(route);
            routing.route(route.method(), route.path(), (req, res) -> serve(route, handler, req, res));
        }
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    private ApiHandler handler(ApiRoute route) {
        return switch (route) {
            case SELF -> (principal, req, res) -> Json.send(res, 200, IntrospectionBody.active(principal.credential(), issuer));
            case LIST_TASKS -> tasks::list;
            case GET_TASK -> tasks::get;
            case CREATE_TASK -> tasks::create;
            case UPDATE_TASK -> tasks::update;
            case DELETE_TASK -> tasks::delete;
            case LIST_MEMBERS -> members::list;
            case GET_MEMBER -> members::get;
            case LIST_OBJECTS -> objects::list;
            case GET_OBJECT -> objects::get;
            case LIST_WEBHOOKS -> webhooks::list;
            case GET_WEBHOOK -> webhooks::get;
            case CREATE_WEBHOOK -> webhooks::create;
            case UPDATE_WEBHOOK -> webhooks::update;
            case DELETE_WEBHOOK -> webhooks::delete;
        };
    }

    private void serve(ApiRoute route, ApiHandler handler, ServerRequest req, ServerResponse res) {
        AuthorizationHeader header = ApiAuth.header(req);
        Optional<Credential> credential = resolver.resolve(ApiAuth.presented(header)).filter(this::isForThisApi);
        if (credential.isEmpty()) {
            // Like introspection (RFC 7662 §2.2), /v2/self reports an inactive token instead of refusing it.
            if (route.answersInactive()) {
                Json.send(res, 200, IntrospectionBody.inactive());
                return;
            }
            throw ApiAuth.invalid("The token is invalid, expired or revoked");
        }
        boundTokens.check(header, credential.get(), req.headers().all(DPOP, List::of), req.prologue().method().text(),
                req.path().rawPath());
        Principal principal = Principal.of(credential.get());
        (route.isRead() ? reads : writes).acquire(principal.credentialId());
        RequireScope.check(principal, route.scopes());
        handler.handle(principal, req, res);
    }

    /** RFC 8707 / RFC 9068 §4: a token issued for another resource (an MCP server, say) is not valid here. */
    private boolean isForThisApi(Credential credential) {
        return !(credential instanceof AccessTokenCredential token) || token.resource().map(thisApi::equals).orElse(true);
    }

    /** A replaced scope catalogue must still hold every scope the API requires, or no one could call it. */
    private static void requireKnown(ScopeCatalog scopes) {
        for (ApiRoute route : ApiRoute.values()) {
            for (Scope scope : route.scopes()) {
                if (!scopes.isKnown(scope)) {
                    throw new ConfigException("The scope catalogue lacks '" + scope + "', which " + route.method().text()
                            + " " + route.path() + " requires");
                }
            }
        }
    }
}
