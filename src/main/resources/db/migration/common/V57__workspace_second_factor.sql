-- Workspaces whose admins require a second factor of every member (docs/account-security.md):
-- a row means required, since when and by whom.
CREATE TABLE mfa_workspace_requirements (
    workspace_id TEXT PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
    required_by  TEXT NOT NULL,
    required_at  BIGINT NOT NULL
);
