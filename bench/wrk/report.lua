-- Appended to every scenario script by bench/run.sh: one machine-readable line per run.
-- wrk itself counts as status errors only responses >= 400; scripts with a response() also
-- count in the global `bad` every answer that is not the one expected (a 3xx, a body without
-- the token), and that is added here.
local threads = {}
function setup(thread) threads[#threads + 1] = thread end
function done(summary, latency, requests)
  local e, unexpected = summary.errors, 0
  for _, t in ipairs(threads) do unexpected = unexpected + (t:get("bad") or 0) end
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    math.max(e.status, unexpected), e.connect + e.read + e.write + e.timeout))
end
