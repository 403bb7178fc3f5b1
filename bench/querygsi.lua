-- querygsi.lua: Query of one random partition of 20 items of the global
-- index "byG" (g, gs) of the table bench/load fills with -per-partition 20
-- (BENCH_QUERY_TABLE, default "<BENCH_TABLE>q"; compare.sh creates the
-- index). An answer without 20 items is a miss.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")
local qtable = os.getenv("BENCH_QUERY_TABLE") or (ddb.table .. "q")
local per = 20
local partitions = math.floor(ddb.keys / per)

ddb.bench{
  name = "querygsi",
  op = "Query",
  body = function(t)
    return string.format(
      '{"TableName":"%s","IndexName":"byG","KeyConditionExpression":"g = :p","ExpressionAttributeValues":{":p":{"S":"%s"}}}',
      qtable, ddb.key(math.random(0, partitions - 1)))
  end,
  check = function(body) return string.find(body, '"Count":20', 1, true) ~= nil end,
}
