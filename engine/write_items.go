package engine

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/dynabase/dynabase/engine/apierr"
)

// itemWrite is one item of a multi-item write: enc (nil: delete) stored
// under key in t, or what produce computes from the stored item when it is
// set (as in writeItem). checkOnly writes nothing whatever produce returns
// (a transaction's ConditionCheck). writeItems fills old, and err with
// produce's error.
type itemWrite struct {
	t         *table
	key       []byte
	enc       []byte
	size      int
	produce   producer
	checkOnly bool

	old oldItem
	err error
}

// errItemsFailed is writeItems' answer when a producer failed: nothing was
// written, and each itemWrite's err says which failed and why.
var errItemsFailed = errors.New("engine: an item of a multi-item write failed")

// writeItems stores several items in one atomic batch with one durable
// commit. It holds the drop lock of every table involved and the stripe
// lock of every item (taken in stripe order) from the reads of the old
// items to the commit, as writeItem does for one item, so the counters stay
// exact and no single-item write interleaves. The keys must be distinct.
func (db *DB) writeItems(ws []itemWrite) error {
	var tables []*table
	for _, w := range ws {
		if !slices.Contains(tables, w.t) {
			tables = append(tables, w.t)
		}
	}
	slices.SortFunc(tables, func(a, b *table) int { return cmp.Compare(a.id, b.id) })
	states := make(map[*table]*tableState, len(tables))
	for _, t := range tables {
		t.dropMu.RLock()
		defer t.dropMu.RUnlock()
		if t.dropped {
			return apierr.TableNotFound()
		}
		states[t] = t.state.Load()
	}
	keys := make([][]byte, len(ws))
	for i, w := range ws {
		keys[i] = w.key
	}
	unlock := db.locks.lockAll(keys)
	defer unlock()

	var ds counterDeltas
	b := db.store.NewBatch()
	written := 0
	failed := false
	for i := range ws {
		w := &ws[i]
		var err error
		if w.old, err = db.readOld(w.t, w.key); err != nil {
			b.Abort()
			return err
		}
		if w.produce != nil {
			enc, size, err := w.produce(w.old.raw)
			if err != nil {
				w.err = err
				failed = true
				continue
			}
			w.enc, w.size = enc, size
		}
		if failed || w.checkOnly {
			continue
		}
		changed, err := db.stageWrite(b, w.t, states[w.t], w.key, w.enc, w.size, w.old, &ds)
		if err != nil {
			b.Abort()
			return err
		}
		if changed {
			written++
		}
	}
	if failed {
		// Every producer ran (each item's error is reported), and nothing
		// is written.
		b.Abort()
		return errItemsFailed
	}
	if written == 0 {
		b.Abort()
		return nil
	}
	ds.stage(b)
	cached := make([]bool, len(ws))
	for i, w := range ws {
		cached[i] = db.cache.beginWrite(w.key)
	}
	err := b.Commit()
	for i, w := range ws {
		db.cache.endWrite(w.key, w.enc, err == nil, cached[i])
	}
	if err != nil {
		return fmt.Errorf("engine: batch write: %w", err)
	}
	ds.apply()
	return nil
}
