-- OIDC Dynamic Registration §2 userinfo_signed_response_alg: the JWS algorithm UserInfo answers
-- an app's tokens with (application/jwt, OIDC Core §5.3.2); null keeps the plain JSON answer.
ALTER TABLE apps ADD COLUMN userinfo_signed_response_alg TEXT;
