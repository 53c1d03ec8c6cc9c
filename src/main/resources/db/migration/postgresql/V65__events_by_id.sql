-- Every token writes an event, so each index on events is paid per token. An event id starts with
-- its millisecond (UUIDv7), so id order is time order: the primary key serves time ranges, cursors
-- and the newest-first sort, the (occurred_at, id) index goes, and the remaining indexes end in id
-- so each serves its newest-first page without a sort. (SQLite's V65 also stores the table in id
-- order; PostgreSQL keeps its heap.)
DROP INDEX events_time;
DROP INDEX events_actor;
DROP INDEX events_user_target;
DROP INDEX events_workspace;
CREATE INDEX events_actor ON events (actor_id, id);
CREATE INDEX events_user_target ON events (target_id, id) WHERE target_kind = 'user';
CREATE INDEX events_workspace ON events (workspace_id, id) WHERE workspace_id IS NOT NULL;
