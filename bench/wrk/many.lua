-- wrk script for the many-listeners shape: the harness's request (webhook-post.lua), spread round-robin over every
-- listener guid in the file named by GUIDS_FILE (one 40-hex guid a line).
local file = os.getenv("GUIDS_FILE") or error("GUIDS_FILE is not set")
local requests = {}
local body = '{"ticket":{"title":"Printer on fire","priority":2},"customer":{"email":"joe@example.com"}}'

-- built in init, which wrk calls after it has set the Host header (wrk.format copies it from wrk.headers)
function init(args)
  for guid in io.lines(file) do
    local headers = { ["Content-Type"] = "application/json", ["X-CustomHeader"] = "true" }
    requests[#requests + 1] = wrk.format("POST", "/webhooks/" .. guid .. "?name=Joe+Customer&age=37", headers, body)
  end
end
local n = 0
function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect, e.read, e.write, e.status, e.timeout))
end
