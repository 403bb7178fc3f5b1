-- put.lua: PutItem of a ~200-byte item under a new key per request
-- ("p<run>-<thread>-<counter>"), so every request inserts a distinct item.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")

ddb.bench{
  name = "put",
  op = "PutItem",
  body = function(t)
    return string.format(
      '{"TableName":"%s","Item":{"id":{"S":"p%s-%d-%d"},"n":{"N":"%d"},"payload":{"S":"%s"}}}',
      ddb.table, ddb.run, t.id, t.n, t.n, ddb.payload)
  end,
}
