-- querygsi.lua: query.lua's Query on the global index "byG" (g, gs) of the
-- same table (compare.sh creates the index; bench/load fills g and gs with
-- the item's partition and sort key).
local dir = (debug.getinfo(1, "S").source:match("^@(.*)/[^/]*$")) or "."
QUERY_INDEX = { name = "byG", hash = "g", label = "gsi" }
dofile(dir .. "/query.lua")
