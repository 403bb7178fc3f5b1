package repo

import "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

// WriteOption adds a condition to Put or Delete.
type WriteOption func(*writeConditions)

type writeConditions struct {
	ifAbsent bool
	version  int64 // 0: any
	when     *Filter
	// exists: the item must be there (Update and Delete never create).
	exists bool
	// changed: write only if T's attributes or the expiry differ from the
	// stored ones (WriteOnce); hash is the new content's hash.
	changed bool
	hash    types.AttributeValue
}

// IfAbsent makes Put write only when no item has the key; otherwise it
// fails with ErrConditionFailed.
func IfAbsent() WriteOption { return func(w *writeConditions) { w.ifAbsent = true } }

// IfVersion makes the write happen only when the stored item is at version
// v; otherwise it fails with a *VersionConflictError (ErrVersionConflict)
// carrying the item as it is, or ErrNotFound when there is none.
func IfVersion(v int64) WriteOption { return func(w *writeConditions) { w.version = v } }

// When makes the write happen only when the stored item matches f;
// otherwise it fails with ErrConditionFailed. The zero Filter adds no
// condition.
func When(f Filter) WriteOption {
	return func(w *writeConditions) {
		if !f.IsZero() {
			w.when = &f
		}
	}
}

func collectWriteOptions(opts []WriteOption) (writeConditions, error) {
	var w writeConditions
	for _, o := range opts {
		o(&w)
	}
	if w.version < 0 {
		return w, invalid("IfVersion(%d): versions start at 1", w.version)
	}
	if w.ifAbsent && w.version > 0 {
		return w, invalid("IfAbsent and IfVersion exclude each other")
	}
	return w, nil
}
