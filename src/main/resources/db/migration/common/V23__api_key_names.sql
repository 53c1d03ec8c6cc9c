-- A key's name is unique in its workspace, so imports and people can address a key by name.
CREATE UNIQUE INDEX api_keys_workspace_name ON api_keys (workspace_id, name);
