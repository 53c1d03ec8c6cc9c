package dev.portcullis.connections;

import java.time.Instant;
import java.util.List;

/** "User U let app A into workspace W with scopes S", as the member {@code membershipId}. */
public record Connection(String id, String userId, String appId, String workspaceId, String membershipId,
                         List<String> scopes, Instant createdAt, Instant updatedAt) {

    public boolean covers(List<String> requested) {
        return scopes.containsAll(requested);
    }
}
