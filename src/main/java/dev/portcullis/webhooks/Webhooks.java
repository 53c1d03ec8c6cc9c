package dev.portcullis.webhooks;

import dev.portcullis.error.Failure;
import dev.portcullis.error.OAuthException;
import dev.portcullis.events.Actor;
import dev.portcullis.events.EventDraft;
import dev.portcullis.events.EventLog;
import dev.portcullis.events.EventType;
import dev.portcullis.keys.KeyRing;
import dev.portcullis.secrets.Ids;
import dev.portcullis.storage.Database;
import dev.portcullis.storage.Tx;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Registering webhook endpoints, for every surface (/manage/v1, /v2/webhooks, the dashboard, the
 * import file): each change is recorded as an event with its actor, in the same transaction.
 * Signing secrets are sealed with the master key, bound to the endpoint's id, and shown once.
 */
public final class Webhooks {
    /** After a rotation the previous secret keeps signing this long, so receivers can switch over. */
    static final Duration ROTATION_OVERLAP = Duration.ofHours(24);
    static final int DELIVERIES_SHOWN = 50;

    /** Which endpoints a caller may see and change: all (an operator), or one workspace's. */
    public record Within(Optional<String> workspaceId) {
        public static final Within ANY = new Within(Optional.empty());

        public static Within workspace(String workspaceId) {
            return new Within(Optional.of(workspaceId));
        }

        boolean covers(WebhookEndpoint endpoint) {
            return workspaceId.isEmpty() || workspaceId.equals(endpoint.workspaceId());
        }
    }

    /** What a caller asks for; a null field of a change is left as it is. */
    public record Draft(String targetUrl, List<String> eventTypes, Boolean enabled) {}

    public record Created(WebhookEndpoint endpoint, WebhookSecret secret) {}

    private final Database db;
    private final WebhookEndpointRepository endpoints;
    private final DeliveryRepository deliveries;
    private final Predicate<String> workspaceExists;
    private final EventLog events;
    private final KeyRing keys;
    private final TargetUrls targets;
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final Outbox outbox;

    public Webhooks(Database db, WebhookEndpointRepository endpoints, DeliveryRepository deliveries, Predicate<String> workspaceExists,
                    EventLog events, KeyRing keys, boolean allowPrivate, Ids ids, SecureRandom random, Clock clock, Outbox outbox) {
        this.db = db;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.workspaceExists = workspaceExists;
        this.events = events;
        this.keys = keys;
        this.targets = new TargetUrls(allowPrivate);
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.outbox = outbox;
    }

    /** A new endpoint in {@code workspaceId}, or a global one; its secret is in the answer and nowhere else in clear. */
    public Created create(Actor actor, Optional<String> workspaceId, Draft draft) {
        URI target = targets.check(draft.targetUrl());
        Set<String> types = eventTypes(draft.eventTypes());
        workspaceId.filter(ws -> !workspaceExists.test(ws)).ifPresent(ws -> {
            throw OAuthException.notFound("No such workspace");
        });
        Created created = db.inTransaction(tx -> insert(tx, actor, workspaceId, target, types, draft.enabled()));
        outbox.endpointsChanged(); // after the commit: a read before it could still find none
        return created;
    }

    /** An endpoint an import saved: new (with its secret, shown once) or updated. */
    public record Saved(WebhookEndpoint endpoint, Optional<WebhookSecret> newSecret) {}

    /** Checks a draft as {@link #create} would, naming the bad field; for an import that checks its whole file first. */
    public void check(Draft draft) {
        targets.check(draft.targetUrl());
        eventTypes(draft.eventTypes());
    }

    /**
     * The import's act, in its transaction: the endpoint of {@code workspaceId} with this target
     * URL gets the draft's event types and enabled state, or is created.
     */
    public Saved save(Tx tx, Actor actor, Optional<String> workspaceId, Draft draft) {
        URI target = targets.check(draft.targetUrl());
        Set<String> types = eventTypes(draft.eventTypes());
        Instant now = clock.instant();
        Optional<WebhookEndpoint> existing = endpoints.findByTarget(tx, workspaceId, target.toString());
        if (existing.isPresent()) {
            WebhookEndpoint old = existing.get();
            var changed = new WebhookEndpoint(old.id(), workspaceId, target, types, draft.enabled() == null ? old.enabled() : draft.enabled(),
                    old.createdAt(), now);
            if (changed.equals(new WebhookEndpoint(old.id(), workspaceId, target, old.eventTypes(), old.enabled(), old.createdAt(), now))) {
                return new Saved(old, Optional.empty()); // unchanged: no update, no event
            }
            endpoints.update(tx, changed);
            record(tx, EventType.WEBHOOK_ENDPOINT_UPDATED, actor, changed);
            outbox.endpointsChanged(); // before the import commits: other events see it within EndpointPresence.FRESH
            return new Saved(changed, Optional.empty());
        }
        Created created = insert(tx, actor, workspaceId, target, types, draft.enabled());
        outbox.endpointsChanged();
        return new Saved(created.endpoint(), Optional.of(created.secret()));
    }

    private Created insert(Tx tx, Actor actor, Optional<String> workspaceId, URI target, Set<String> types, Boolean enabled) {
        Instant now = clock.instant();
        String id = "whe_" + ids.next().replace("-", "");
        var endpoint = new WebhookEndpoint(id, workspaceId, target, types, enabled == null || enabled, now, now);
        WebhookSecret secret = WebhookSecret.generate(random);
        endpoints.insert(tx, new WebhookEndpointRepository.Stored(endpoint, seal(id, secret), Optional.empty(), Optional.empty()));
        record(tx, EventType.WEBHOOK_ENDPOINT_CREATED, actor, endpoint);
        return new Created(endpoint, secret);
    }

    public List<WebhookEndpoint> list(Within within) {
        return db.read(tx -> within.workspaceId().map(ws -> endpoints.ofWorkspace(tx, ws)).orElseGet(() -> endpoints.all(tx)));
    }

    /** The endpoint, or 404 when there is none the caller may see (another workspace's is not told apart). */
    public WebhookEndpoint find(Within within, String id) {
        return db.read(tx -> visible(tx, within, id)).endpoint();
    }

    public WebhookEndpoint update(Actor actor, Within within, String id, Draft change) {
        Optional<URI> target = Optional.ofNullable(change.targetUrl()).map(targets::check);
        Optional<Set<String>> types = Optional.ofNullable(change.eventTypes()).map(Webhooks::eventTypes);
        WebhookEndpoint updated = db.inTransaction(tx -> {
            WebhookEndpoint old = visible(tx, within, id).endpoint();
            var changed = new WebhookEndpoint(id, old.workspaceId(), target.orElse(old.targetUrl()), types.orElse(old.eventTypes()),
                    change.enabled() == null ? old.enabled() : change.enabled(), old.createdAt(), clock.instant());
            endpoints.update(tx, changed);
            record(tx, EventType.WEBHOOK_ENDPOINT_UPDATED, actor, changed);
            return changed;
        });
        outbox.endpointsChanged();
        return updated;
    }

    /** A new secret, shown once; the current one keeps signing beside it for {@link #ROTATION_OVERLAP}. */
    public WebhookSecret rotateSecret(Actor actor, Within within, String id) {
        WebhookSecret secret = WebhookSecret.generate(random);
        return db.inTransaction(tx -> {
            var stored = visible(tx, within, id);
            Instant now = clock.instant();
            endpoints.rotate(tx, id, seal(id, secret), stored.sealedSecret(), now.plus(ROTATION_OVERLAP), now);
            events.record(tx, draft(EventType.WEBHOOK_ENDPOINT_UPDATED, actor, stored.endpoint()).with("secret_rotated", true));
            return secret;
        });
    }

    public void delete(Actor actor, Within within, String id) {
        db.inTransaction(tx -> {
            WebhookEndpoint endpoint = visible(tx, within, id).endpoint();
            endpoints.delete(tx, id);
            record(tx, EventType.WEBHOOK_ENDPOINT_DELETED, actor, endpoint);
            return null;
        });
    }

    /** The endpoint's latest deliveries, newest first, each with its attempts. */
    public List<DeliveryLog> deliveries(Within within, String id) {
        return db.read(tx -> {
            visible(tx, within, id);
            List<DeliveryLog> out = new ArrayList<>();
            for (Delivery d : deliveries.ofEndpoint(tx, id, DELIVERIES_SHOWN)) out.add(new DeliveryLog(d, deliveries.attempts(tx, d.id())));
            return out;
        });
    }

    public record DeliveryLog(Delivery delivery, List<Delivery.Attempt> attempts) {}

    /** Queues the delivery again now, with the same webhook-id; 409 while an attempt of it is under way. */
    public Delivery replay(Within within, String endpointId, String deliveryId) {
        return db.inTransaction(tx -> {
            visible(tx, within, endpointId);
            Delivery d = deliveries.find(tx, deliveryId).filter(x -> x.endpointId().equals(endpointId))
                    .orElseThrow(() -> OAuthException.notFound("No such delivery"));
            if (!deliveries.replay(tx, deliveryId, clock.instant())) {
                throw new OAuthException(new Failure.Conflict("The delivery is being attempted right now; try again in a minute"));
            }
            return deliveries.find(tx, d.id()).orElseThrow();
        });
    }

    /** Disables an endpoint that keeps failing, with the event saying why; nothing when it was already disabled. */
    void disableFailing(Tx tx, String endpointId, String reason) {
        if (!endpoints.disable(tx, endpointId, clock.instant())) return;
        endpoints.find(tx, endpointId).ifPresent(s -> events.record(tx,
                draft(EventType.WEBHOOK_ENDPOINT_DISABLED, Actor.system(), s.endpoint()).with("reason", reason)));
    }

    /** The secrets that sign a delivery now: the current one, and the previous one during its overlap. */
    List<WebhookSecret> signingSecrets(Tx tx, String endpointId, Instant now) {
        var stored = endpoints.find(tx, endpointId);
        if (stored.isEmpty()) return List.of();
        List<WebhookSecret> secrets = new ArrayList<>();
        open(endpointId, stored.get().sealedSecret()).ifPresent(secrets::add);
        if (stored.get().previousUntil().filter(now::isBefore).isPresent()) {
            stored.get().previousSealedSecret().flatMap(sealed -> open(endpointId, sealed)).ifPresent(secrets::add);
        }
        return secrets;
    }

    DeliveryRepository deliveries() {
        return deliveries;
    }

    Optional<WebhookEndpoint> endpoint(Tx tx, String id) {
        return endpoints.find(tx, id).map(WebhookEndpointRepository.Stored::endpoint);
    }

    private WebhookEndpointRepository.Stored visible(Tx tx, Within within, String id) {
        return endpoints.find(tx, id).filter(s -> within.covers(s.endpoint()))
                .orElseThrow(() -> OAuthException.notFound("No such webhook"));
    }

    private void record(Tx tx, EventType type, Actor actor, WebhookEndpoint endpoint) {
        events.record(tx, draft(type, actor, endpoint));
    }

    private static EventDraft draft(EventType type, Actor actor, WebhookEndpoint endpoint) {
        EventDraft draft = EventDraft.of(type, actor).about("webhook_endpoint", endpoint.id())
                .with("event_types", List.copyOf(new TreeSet<>(endpoint.eventTypes()))).with("enabled", endpoint.enabled());
        return endpoint.workspaceId().map(draft::inWorkspace).orElse(draft);
    }

    private String seal(String endpointId, WebhookSecret secret) {
        return keys.sealSecret(label(endpointId), secret.reveal());
    }

    private Optional<WebhookSecret> open(String endpointId, String sealed) {
        return keys.openSecret(label(endpointId), sealed).map(WebhookSecret::parse);
    }

    /** The endpoint's id is bound into the seal: a sealed secret copied onto another endpoint does not open. */
    private static String label(String endpointId) {
        return "webhook:" + endpointId;
    }

    /** Known wire names, or {@code *} alone; at least one. */
    static Set<String> eventTypes(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw OAuthException.validation("event_types", "must name at least one event type, or * for all");
        }
        Set<String> types = new TreeSet<>();
        for (String type : requested) {
            if (type == null || (!WebhookEndpoint.ALL.equals(type) && EventType.byWireName(type).isEmpty())) {
                throw OAuthException.validation("event_types", "'" + type + "' is not an event type (see docs/webhooks.md)");
            }
            types.add(type);
        }
        return types.contains(WebhookEndpoint.ALL) ? Set.of(WebhookEndpoint.ALL) : types;
    }
}
