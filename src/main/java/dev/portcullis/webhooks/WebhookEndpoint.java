package dev.portcullis.webhooks;

import dev.portcullis.events.Event;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Where events are POSTed: a global endpoint ({@code workspaceId} empty, the operator's) gets
 * every workspace's events, a workspace's endpoint only that workspace's. {@code eventTypes} are
 * wire names, or {@code *} for all.
 */
public record WebhookEndpoint(String id, Optional<String> workspaceId, URI targetUrl, Set<String> eventTypes, boolean enabled,
                              Instant createdAt, Instant updatedAt) {
    public static final String ALL = "*";

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** Whether this endpoint wants {@code event}: subscribed to its type, and global or of its workspace. */
    boolean wants(Event event) {
        boolean inScope = workspaceId.isEmpty() || workspaceId.equals(event.workspaceId());
        return enabled && inScope && (eventTypes.contains(ALL) || eventTypes.contains(event.type().wireName()));
    }
}
