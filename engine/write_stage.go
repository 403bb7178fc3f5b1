package engine

import (
	"bytes"
	"fmt"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/internal/kv"
)

// counterDelta is a change to one (item count, size) counter: staged into
// the write's batch as a merge operand, and added to the live counters once
// the batch is committed.
type counterDelta struct {
	key         []byte
	count, size *atomic.Int64
	items, byts int64
}

// counterDeltas gathers the counter changes of one batch.
type counterDeltas []counterDelta

func (ds *counterDeltas) add(key []byte, count, size *atomic.Int64, items, byts int64) {
	if items == 0 && byts == 0 {
		return
	}
	for i := range *ds {
		if d := &(*ds)[i]; d.count == count {
			d.items += items
			d.byts += byts
			return
		}
	}
	*ds = append(*ds, counterDelta{key, count, size, items, byts})
}

// stage adds the merge operands to b.
func (ds counterDeltas) stage(b *kv.Batch) {
	for _, d := range ds {
		if d.items != 0 || d.byts != 0 {
			b.Add(d.key, d.items, d.byts)
		}
	}
}

// apply adds the changes to the live counters, after the commit.
func (ds counterDeltas) apply() {
	for _, d := range ds {
		d.count.Add(d.items)
		d.size.Add(d.byts)
	}
}

// stageWrite adds to b the write of enc (nil: a delete) over old in t, with
// every index entry it changes, and records the key in the key filter
// before the commit (see keyFilter). st is t's state, loaded under its drop
// lock. It returns false when there is nothing to write (deleting an absent
// item).
func (db *DB) stageWrite(b *kv.Batch, t *table, st *tableState, key, enc []byte, size int, old oldItem, ds *counterDeltas) (bool, error) {
	var dItems int64
	switch {
	case enc == nil && old.raw == nil:
		return false, nil
	case enc == nil:
		b.Delete(key)
		dItems = -1
	case old.raw == nil:
		b.Set(key, enc)
		dItems = 1
	default:
		b.Set(key, enc)
	}
	if len(st.indexes) > 0 {
		localBytes, err := db.stageIndexes(b, t, st, old.raw, enc, ds)
		if err != nil {
			return false, fmt.Errorf("engine: %s: %w", t.name, err)
		}
		if st.hasLocalIndex() {
			if d := int64(size-old.size) + localBytes; d != 0 {
				b.Add(t.collectionKey(key), d)
			}
		}
	}
	if enc != nil {
		db.filter.add(key)
	}
	ds.add(t.statsKey, &t.itemCount, &t.sizeBytes, dItems, int64(size-old.size))
	return true, nil
}

// stageIndexes adds to b the index entry changes of replacing the stored
// item old (nil: none) by enc (nil: a delete). It returns the change in the
// bytes of the local indexes' entries (part of the item collection size).
func (db *DB) stageIndexes(b *kv.Batch, t *table, st *tableState, old, enc []byte, ds *counterDeltas) (localBytes int64, err error) {
	var oldItem, newItem map[string]types.AttributeValue
	if old != nil {
		if oldItem, err = decodeStoredItem(old); err != nil {
			return 0, err
		}
	}
	if enc != nil {
		if newItem, err = decodeStoredItem(enc); err != nil {
			return 0, err
		}
	}
	for _, x := range st.indexes {
		var oldKey, newKey []byte
		var inOld, inNew bool
		oldSize := 0
		if oldItem != nil {
			if oldKey, inOld, err = x.entryKey(nil, oldItem); err != nil {
				return 0, err
			}
			if inOld && x.creating {
				// The backfill may not have reached the old item yet.
				if inOld, err = db.hasKey(oldKey); err != nil {
					return 0, err
				}
			}
			if inOld {
				oldSize = x.entrySize(t, oldItem, old)
			}
		}
		if newItem != nil {
			if newKey, inNew, err = x.entryKey(nil, newItem); err != nil {
				return 0, err
			}
		}
		var dItems, dBytes int64
		moved := inOld && (!inNew || !bytes.Equal(oldKey, newKey))
		if moved {
			b.Delete(oldKey)
			dItems, dBytes = -1, -int64(oldSize)
		}
		if inNew {
			v, size, err := x.entryValue(t, newItem, enc)
			if err != nil {
				return 0, err
			}
			b.Set(newKey, v)
			dBytes += int64(size)
			if moved || !inOld {
				dItems++
			} else {
				dBytes -= int64(oldSize)
			}
		}
		ds.add(x.statsKey, &x.stats.itemCount, &x.stats.sizeBytes, dItems, dBytes)
		if !x.global {
			localBytes += dBytes
		}
	}
	return localBytes, nil
}
