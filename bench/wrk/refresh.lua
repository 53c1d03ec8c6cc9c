-- refresh_token rotation: wrk ... -s refresh.lua URL -- TOKENS_FILE BASIC_AUTH
-- Each request uses a refresh token that no request has used yet: a pool holds the live end of
-- every chain (twice the connection count, so a slow response never starves a connection);
-- each response puts its rotated token back. A failed response ends its chain.
local pool, head, tail, auth = {}, 1, 0, nil
-- wrk calls request() once before the run, only to check what it builds (script_verify_request)
-- and never sends that request: that first call must not spend a token.
local checked = false
function init(args)
  for line in io.lines(args[1]) do tail = tail + 1; pool[tail] = line end
  auth = args[2]
end
function request()
  if not checked then
    checked = true
    return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "grant_type=refresh_token")
  end
  local token = pool[head]
  if token == nil then
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  pool[head] = nil
  head = head + 1
  return wrk.format("POST", "/oauth/token",
    { ["Authorization"] = "Basic " .. auth, ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=refresh_token&refresh_token=" .. token)
end
bad = 0
function response(status, headers, body)
  local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if status == 200 and token then
    tail = tail + 1
    pool[tail] = token
  else
    bad = bad + 1
  end
end
