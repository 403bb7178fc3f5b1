-- lib.lua: what every wrk script of bench/ does with the answers (ddb.lua for the
-- DynamoDB scripts, get-path.lua for bench/rest.sh). Load it from the script's
-- own directory, so that it is found wherever wrk runs:
--
--   local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
--   local lib = dofile(dir .. "/lib.lua")
--   lib.count_answers(name, check)
--
-- count_answers defines wrk's global setup, response and done hooks (a script
-- may add init and request). Every answer that is not HTTP 200 is counted (with
-- one sample body kept), as is every 200 answer that check(body) rejects (a
-- "miss"; check nil: none), and done() prints one machine-readable line that
-- compare.sh and rest.sh parse:
--
--   BENCH name=NAME requests=N duration_s=S rps=R p50_ms=A p99_ms=B non200=E misses=M socket_errors=X
local M = {}

function M.count_answers(name, check)
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
    elseif check and not check(body) then
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
end

return M
