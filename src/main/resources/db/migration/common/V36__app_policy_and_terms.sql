-- OIDC Dynamic Registration §2 policy_uri and tos_uri: the app's privacy policy and terms of
-- service, linked from the login and consent pages; null when the app gave none.
ALTER TABLE apps ADD COLUMN policy_url TEXT;
ALTER TABLE apps ADD COLUMN tos_url TEXT;
