-- OIDC amr (RFC 8176 values, space-separated): how a login session was authenticated ("pwd",
-- "pwd otp mfa"), carried by the codes it approves into their ID tokens. Empty when unknown.
ALTER TABLE login_sessions ADD COLUMN amr TEXT NOT NULL DEFAULT '';
ALTER TABLE authorization_codes ADD COLUMN amr TEXT NOT NULL DEFAULT '';
