package dev.portcullis.api;

import dev.portcullis.error.OAuthException;
import dev.portcullis.http.Params;
import io.helidon.webserver.http.ServerRequest;

/** A list request's window: {@code limit} 1..100 (default 20) and {@code offset} from 0. */
public record Page(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    static final int MAX_OFFSET = 1_000_000;

    public static Page of(ServerRequest req) {
        Params query = Params.query(req);
        int limit = number(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = number(query, "offset", 0, 0, MAX_OFFSET);
        return new Page(limit, offset);
    }

    /** Slices an in-memory list the same way. */
    public <T> java.util.List<T> slice(java.util.List<T> all) {
        int from = Math.min(offset, all.size());
        return all.subList(from, Math.min(all.size(), from + limit));
    }

    private static int number(Params query, String name, int absent, int min, int max) {
        if (!query.has(name)) return absent;
        String raw = query.values().get(name);
        String problem = "must be a whole number from " + min + " to " + max;
        if (raw.isEmpty() || raw.length() > 9 || !raw.chars().allMatch(Character::isDigit)) {
            throw OAuthException.validation(name, name + " " + problem);
        }
        int n = Integer.parseInt(raw);
        if (n < min || n > max) throw OAuthException.validation(name, name + " " + problem);
        return n;
    }
}
