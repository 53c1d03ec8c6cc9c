package dev.portcullis.api.routes;

import java.util.stream.Collectors;

/**
 * Renders docs/api.md from the route table, so the documented scopes are the enforced ones.
 * A test regenerates it in memory and fails when the committed file differs.
 */
public final class ApiDocs {
    private ApiDocs() {}

    public static String render() {
        String table = java.util.Arrays.stream(ApiRoute.values())
                .map(r -> "| `" + r.method().text() + " " + r.path() + "` | "
                        + (r.scopes().isEmpty() ? "none" : r.scopes().names().stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                        + " | " + r.summary() + " |")
                .collect(Collectors.joining("\n"));
        return HEADER + "\n| route | scopes required (all of them) | what it does |\n| --- | --- | --- |\n" + table + "\n" + BODY;
    }

    private static final String HEADER = """
            # The built-in API (`/v2`)

            <!-- Generated from dev.portcullis.api.routes.ApiRoute by ApiDocs. Do not edit by hand: run
                 bin/jdk ./mvnw -B -q test -Dtest=ApiDocsTest -Dportcullis.writeDocs=true -->

            A small, real, scope-checked API for integrators and the example app. Every request
            carries a credential (a workspace API key `sk_…` today; OAuth access tokens once issued):

            - `Authorization: Bearer <token>` (RFC 6750), or
            - `Authorization: DPoP <token>` with a `DPoP` proof header, for a DPoP-bound token (RFC 9449;
              such a token sent as Bearer gets **401** with `WWW-Authenticate: DPoP error="invalid_token"`;
              [dpop.md](dpop.md)), or
            - HTTP Basic with the token as username and an empty password (`curl -u "$TOKEN:"`).

            Every route runs the same steps in order: credential missing or not active: **401**
            `invalid_token` with `WWW-Authenticate: Bearer error="invalid_token", resource_metadata="…"`;
            past the rate limit: **429** with `Retry-After`; a required scope missing: **403**
            `insufficient_scopes` naming every missing scope, with
            `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`. `X:read-write` satisfies
            `X:read`, never the reverse. Everything a credential sees is confined to its workspace:
            another workspace's task answers 404 like a task that does not exist.

            ## Routes
            """;

    private static final String BODY = """

            ## Conventions

            - Responses are `{"data": …}`; `DELETE` answers `200 {}`.
            - Lists take `limit` (1..100, default 20) and `offset` (from 0, default 0).
            - Times are ISO 8601 / RFC 3339 strings in UTC with milliseconds at most, e.g. `2030-01-31T17:00:00Z`.
            - Request bodies are JSON objects (`Content-Type: application/json`), either bare or
              wrapped in `{"data": {…}}`. Unknown fields, wrong types and over-long text are refused
              with **400** `{"status_code": 400, "type": "invalid_request_error", "code": "validation_type",
              "message": "…", "field": "<the field>"}`. Malformed JSON or another content type is 400 `invalid_request`.
            - Ids in paths are UUIDs; anything else is 404.
            - Rate limits are per credential: `PORTCULLIS_RATE_READS_PER_SECOND` (100) for `GET`,
              `PORTCULLIS_RATE_WRITES_PER_SECOND` (25) for the other methods, counted once for
              every instance when they share PostgreSQL (see docs/rate-limits.md).

            ## `GET /v2/self`

            The introspection body (RFC 7662) of the presented credential. For an API key:

            ```json
            {"active": true, "scope": "task:read user_management:read", "token_type": "api_key",
             "exp": null, "iat": 1767225600, "sub": "<workspace id>", "aud": "<API key id>",
             "iss": "https://auth.example.com", "authorized_by_workspace_member_id": "<creator's membership id>",
             "workspace_id": "<workspace id>", "workspace_name": "Acme", "workspace_slug": "acme",
             "workspace_logo_url": "https://…"}
            ```

            `exp` is null when the key never expires; `client_id` is left out because no OAuth client
            stands behind an API key (`aud` names the key itself); other fields without a value are left
            out. A well-formed but unknown, revoked or expired token answers `200 {"active": false}`;
            a missing or malformed `Authorization` header is 401.

            ## Tasks

            ```json
            {"id": "<uuid>", "content_plaintext": "Call Ada", "deadline_at": "2030-01-31T17:00:00Z",
             "is_completed": false, "assignees": [{"workspace_member_id": "<uuid>"}],
             "created_at": "2030-01-01T09:00:00Z"}
            ```

            `POST /v2/tasks` takes `content_plaintext` (required, 1..10000 characters), `deadline_at`
            (timestamp or null), `is_completed` (boolean, default false) and `assignees` (at most 50
            workspace member ids, each bare or as `{"workspace_member_id": id}`; each must be a member
            of the workspace). `PATCH /v2/tasks/{task_id}` takes the same fields, all optional; given
            `assignees` replace the previous ones, `"deadline_at": null` clears the deadline.

            ## Workspace members

            ```json
            {"id": "<membership id>", "name": "Ada Lovelace", "first_name": "Ada", "last_name": "Lovelace",
             "email_address": "ada@example.com", "access_level": "admin", "created_at": "…"}
            ```

            `access_level` is `admin` or `member`. `first_name` and `last_name` split the user's one
            name at its first space.

            ## Objects

            ```json
            {"api_slug": "people", "singular_noun": "Person", "plural_noun": "People"}
            ```

            The objects are `people`, `companies` and `deals`.
            """;
}
