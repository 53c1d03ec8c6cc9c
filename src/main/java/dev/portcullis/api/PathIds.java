package dev.portcullis.api;

import dev.portcullis.error.OAuthException;
import io.helidon.webserver.http.ServerRequest;
import java.util.regex.Pattern;

/**
 * Ids taken from a path. Every stored id is a lowercase UUID, so anything else cannot name a
 * thing and is 404 before any query (and never reaches SQL as odd bytes).
 */
public final class PathIds {
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PathIds() {}

    public static String uuid(ServerRequest req, String name, String notFound) {
        String raw = req.path().pathParameters().first(name).orElse("");
        if (!isUuid(raw)) throw OAuthException.notFound(notFound);
        return raw;
    }

    /** The form of every stored id: a lowercase UUID. */
    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }
}
