-- One fixed request: wrk ... -s fixed.lua URL -- METHOD BODY [HEADER: VALUE]...
local req
function init(args)
  local headers = {}
  for i = 3, #args do
    local name, value = args[i]:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  local body = args[2] ~= "" and args[2] or nil
  if body then headers["Content-Type"] = headers["Content-Type"] or "application/x-www-form-urlencoded" end
  req = wrk.format(args[1], nil, headers, body)
end
function request() return req end
