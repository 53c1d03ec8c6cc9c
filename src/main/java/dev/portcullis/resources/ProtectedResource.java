package dev.portcullis.resources;

import java.time.Instant;
import java.util.List;

/** An API tokens may be issued for; {@code uri} is its RFC 8707 resource indicator and a token's {@code aud}. */
public record ProtectedResource(String id, String uri, String name, List<String> scopes, Instant createdAt) {
    public ProtectedResource {
        scopes = List.copyOf(scopes);
    }
}
