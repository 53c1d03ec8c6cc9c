-- OIDC amr (RFC 8176 values, space-separated) of the login session that approved a device, for the
-- ID token the device_code grant issues, as authorization codes carry theirs (V56). Empty when unknown.
ALTER TABLE device_authorizations ADD COLUMN amr TEXT NOT NULL DEFAULT '';
