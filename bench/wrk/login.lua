-- Password login: wrk ... -s login.lua URL -- EMAIL PASSWORD
-- The login form's CSRF defence is a double-submit cookie: the same random value in the
-- portcullis_csrf cookie and the csrf field, set here directly instead of fetching the form.
local req
function init(args)
  local csrf = "benchmarkbenchmarkbenchmarkbenchmark1234567"
  local body = "csrf=" .. csrf .. "&email=" .. args[1]:gsub("@", "%%40") .. "&password=" .. args[2]:gsub(" ", "+")
      .. "&return_to=%2F"
  req = wrk.format("POST", "/login", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "portcullis_csrf=" .. csrf }, body)
end
function request() return req end
bad = 0
function response(status, headers, body)
  -- A successful login answers 303 to return_to with the session cookie.
  local session = false
  for name, value in pairs(headers) do
    if name:lower() == "set-cookie" and value:find("portcullis_session=", 1, true) then session = true end
  end
  if status ~= 303 or not session then bad = bad + 1 end
end
