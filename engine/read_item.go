package engine

import (
	"errors"
	"fmt"

	"github.com/dynabase/dynabase/internal/kv"
)

// readStored returns the stored bytes of the item under key, or nil when
// there is none. The bytes are shared with the item cache: never modify them.
// A key the key filter never saw has no item, and costs no lookup.
func (db *DB) readStored(key []byte) ([]byte, error) {
	if db.filter.absent(key) {
		return nil, nil
	}
	raw, hit, ticket := db.cache.get(key)
	if hit {
		return raw, nil
	}
	// One allocation holds a copy of the key and of the value: the cache
	// keeps both, and the caller's key buffer is its own.
	var kept []byte
	err := db.store.Get(key, func(v []byte) error {
		kept = append(append(make([]byte, 0, len(key)+len(v)), key...), v...)
		raw = kept[len(key):]
		return nil
	})
	if errors.Is(err, kv.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("engine: read item: %w", err)
	}
	db.cache.fill(kept[:len(key)], raw, ticket)
	return raw, nil
}
