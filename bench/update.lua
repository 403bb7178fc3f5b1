-- update.lua: UpdateItem "ADD n :one" on a random preloaded key: a read-modify-write
-- of one ~200-byte item per request.
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
local ddb = dofile(dir .. "/ddb.lua")

ddb.bench{
  name = "update",
  op = "UpdateItem",
  body = function(t)
    return string.format(
      '{"TableName":"%s","Key":%s,"UpdateExpression":"ADD n :one","ExpressionAttributeValues":{":one":{"N":"1"}}}',
      ddb.table, ddb.key_json(ddb.random_key()))
  end,
}
