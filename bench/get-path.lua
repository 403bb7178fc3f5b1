-- get-path.lua: a plain GET of the URL given to wrk (e.g. http://127.0.0.1:18021/companies/acme),
-- for bench/rest.sh. wrk sends its default pre-built request; this script only
-- checks the answers, with lib.lua as ddb.lua does for the DynamoDB scripts:
-- every answer that is not HTTP 200 is counted (with one sample body kept), as
-- is every 200 answer whose body lacks BENCH_EXPECT (a "miss"; unset or empty:
-- no check), and done() prints one line that rest.sh parses:
--
--   BENCH name=get-path requests=N duration_s=S rps=R p50_ms=A p99_ms=B non200=E misses=M socket_errors=X
--
--   BENCH_EXPECT='"Acme"' wrk -t2 -c32 -d15s -s bench/get-path.lua http://127.0.0.1:8080/companies/acme
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local lib = dofile(dir .. "/lib.lua")

local expect = os.getenv("BENCH_EXPECT") or ""
local check = nil
if expect ~= "" then
  check = function(body) return string.find(body or "", expect, 1, true) ~= nil end
end

lib.count_answers(os.getenv("BENCH_NAME") or "get-path", check)
