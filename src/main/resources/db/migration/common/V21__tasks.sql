-- Tasks of the built-in /v2 API. Times are UTC epoch milliseconds, like every table.
CREATE TABLE tasks (
    id                TEXT PRIMARY KEY,
    workspace_id      TEXT NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
    content_plaintext TEXT NOT NULL,
    deadline_at       BIGINT,
    is_completed      BOOLEAN NOT NULL DEFAULT FALSE,
    created_at        BIGINT NOT NULL
);
CREATE INDEX tasks_workspace ON tasks (workspace_id, created_at, id);

-- Assignees are memberships, so a member leaving the workspace leaves its tasks too.
CREATE TABLE task_assignees (
    task_id       TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
    membership_id TEXT NOT NULL REFERENCES memberships (id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, membership_id)
);
CREATE INDEX task_assignees_membership ON task_assignees (membership_id);
