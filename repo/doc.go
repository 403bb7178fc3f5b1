// Package repo is a generic typed repository over the DynamoDB API: Go's
// answer to pydantic-dynamo, PynamoDB and guregu/dynamo.
//
// A Repository[T] keeps values of a struct type T in one DynamoDB table. It
// talks only to API, the part of *dynamodb.Client's method set it needs, so
// the same code runs in-process on dynabase's *engine.DB, over HTTP against
// `dynabase serve` or DynamoDB Local, and against Amazon DynamoDB:
//
//	db, _ := engine.Open(engine.Options{Dir: "data"}) // or client.Local(url), or dynamodb.NewFromConfig(cfg)
//	movies, _ := repo.New[Movie](db, repo.Config{Table: "movies", PartitionPrefix: "studio", PartitionName: "movie", ContentType: "movie"})
//	repo.EnsureTable(ctx, db, movies.TableSpec())
//	stored, err := movies.Put(ctx, repo.Content[Movie]{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"2001", "spirited-away"}, Item: m})
//
// # Items and keys
//
// A Content[T] is T plus its key (partition IDs and content IDs, joined into
// "prefix#name#id..." and "contenttype#id..." with '#', '\' and empty IDs
// escaped so every key round-trips) and the attributes the repository keeps
// beside T's: _timestamp (every write), _object_version (1 on create, one
// more on every write, counted atomically by DynamoDB), _ttl (an optional
// expiry for DynamoDB's Time to Live) and _content_hash (WriteOnce).
//
// # Operations
//
// Put, Get, Update (an UpdateCommand whose paths and values are checked
// against T before anything is sent), Delete, PutBatch and GetBatch
// (chunked, with unprocessed items retried), WriteOnce (writes only what
// changed), List, ListBetween, ListIndex and ListAll (streams as
// iter.Seq2), and Page (pages filled exactly, with signed cursors bound to
// their query). EnsureTable declares a table, its indexes and TTL as code.
//
// # Errors
//
// Match with errors.Is: ErrNotFound, ErrConditionFailed, ErrVersionConflict
// (errors.As gives the *VersionConflictError[T] with the current item),
// ErrInvalid (nothing was sent, or DynamoDB refused the request as
// invalid), ErrBadCursor, ErrTableMismatch; a *BatchError names the items
// a batch could not process. DynamoDB's own error types stay in the chain
// for errors.As.
package repo
