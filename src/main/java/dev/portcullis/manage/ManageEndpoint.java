package dev.portcullis.manage;

import dev.portcullis.events.Actor;
import dev.portcullis.http.ClientAddress;
import dev.portcullis.http.ErrorStyle;
import dev.portcullis.http.JsonBody;
import dev.portcullis.http.RouteTable;
import dev.portcullis.http.Routes;
import dev.portcullis.operators.OperatorToken;
import dev.portcullis.operators.OperatorTokens;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;

/**
 * {@code /manage/v1}: the management operations as a JSON API for automation. Every route needs
 * an operator token ({@code Authorization: Bearer pc_op_…}, RFC 6750); errors use the API format.
 */
public final class ManageEndpoint implements Routes {
    static final String BASE = "/manage/v1";

    private final OperatorTokens operators;
    private final ClientAddress clientAddress;
    private final IdentityRoutes identity;
    private final AppRoutes apps;
    private final ApiKeyRoutes apiKeys;
    private final KeyRoutes keys;
    private final UpstreamProviderRoutes upstreamProviders;
    private final ExchangeRoutes exchange;
    private final EventRoutes events;
    private final WebhookRoutes webhooks;
    private final WorkspaceSecondFactorRoutes secondFactor;
    private final UserAccessRoutes userAccess;

    public ManageEndpoint(OperatorTokens operators, ClientAddress clientAddress, IdentityRoutes identity, AppRoutes apps,
                          ApiKeyRoutes apiKeys, KeyRoutes keys, UpstreamProviderRoutes upstreamProviders, ExchangeRoutes exchange,
                          EventRoutes events, WebhookRoutes webhooks, WorkspaceSecondFactorRoutes secondFactor,
                          UserAccessRoutes userAccess) {
        this.operators = operators;
        this.clientAddress = clientAddress;
        this.identity = identity;
        this.apps = apps;
        this.apiKeys = apiKeys;
        this.keys = keys;
        this.upstreamProviders = upstreamProviders;
        this.exchange = exchange;
        this.events = events;
        this.webhooks = webhooks;
        this.secondFactor = secondFactor;
        this.userAccess = userAccess;
    }

    @Override
    public void mount(RouteTable r) {
        Guard guard = this::guarded;
        identity.mount(r, guard);
        apps.mount(r, guard);
        apiKeys.mount(r, guard);
        keys.mount(r, guard);
        upstreamProviders.mount(r, guard);
        exchange.mount(r, guard);
        events.mount(r, guard);
        webhooks.mount(r, guard);
        secondFactor.mount(r, guard);
        userAccess.mount(r, guard);
        r.any(BASE + "/*", guarded((req, res) -> {
            throw r.unmatched(req);
        }));
    }

    @Override
    public ErrorStyle errorStyle() {
        return ErrorStyle.API_JSON;
    }

    /**
     * Authenticates the operator before the handler runs; a missing or unknown token is 401. The
     * operator, with the request's address and user agent, is the actor of the handler's events ({@link #actor}).
     */
    @FunctionalInterface
    interface Guard {
        Handler guarded(Handler handler);
    }

    private Handler guarded(Handler handler) {
        return (req, res) -> {
            Actor.Origin origin = Actor.Origin.of(clientAddress.of(req), ClientAddress.userAgent(req));
            OperatorToken token = operators.authenticate(req.headers().first(HeaderNames.AUTHORIZATION), origin);
            req.context().register(new Operator(Actor.operator(token.id(), origin)));
            handler.handle(req, res);
        };
    }

    private record Operator(Actor actor) {}

    /** The operator token behind a guarded request, as the actor of what it changes. */
    static Actor actor(ServerRequest req) {
        return req.context().get(Operator.class).orElseThrow().actor();
    }

    /** The body as {@code type}; errors name the field ("body" for the whole). Only JSON bodies are accepted. */
    static <T> T body(ServerRequest req, Class<T> type) {
        return JsonBody.bind(req, type);
    }

    static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }
}
