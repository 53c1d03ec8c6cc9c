package dev.portcullis.examples.taskr.portcullis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portcullis.examples.taskr.portcullis.PortcullisClient.ApiResponse;
import dev.portcullis.examples.taskr.portcullis.PortcullisClient.TokenResult;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The user's ten latest tasks, keeping the connection alive: an access token about to expire is
 * refreshed first, and a 401 gets one refresh and one retry. When the grant is gone the tokens
 * are forgotten and the user sees "disconnected".
 */
public final class TaskFeed {
    private static final Duration SKEW = Duration.ofSeconds(30);
    /** Newest first: the list is "latest tasks", and the API's default order is oldest first. */
    private static final String LATEST_TASKS = "/v2/tasks?limit=10&sort=created_at:desc";
    private final ConnectionRepository connections;
    private final PortcullisClient client;
    private final Clock clock;
    /** One refresh at a time per user: refresh tokens rotate, and a replayed one revokes the family. */
    private final Map<String, ReentrantLock> refreshLocks = new ConcurrentHashMap<>();

    public TaskFeed(ConnectionRepository connections, PortcullisClient client, Clock clock) {
        this.connections = connections;
        this.client = client;
        this.clock = clock;
    }

    public sealed interface Feed {
        record NotConnected() implements Feed {}

        record Listed(List<TaskView> tasks) implements Feed {}

        /** The grant ended (revoked, expired); the stored tokens were forgotten. */
        record Ended(String message) implements Feed {}

        /** Still connected, but this time the tasks could not be loaded. */
        record Unavailable(String message) implements Feed {}
    }

    public Feed load(String userId) {
        Optional<Tokens> stored = connections.find(userId);
        if (stored.isEmpty()) return new Feed.NotConnected();
        try {
            Tokens tokens = stored.get();
            if (tokens.expiresBefore(clock.instant().plus(SKEW))) tokens = refresh(userId, tokens);
            ApiResponse tasks = client.get(LATEST_TASKS, tokens.accessToken());
            if (tasks instanceof ApiResponse.Unauthorized) {
                tokens = refresh(userId, tokens);
                tasks = client.get(LATEST_TASKS, tokens.accessToken());
            }
            return switch (tasks) {
                case ApiResponse.Ok ok -> new Feed.Listed(TaskView.fromApi(ok.body(), memberNames(ok.body(), tokens)));
                case ApiResponse.Unauthorized u -> end(userId);
                case ApiResponse.Failed f -> new Feed.Unavailable(f.reason());
            };
        } catch (Stop stop) {
            return stop.feed;
        }
    }

    /** Names are a nicety: if members cannot be read, assignees show as "Unknown". */
    private Map<String, String> memberNames(JsonNode tasks, Tokens tokens) {
        if (!TaskView.anyAssignees(tasks)) return Map.of();
        return client.get("/v2/workspace_members", tokens.accessToken()) instanceof ApiResponse.Ok ok
                ? TaskView.memberNames(ok.body()) : Map.of();
    }

    private Tokens refresh(String userId, Tokens stale) {
        ReentrantLock lock = refreshLocks.computeIfAbsent(userId, id -> new ReentrantLock());
        lock.lock();
        try {
            Tokens current = connections.find(userId).orElseThrow(() -> new Stop(new Feed.NotConnected()));
            // Another request refreshed while we waited: use its tokens rather than replay ours.
            if (!current.accessToken().equals(stale.accessToken())) return current;
            if (current.refreshToken().isEmpty()) throw new Stop(end(userId));
            return switch (client.refresh(current)) {
                case TokenResult.Issued issued -> {
                    connections.save(userId, issued.tokens());
                    yield issued.tokens();
                }
                // invalid_grant: the refresh token is dead (RFC 6749 §5.2); anything else may pass.
                case TokenResult.Refused r when r.error().equals("invalid_grant") -> throw new Stop(end(userId));
                case TokenResult.Refused r -> throw new Stop(new Feed.Unavailable("Could not refresh the Portcullis connection (" + r.error() + ")."));
            };
        } finally {
            lock.unlock();
        }
    }

    private Feed end(String userId) {
        connections.delete(userId);
        return new Feed.Ended("Your Portcullis connection has ended (it was revoked or expired). Connect again to see your tasks.");
    }

    /** Carries the page's answer out of a refresh that cannot go on. */
    private static final class Stop extends RuntimeException {
        final Feed feed;

        Stop(Feed feed) {
            super(null, null, false, false);
            this.feed = feed;
        }
    }
}
