package dev.portcullis.web.apikeys;

import dev.portcullis.apikeys.ApiKey;
import dev.portcullis.web.dashboard.Timestamps;
import java.time.Instant;
import java.util.List;

/** An API key as its row shows it: everything but the secret, which exists only at creation. */
public record KeyLine(String id, String name, List<String> scopes, String hint, String creator, String created,
                      String lastUsed, String expires, boolean expired) {

    static KeyLine of(ApiKey key, String creator, Instant now) {
        return new KeyLine(key.id(), key.name(), key.scopes(), key.hint(), creator, Timestamps.utc(key.createdAt()),
                key.lastUsedAt().map(Timestamps::utc).orElse("never"),
                key.expiresAt().map(Timestamps::utc).orElse("never"), key.isExpired(now));
    }
}
