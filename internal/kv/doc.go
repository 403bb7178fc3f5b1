// Package kv is dynabase's durable ordered key-value store: a thin layer over
// CockroachDB's Pebble that fixes the choices the engine depends on.
//
//   - Durability: a Batch is committed with an fsync of the write-ahead log
//     before Commit returns, unless the store was opened with NoSync. Pebble's
//     commit pipeline shares one fsync among all batches that are waiting, so
//     concurrent writers get group commit without any code here.
//   - Atomicity: a Batch is applied entirely or not at all, also across a
//     crash: Pebble replays only whole batches from the log.
//   - Isolation for readers: Get and Scan read the latest committed state
//     without locks; Snapshot gives a consistent point-in-time view.
//   - In-memory mode: the same code on Pebble's in-memory file system, for
//     tests and `dynabase serve --in-memory`.
//
// Keys and values are opaque bytes; the order-preserving encodings of
// DynamoDB key values live in engine/value and the keyspace layout in engine.
package kv
