-- OIDC Core §5.1 profile claims a user may set. updated_at (epoch milliseconds, as every time
-- here) moves whenever the name or one of these changes; existing users start at created_at.
ALTER TABLE users ADD COLUMN preferred_username TEXT;
ALTER TABLE users ADD COLUMN picture TEXT;
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE users ADD COLUMN zoneinfo TEXT;
ALTER TABLE users ADD COLUMN updated_at BIGINT;
UPDATE users SET updated_at = created_at;

-- The claims request parameter (OIDC Core §5.5) as normalised JSON, and acr_values (§3.1.2.1)
-- space separated: a code carries both to the ID token; its grant keeps the claims request
-- so UserInfo answers it for every access token of the family, refreshed ones included.
ALTER TABLE authorization_codes ADD COLUMN claims TEXT;
ALTER TABLE authorization_codes ADD COLUMN acr_values TEXT;
ALTER TABLE grants ADD COLUMN claims TEXT;
