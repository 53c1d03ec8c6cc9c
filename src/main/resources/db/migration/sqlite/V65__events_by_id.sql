-- Every token writes an event, so each B-tree an event touches is paid per token. An event id
-- starts with its millisecond (UUIDv7), so id order is time order: the table is now stored in id
-- order (WITHOUT ROWID: one B-tree instead of the rowid table plus the primary key's index), the
-- (occurred_at, id) index goes, and the remaining indexes end in id so each serves its newest-first
-- page without a sort.
CREATE TABLE events_by_id (
    id               TEXT NOT NULL PRIMARY KEY,
    type             TEXT NOT NULL,
    occurred_at      BIGINT NOT NULL,
    actor_kind       TEXT NOT NULL,
    actor_id         TEXT,
    actor_address    TEXT,
    actor_user_agent TEXT,
    workspace_id     TEXT,
    target_kind      TEXT,
    target_id        TEXT,
    data             TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO events_by_id (id, type, occurred_at, actor_kind, actor_id, actor_address, actor_user_agent, workspace_id,
                          target_kind, target_id, data)
SELECT id, type, occurred_at, actor_kind, actor_id, actor_address, actor_user_agent, workspace_id, target_kind, target_id, data
FROM events;
DROP TABLE events;
ALTER TABLE events_by_id RENAME TO events;
CREATE INDEX events_actor ON events (actor_id, id);
CREATE INDEX events_user_target ON events (target_id, id) WHERE target_kind = 'user';
CREATE INDEX events_workspace ON events (workspace_id, id) WHERE workspace_id IS NOT NULL;
