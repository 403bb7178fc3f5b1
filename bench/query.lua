-- query.lua: Query of one random partition of 20 items (the whole page):
-- KeyConditionExpression on the hash key of the table bench/load fills with
-- -per-partition 20 (BENCH_QUERY_TABLE, default "<BENCH_TABLE>q"). An answer
-- without 20 items is a miss: the preload did not happen.
-- querygsi.lua runs the same Query on the table's global index by setting
-- QUERY_INDEX before loading this file.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")
local qtable = os.getenv("BENCH_QUERY_TABLE") or (ddb.table .. "q")
local per = 20
local partitions = math.floor(ddb.keys / per)
local index = QUERY_INDEX -- nil: the table itself
local target, hash = "", "id"
if index then
  target, hash = string.format(',"IndexName":"%s"', index.name), index.hash
end

ddb.bench{
  name = index and ("query" .. index.label) or "query",
  op = "Query",
  body = function(t)
    return string.format(
      '{"TableName":"%s"%s,"KeyConditionExpression":"%s = :p","ExpressionAttributeValues":{":p":{"S":"%s"}}}',
      qtable, target, hash, ddb.key(math.random(0, partitions - 1)))
  end,
  check = function(body) return string.find(body, '"Count":20', 1, true) ~= nil end,
}
