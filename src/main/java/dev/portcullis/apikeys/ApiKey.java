package dev.portcullis.apikeys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A workspace API key as listed: everything but the secret, which is never stored. */
public record ApiKey(String id, String workspaceId, String name, List<String> scopes, String hint,
                     Optional<String> createdByUserId, Instant createdAt, Optional<Instant> expiresAt,
                     Optional<Instant> lastUsedAt) {

    public ApiKey {
        scopes = List.copyOf(scopes);
    }

    public boolean isExpired(Instant now) {
        return expiresAt.map(e -> !e.isAfter(now)).orElse(false);
    }
}
