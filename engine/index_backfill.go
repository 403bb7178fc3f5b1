package engine

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/internal/kv"
)

// backfillChunk is how many items a backfill step indexes under one set of
// item locks and one commit: small enough not to stall writers of those
// items, large enough to amortise the commit.
const backfillChunk = 256

// startBackfill indexes t's existing items into its CREATING index name,
// in the background, then marks the index ACTIVE. Close stops it; Open
// restarts an unfinished one (it is idempotent).
func (db *DB) startBackfill(t *table, name string) {
	db.background.Add(1)
	go func() {
		defer db.background.Done()
		if err := db.backfill(db.backgroundCtx, t, name); err != nil {
			if db.backgroundCtx.Err() == nil {
				db.log.Error("engine: index backfill failed", "table", t.name, "index", name, "err", err)
			}
		}
	}()
}

// errIndexGone stops a backfill whose index or table was deleted.
var errIndexGone = errors.New("engine: index no longer exists")

func (db *DB) backfill(ctx context.Context, t *table, name string) error {
	if err := db.setBackfilling(t, name, true); err != nil {
		return err
	}
	// Writers that loaded the table's state before the index existed hold
	// the drop lock shared: once they are gone, every write maintains the
	// index, so indexing each existing item once is enough.
	t.dropMu.Lock()
	//nolint:staticcheck // an empty critical section: waiting is the point
	t.dropMu.Unlock()

	end := kv.PrefixEnd(t.prefix)
	cursor := t.prefix
	for {
		var keys [][]byte
		err := db.store.ScanKeys(ctx, cursor, end, func(k []byte) bool {
			keys = append(keys, bytes.Clone(k))
			return len(keys) < backfillChunk
		})
		if err != nil {
			return fmt.Errorf("engine: backfill %s.%s: %w", t.name, name, err)
		}
		if len(keys) == 0 {
			break
		}
		if err := db.backfillKeys(t, name, keys); err != nil {
			if errors.Is(err, errIndexGone) {
				return nil
			}
			return err
		}
		cursor = append(keys[len(keys)-1], 0)
	}
	err := db.setBackfilling(t, name, false)
	if errors.Is(err, errIndexGone) {
		return nil
	}
	return err
}

// backfillKeys indexes the items stored under keys, under their locks: an
// item a writer already indexed (its entry exists) is left alone.
func (db *DB) backfillKeys(t *table, name string, keys [][]byte) error {
	t.dropMu.RLock()
	defer t.dropMu.RUnlock()
	if t.dropped {
		return errIndexGone
	}
	x := t.state.Load().index(name)
	if x == nil || !x.creating {
		return errIndexGone
	}
	unlock := db.locks.lockAll(keys)
	defer unlock()
	b := db.store.NewBatch()
	var ds counterDeltas
	for _, key := range keys {
		raw, err := db.readStored(key)
		if err != nil {
			b.Abort()
			return err
		}
		if raw == nil {
			continue // deleted since the scan
		}
		item, err := decodeStoredItem(raw)
		if err != nil {
			b.Abort()
			return fmt.Errorf("engine: backfill %s.%s: %w", t.name, name, err)
		}
		ek, in, err := x.entryKey(nil, item)
		if err != nil || !in {
			continue
		}
		if found, err := db.hasKey(ek); err != nil || found {
			if err != nil {
				b.Abort()
				return err
			}
			continue
		}
		v, size, err := x.entryValue(t, item, raw)
		if err != nil {
			b.Abort()
			return err
		}
		b.Set(ek, v)
		ds.add(x.statsKey, &x.stats.itemCount, &x.stats.sizeBytes, 1, int64(size))
	}
	if len(ds) == 0 {
		b.Abort()
		return nil
	}
	ds.stage(b)
	if err := b.Commit(); err != nil {
		return fmt.Errorf("engine: backfill %s.%s: %w", t.name, name, err)
	}
	ds.apply()
	return nil
}

// hasKey reports whether key is stored (an index entry: not cached).
func (db *DB) hasKey(key []byte) (bool, error) {
	err := db.store.Get(key, func([]byte) error { return nil })
	if errors.Is(err, kv.ErrNotFound) {
		return false, nil
	}
	return err == nil, err
}

// setBackfilling records the progress of index name's creation: Backfilling
// true while items are indexed, then the index ACTIVE.
func (db *DB) setBackfilling(t *table, name string, running bool) error {
	_, err := db.updateMeta(t, func(m *tableMeta) error {
		i := globalIndexPos(m.Description.GlobalSecondaryIndexes, name)
		if i < 0 || m.Description.GlobalSecondaryIndexes[i].IndexStatus != types.IndexStatusCreating {
			return errIndexGone
		}
		g := &m.Description.GlobalSecondaryIndexes[i]
		if running {
			g.Backfilling = aws.Bool(true)
		} else {
			g.Backfilling = nil
			g.IndexStatus = types.IndexStatusActive
			g.IndexSizeBytes, g.ItemCount = aws.Int64(0), aws.Int64(0)
		}
		return nil
	})
	if err != nil && !errors.Is(err, errIndexGone) {
		var nf *types.ResourceNotFoundException
		if errors.As(err, &nf) {
			return errIndexGone
		}
	}
	return err
}

// dropOrphanIndexes removes the entries of indexes no catalog entry names:
// those of an index whose deletion was interrupted by a crash. It visits
// one key per stored index id.
func (db *DB) dropOrphanIndexes() error {
	known := map[uint64]bool{}
	for _, t := range db.tables {
		for _, x := range t.meta().Indexes {
			known[x.ID] = true
		}
	}
	start, end := []byte{prefixIndex}, []byte{prefixIndex + 1}
	for {
		var id uint64
		found := false
		err := db.store.ScanKeys(context.Background(), start, end, func(k []byte) bool {
			if len(k) >= 9 {
				id, found = binary.BigEndian.Uint64(k[1:9]), true
			}
			return false
		})
		if err != nil {
			return err
		}
		if !found {
			return nil
		}
		if !known[id] {
			if err := db.dropIndexData(id); err != nil {
				return err
			}
			db.log.Info("engine: removed the entries of a deleted index", "id", id)
		}
		start = kv.PrefixEnd(indexPrefix(id))
	}
}
