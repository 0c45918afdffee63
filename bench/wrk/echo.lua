-- One request shape for every system: the seed guide's curl call with a small JSON body.
-- WEBHOOK_PATH: /webhooks/<guid>; BODY_BYTES: pad the JSON body to this size (0 = the small body).
local path = os.getenv("WEBHOOK_PATH") or "/webhooks/0123456789abcdef0123456789abcdef01234567"
local pad = tonumber(os.getenv("BODY_BYTES") or "0")
wrk.method = "POST"
wrk.path   = path .. "?name=Joe+Customer&age=37"
wrk.headers["Content-Type"]   = "application/json"
wrk.headers["X-CustomHeader"] = "true"
local body = '{"ticket":{"title":"Printer on fire","priority":2},"customer":{"email":"joe@example.com"}'
if pad > #body then body = body .. ',"pad":"' .. string.rep("x", pad - #body - 10) .. '"' end
wrk.body = body .. "}"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.connect + e.read + e.write + e.timeout, e.status))
end
