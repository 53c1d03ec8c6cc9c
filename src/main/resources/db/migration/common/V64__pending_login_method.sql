-- How the first factor of a login waiting for its second was given: "password", "external", or
-- "upstream:<provider id>", so the finished session states its amr and the login event its method.
ALTER TABLE mfa_pending_logins ADD COLUMN method TEXT NOT NULL DEFAULT 'password';
