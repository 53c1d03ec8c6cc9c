-- The token endpoint writes an event per token, so every index on events is paid per token.
-- events_type served only the operator API's filter by type: that read now walks events_time
-- newest first (type filters name common types, and the page stops at its limit).
-- events_target served one read only: a user's own events on /account ("involving" a user), which
-- asks for target_kind = 'user'; a partial index keeps exactly those rows, so token events (whose
-- target is a grant or an app) add no entry. events_workspace likewise keeps only events of a
-- workspace: a client_credentials token has none. Both databases use a partial index for
-- "target_kind = 'user' AND target_id = ?" and "workspace_id = ?".
DROP INDEX events_type;
DROP INDEX events_target;
DROP INDEX events_workspace;
CREATE INDEX events_user_target ON events (target_id, occurred_at) WHERE target_kind = 'user';
CREATE INDEX events_workspace ON events (workspace_id, occurred_at) WHERE workspace_id IS NOT NULL;
