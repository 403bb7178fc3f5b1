package repo

import "time"

// Content is one stored item of a repository: T and what the repository
// keeps beside it.
type Content[T any] struct {
	// PartitionIDs and ContentIDs make the item's key (see Key).
	PartitionIDs []string
	ContentIDs   []string
	// Item is the caller's data, stored as top-level attributes.
	Item T
	// Version is _object_version: 1 when the item is created, one more on
	// every write after that. Writes may require it to be a given value.
	Version int64
	// Timestamp is _timestamp, the time of the last write.
	Timestamp time.Time
	// Expiry is _ttl, when DynamoDB's Time to Live may delete the item
	// (stored in epoch seconds); the zero time means never.
	Expiry time.Time
}

// Key returns the content's key.
func (c Content[T]) Key() Key {
	return Key{PartitionIDs: c.PartitionIDs, ContentIDs: c.ContentIDs}
}
