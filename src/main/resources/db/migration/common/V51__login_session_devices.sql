-- What /account shows of each login session: the browser's User-Agent and the client address at
-- login (empty for sessions older than this migration).
ALTER TABLE login_sessions ADD COLUMN user_agent TEXT;
ALTER TABLE login_sessions ADD COLUMN client_address TEXT;
