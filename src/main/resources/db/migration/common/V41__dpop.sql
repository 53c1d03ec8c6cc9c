-- DPoP (RFC 9449): the JWK SHA-256 thumbprint (RFC 7638) a token is bound to (cnf.jkt), NULL for
-- a bearer token. A bound refresh token passes its key on to the token that replaces it; a code
-- keeps the dpop_jkt its authorization request named (RFC 9449 §10), which the proof at the
-- token endpoint must match. Proof jtis share client_assertion_jtis, under their own hash prefix.
ALTER TABLE access_tokens ADD COLUMN jkt TEXT;
ALTER TABLE refresh_tokens ADD COLUMN jkt TEXT;
ALTER TABLE authorization_codes ADD COLUMN dpop_jkt TEXT;
