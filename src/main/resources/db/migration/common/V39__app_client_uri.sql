-- OIDC Dynamic Registration §2 / RFC 7591 §2 client_uri: the app's home page, linked from the
-- consent page and, with the redirect URIs, the origin its logo may come from; null when none.
ALTER TABLE apps ADD COLUMN client_url TEXT;
