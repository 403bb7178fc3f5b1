-- batchwrite.lua: BatchWriteItem of 25 new ~200-byte items per request (the
-- most DynamoDB allows). Throughput in items/s is 25 × requests/s.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")

ddb.bench{
  name = "batchwrite",
  op = "BatchWriteItem",
  body = function(t)
    local reqs = {}
    for i = 1, 25 do
      t.n = t.n + 1
      reqs[i] = string.format(
        '{"PutRequest":{"Item":{"id":{"S":"b%s-%d-%d"},"n":{"N":"%d"},"payload":{"S":"%s"}}}}',
        ddb.run, t.id, t.n, t.n, ddb.payload)
    end
    return string.format('{"RequestItems":{"%s":[%s]}}', ddb.table, table.concat(reqs, ","))
  end,
  check = function(body) return string.find(body, '"UnprocessedItems":{}', 1, true) ~= nil end,
}
