-- get.lua: GetItem of a uniformly random key from the preloaded range
-- (BENCH_KEYS items written by bench/load). An answer without an Item is a miss:
-- it means the preload did not happen, and the run is not reported.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")

ddb.bench{
  name = "get",
  op = "GetItem",
  body = function(t)
    return string.format('{"TableName":"%s","Key":%s}', ddb.table, ddb.key_json(ddb.random_key()))
  end,
  check = function(body) return string.find(body, '"Item"', 1, true) ~= nil end,
}
