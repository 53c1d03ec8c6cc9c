-- authorization_code grant, each code once: wrk ... -s codes.lua URL -- CODES_FILE BASIC_AUTH REDIRECT_URI
-- The codes were minted through the real /authorize flow just before the run (they live 60 s).
local codes, next_code, auth, redirect = {}, 1, nil, nil
-- wrk calls request() once before the run only to check it, and never sends that request.
local checked = false
local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function init(args)
  for line in io.lines(args[1]) do codes[#codes + 1] = line end
  auth, redirect = args[2], urlencode(args[3])
end
function request()
  if not checked then
    checked = true
    return wrk.format("POST", "/oauth/token", { ["Content-Type"] = "application/x-www-form-urlencoded" }, "grant_type=authorization_code")
  end
  local code = codes[next_code]
  if code == nil then
    -- Out of codes: stop; the run's duration then ends here and the rate stays honest.
    wrk.thread:stop()
    return wrk.format("GET", "/healthz")
  end
  next_code = next_code + 1
  return wrk.format("POST", "/oauth/token",
    { ["Authorization"] = "Basic " .. auth, ["Content-Type"] = "application/x-www-form-urlencoded" },
    "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect)
end
bad = 0
function response(status, headers, body)
  if status ~= 200 or not body:find('"id_token"', 1, true) then bad = bad + 1 end
end
