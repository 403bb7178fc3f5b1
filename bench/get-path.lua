-- get-path.lua: a plain GET of the URL given to wrk (e.g. http://127.0.0.1:18021/companies/acme),
-- for bench/rest.sh. wrk sends its default pre-built request; this script only
-- checks the answers, the same way ddb.lua does for the DynamoDB scripts:
-- every answer that is not HTTP 200 is counted (with one sample body kept), as
-- is every 200 answer whose body lacks BENCH_EXPECT (a "miss"; unset or empty:
-- no check), and done() prints one line that rest.sh parses:
--
--   BENCH name=get-path requests=N duration_s=S rps=R p50_ms=A p99_ms=B non200=E misses=M socket_errors=X
--
--   BENCH_EXPECT='"Acme"' wrk -t2 -c32 -d15s -s bench/get-path.lua http://127.0.0.1:8080/companies/acme
local expect = os.getenv("BENCH_EXPECT") or ""
local name = os.getenv("BENCH_NAME") or "get-path"

local threads = {}
local counter = 1

-- Main Lua state: give each thread a distinct id before it starts.
function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

-- Thread state from here on.
non200, misses, sample = 0, 0, ""

function response(status, _, body)
  if status ~= 200 then
    non200 = non200 + 1
    if sample == "" then sample = status .. " " .. string.sub(body or "", 1, 300) end
  elseif expect ~= "" and not string.find(body or "", expect, 1, true) then
    misses = misses + 1
    if sample == "" then sample = "miss " .. string.sub(body or "", 1, 300) end
  end
end

-- Main Lua state again, after all threads stopped.
function done(summary, latency, _)
  local n2, miss = 0, 0
  for _, t in ipairs(threads) do
    n2 = n2 + t:get("non200")
    miss = miss + t:get("misses")
    local s = t:get("sample")
    if s ~= "" then io.stderr:write("sample failure (thread " .. t:get("id") .. "): " .. s .. "\n") end
  end
  local e = summary.errors
  local sock = e.connect + e.read + e.write + e.timeout
  local secs = summary.duration / 1e6
  io.write(string.format(
    "BENCH name=%s requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non200=%d misses=%d socket_errors=%d\n",
    name, summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, n2, miss, sock))
end
