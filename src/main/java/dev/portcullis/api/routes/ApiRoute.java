package dev.portcullis.api.routes;

import dev.portcullis.scopes.ScopeSet;
import io.helidon.http.Method;
import java.util.HashSet;
import java.util.Set;

/**
 * Every route of the built-in API with the scopes it requires: the one table that {@link ApiRoutes}
 * enforces and {@link ApiDocs} writes into docs/api.md.
 */
public enum ApiRoute {
    SELF(Method.GET, "/v2/self", Needs.NONE,
            "The presented credential, as introspection describes it; `{\"active\": false}` when it is not active"),
    LIST_TASKS(Method.GET, "/v2/tasks", Needs.TASKS_READ, "List the workspace's tasks, oldest first, or newest first with `sort=created_at:desc` (`limit`, `offset`, `sort`)"),
    GET_TASK(Method.GET, "/v2/tasks/{task_id}", Needs.TASKS_READ, "One task"),
    CREATE_TASK(Method.POST, "/v2/tasks", Needs.TASKS_WRITE, "Create a task"),
    UPDATE_TASK(Method.PATCH, "/v2/tasks/{task_id}", Needs.TASKS_WRITE, "Change the given fields of a task"),
    DELETE_TASK(Method.DELETE, "/v2/tasks/{task_id}", Needs.TASKS_WRITE, "Delete a task"),
    LIST_MEMBERS(Method.GET, "/v2/workspace_members", Needs.MEMBERS_READ, "List the workspace's members (`limit`, `offset`)"),
    GET_MEMBER(Method.GET, "/v2/workspace_members/{workspace_member_id}", Needs.MEMBERS_READ, "One workspace member"),
    LIST_OBJECTS(Method.GET, "/v2/objects", Needs.OBJECTS_READ, "List the objects: people, companies, deals (`limit`, `offset`)"),
    GET_OBJECT(Method.GET, "/v2/objects/{object}", Needs.OBJECTS_READ, "One object, by its `api_slug`"),
    LIST_WEBHOOKS(Method.GET, "/v2/webhooks", Needs.WEBHOOKS_READ, "List the workspace's webhooks (docs/webhooks.md)"),
    GET_WEBHOOK(Method.GET, "/v2/webhooks/{webhook_id}", Needs.WEBHOOKS_READ, "One webhook"),
    CREATE_WEBHOOK(Method.POST, "/v2/webhooks", Needs.WEBHOOKS_WRITE, "Create a webhook; the answer holds its signing `secret`, shown once"),
    UPDATE_WEBHOOK(Method.PATCH, "/v2/webhooks/{webhook_id}", Needs.WEBHOOKS_WRITE, "Change a webhook's `target_url`, `subscriptions` or `status`"),
    DELETE_WEBHOOK(Method.DELETE, "/v2/webhooks/{webhook_id}", Needs.WEBHOOKS_WRITE, "Delete a webhook");

    private final Method method;
    private final String path;
    private final ScopeSet scopes;
    private final String summary;

    ApiRoute(Method method, String path, ScopeSet scopes, String summary) {
        this.method = method;
        this.path = path;
        this.scopes = scopes;
        this.summary = summary;
    }

    public Method method() { return method; }
    public String path() { return path; }
    public ScopeSet scopes() { return scopes; }
    public String summary() { return summary; }

    /** A read for rate limiting: reads and writes are limited separately (docs/rate-limits.md). */
    public boolean isRead() {
        return method == Method.GET;
    }

    /** Every scope some route asks for: what a token for this API can use. */
    public static Set<String> scopesUsed() {
        Set<String> used = new HashSet<>();
        for (ApiRoute route : values()) used.addAll(route.scopes.names());
        return used;
    }

    /** Only the self route answers an inactive credential with 200 instead of 401, like introspection. */
    boolean answersInactive() {
        return this == SELF;
    }

    /** The scope lists of docs/api.md's route table; the documented API asks several at once for tasks. */
    private static final class Needs {
        static final ScopeSet NONE = ScopeSet.EMPTY;
        static final ScopeSet TASKS_READ = ScopeSet.of(
                "task:read", "object_configuration:read", "record_permission:read", "user_management:read");
        static final ScopeSet TASKS_WRITE = ScopeSet.of(
                "task:read-write", "object_configuration:read", "record_permission:read", "user_management:read");
        static final ScopeSet MEMBERS_READ = ScopeSet.of("user_management:read");
        static final ScopeSet OBJECTS_READ = ScopeSet.of("object_configuration:read");
        static final ScopeSet WEBHOOKS_READ = ScopeSet.of("webhook:read");
        static final ScopeSet WEBHOOKS_WRITE = ScopeSet.of("webhook:read-write");
    }
}
