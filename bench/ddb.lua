-- ddb.lua: shared wrk plumbing for DynamoDB JSON 1.0 benchmarks.
--
-- A benchmark script is one call:
--
--   local ddb = dofile(... this directory .. "/ddb.lua")   -- see put.lua for the idiom
--   ddb.bench{
--     name   = "put",                 -- label printed in the result line
--     op     = "PutItem",             -- X-Amz-Target operation
--     body   = function(t) ... end,   -- returns the JSON body; t is per-thread state
--     check  = function(body) ... end -- optional: false marks a 200 answer as a miss
--   }
--
-- ddb.bench defines wrk's global init and request hooks, and with lib.lua's
-- count_answers its setup/response/done hooks. Every answer that is not HTTP 200
-- is counted (with one sample body kept), as is every 200 answer that check()
-- rejects, and done() prints one machine-readable line:
--
--   BENCH name=put requests=N duration_s=S rps=R p50_ms=A p99_ms=B non200=E misses=M socket_errors=X
--
-- compare.sh refuses to report throughput for a run whose non200, misses or
-- socket_errors is not 0. Settings come from the environment so that every
-- script is driven the same way:
--
--   BENCH_TABLE      table name                         (default "bench")
--   BENCH_KEYS       size of the preloaded key range    (default 10000)
--   BENCH_KEY_PREFIX prefix of preloaded keys           (default "k"; keys are k00000000..)
--   BENCH_RUN        run tag that keeps written keys unique across runs (default: time)
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local lib = dofile(dir .. "/lib.lua")

local M = {}

M.table = os.getenv("BENCH_TABLE") or "bench"
M.keys = tonumber(os.getenv("BENCH_KEYS") or "10000")
M.key_prefix = os.getenv("BENCH_KEY_PREFIX") or "k"
M.run = os.getenv("BENCH_RUN") or tostring(os.time())

-- Fixed filler that brings a put item to ~200 bytes by DynamoDB's size rules
-- (attribute names + values): id (2+~16) + n (1+~4) + payload (7+170) ≈ 200.
M.payload = string.rep("x", 170)

-- The key of preloaded item i (0-based); bench/load uses the same format.
function M.key(i)
  return string.format("%s%08d", M.key_prefix, i)
end

-- A uniformly random key from the preloaded range.
function M.random_key()
  return M.key(math.random(0, M.keys - 1))
end

-- The key string as a DynamoDB key attribute map.
function M.key_json(k)
  return '{"id":{"S":"' .. k .. '"}}'
end

local function headers(op)
  return {
    ["Content-Type"] = "application/x-amz-json-1.0",
    ["X-Amz-Target"] = "DynamoDB_20120810." .. op,
    ["X-Amz-Date"] = os.date("!%Y%m%dT%H%M%SZ"),
    ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, " ..
      "SignedHeaders=host;x-amz-date, " ..
      "Signature=0000000000000000000000000000000000000000000000000000000000000000",
  }
end

function M.bench(spec)
  assert(spec.name and spec.op and spec.body, "ddb.bench needs name, op and body")
  -- setup (each thread's id), response (counts failures) and done (the BENCH line).
  lib.count_answers(spec.name, spec.check)

  -- Thread state from here on.
  local hdrs
  local state = { n = 0 }

  function init(args)
    state.id = id
    state.args = args
    math.randomseed(os.time() * 1000 + id * 7919)
    hdrs = headers(spec.op)
  end

  function request()
    state.n = state.n + 1
    return wrk.format("POST", "/", hdrs, spec.body(state))
  end
end

return M
