-- The hash of a cookie held by the browser that made the request: only that browser may answer
-- it. Requests saved before this column existed have none and can no longer be answered.
ALTER TABLE authorization_requests ADD COLUMN browser_hash TEXT;
