// Package engine is dynabase's embedded, durable, DynamoDB-compatible
// database.
//
// A *DB has the method set of the AWS SDK's *dynamodb.Client for the
// operations it implements, takes and returns the SDK's own input, output and
// error types, and answers as Amazon DynamoDB does: the same validation, in
// the same order, with the same messages (see engine/validate), the same
// limits and the same results. Code written against an interface with those
// methods runs unchanged on the engine in-process, on `dynabase serve` over
// HTTP, on DynamoDB Local and on Amazon DynamoDB.
//
// # Storage layout
//
// Everything lives in one ordered key-value store (internal/kv):
//
//	0x01 "t" name                         table catalog entry (JSON)
//	0x02 tableID(8) "c" "stats"           (item count, size) counter
//	0x03 tableID(8) hash(8) pk [sk]       items
//
// Items are keyed by a 64-bit hash of the partition key value, then the
// order-preserving encodings of the partition and sort key values
// (engine/value). All items of a partition are therefore contiguous and
// sorted by sort key, as Query needs, while a Scan walks partitions in hash
// order, as DynamoDB does. Table IDs are never reused, so DeleteTable is one
// range deletion and a table re-created under the same name starts empty.
//
// # Writes
//
// Each write of an item takes a lock on its key (striped), reads the current
// item when it needs to (ReturnValues, conditions, counters), and commits one
// atomic batch holding the item and the counter deltas. The batch is on
// stable storage before the call returns (group commit shares the fsync
// among concurrent writers). Reads never take these locks.
package engine
