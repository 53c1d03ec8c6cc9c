package dev.portcullis.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where events are POSTed: a global endpoint ({@code workspaceId} empty, the operator's) gets
 * every workspace's events, a workspace's endpoint only that workspace's. {@code eventTypes} are
 * wire names, or {@code *} for all; the outbox matches them in SQL
 * ({@link DeliveryRepository#enqueueForSubscribers}).
 */
public record WebhookEndpoint(String id, Optional<String> workspaceId, URI targetUrl, Set<String> eventTypes, boolean enabled,
                              Instant createdAt, Instant updatedAt) {
    public static final String ALL = "*";

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
    }
}
