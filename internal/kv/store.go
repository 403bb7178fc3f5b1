package kv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/bloom"
	"github.com/cockroachdb/pebble/v2/vfs"
)

// ErrNotFound is returned by Get when the key is absent.
var ErrNotFound = errors.New("kv: key not found")

// Options configures Open.
type Options struct {
	// Dir is the directory holding the data. Ignored when InMemory is set.
	Dir string
	// InMemory keeps everything in memory: nothing survives Close.
	InMemory bool
	// NoSync acknowledges commits before they reach stable storage. A crash
	// may then lose recent commits (never part of one). For benchmarks and
	// throwaway data only.
	NoSync bool
	// CacheBytes is the block cache size; 0 picks a small default that keeps
	// an idle server light.
	CacheBytes int64
	// Logger receives Pebble's log lines; nil discards informational ones.
	Logger *slog.Logger
}

// Store is an open key-value store. It is safe for concurrent use.
type Store struct {
	db        *pebble.DB
	writeOpts *pebble.WriteOptions
}

// Open opens (creating if needed) the store described by opts.
func Open(opts Options) (*Store, error) {
	cacheBytes := opts.CacheBytes
	if cacheBytes == 0 {
		cacheBytes = 16 << 20
	}
	cache := pebble.NewCache(cacheBytes)
	defer cache.Unref() // the DB holds its own reference

	po := &pebble.Options{
		Cache:              cache,
		FormatMajorVersion: pebble.FormatNewest,
		Logger:             pebbleLogger{log: opts.Logger},
		// Items are keyed by a hash of their partition key, so every flushed
		// memtable overlaps all of the base level and each L0 compaction
		// rewrites it: large memtables make those compactions rarer
		// (BenchmarkPutItemNoSync: about 12 µs/op with 4 MiB, 9 µs with 64
		// MiB). Idle memory stays low: Pebble starts with a 256 KiB memtable
		// and doubles it only as writes arrive.
		MemTableSize: 64 << 20,
		Merger:       counterMerger,
	}
	// Bloom filters on every level: writes look the old item up first,
	// and for a new key that lookup misses; without filters a miss costs an
	// index and data block search per sstable.
	for i := range po.Levels {
		po.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
	}
	dir := opts.Dir
	if opts.InMemory {
		po.FS = vfs.NewMem()
		dir = ""
	} else if dir == "" {
		return nil, errors.New("kv: open: no directory given")
	}
	db, err := pebble.Open(dir, po)
	if err != nil {
		return nil, fmt.Errorf("kv: open %q: %w", dir, err)
	}
	wo := pebble.Sync
	if opts.NoSync || opts.InMemory {
		wo = pebble.NoSync
	}
	return &Store{db: db, writeOpts: wo}, nil
}

// Close flushes nothing extra (every commit is already in the log) and
// releases the store. Using the store after Close panics.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("kv: close: %w", err)
	}
	return nil
}

// Get calls fn with the value stored under key. The slice is valid only
// during the call. It returns ErrNotFound when the key is absent.
func (s *Store) Get(key []byte, fn func(value []byte) error) error {
	return get(s.db, key, fn)
}

func get(r pebble.Reader, key []byte, fn func(value []byte) error) error {
	v, closer, err := r.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("kv: get: %w", err)
	}
	defer closer.Close()
	return fn(v)
}

// Scan calls fn for each key in [start, end) in ascending order (descending
// when reverse is set) until fn returns false or ctx is done. Slices are
// valid only during the call.
func (s *Store) Scan(ctx context.Context, start, end []byte, reverse bool, fn func(key, value []byte) bool) error {
	return scan(ctx, s.db, start, end, reverse, false, fn)
}

// scan iterates [start, end); with keysOnly, values are not read and fn gets
// nil for them.
func scan(ctx context.Context, r pebble.Reader, start, end []byte, reverse, keysOnly bool, fn func(key, value []byte) bool) error {
	it, err := r.NewIter(&pebble.IterOptions{LowerBound: start, UpperBound: end})
	if err != nil {
		return fmt.Errorf("kv: scan: %w", err)
	}
	var valid bool
	if reverse {
		valid = it.Last()
	} else {
		valid = it.First()
	}
	for n := 0; valid; n++ {
		// Checking the context on every key would cost more than the key.
		if n%1024 == 1023 && ctx.Err() != nil {
			it.Close()
			return ctx.Err()
		}
		var v []byte
		if !keysOnly {
			var err error
			if v, err = it.ValueAndErr(); err != nil {
				it.Close()
				return fmt.Errorf("kv: scan: %w", err)
			}
		}
		if !fn(it.Key(), v) {
			break
		}
		if reverse {
			valid = it.Prev()
		} else {
			valid = it.Next()
		}
	}
	if err := it.Close(); err != nil {
		return fmt.Errorf("kv: scan: %w", err)
	}
	return nil
}

// Snapshot is a consistent read-only view of the store at one instant.
type Snapshot struct{ snap *pebble.Snapshot }

// Snapshot returns a view of the store as of now. Close it when done.
func (s *Store) Snapshot() *Snapshot { return &Snapshot{snap: s.db.NewSnapshot()} }

// Get is Store.Get at the snapshot's instant.
func (s *Snapshot) Get(key []byte, fn func(value []byte) error) error {
	return get(s.snap, key, fn)
}

// Scan is Store.Scan at the snapshot's instant.
func (s *Snapshot) Scan(ctx context.Context, start, end []byte, reverse bool, fn func(key, value []byte) bool) error {
	return scan(ctx, s.snap, start, end, reverse, false, fn)
}

// Close releases the snapshot.
func (s *Snapshot) Close() error { return s.snap.Close() }

// Batch collects writes that commit atomically.
type Batch struct {
	store *Store
	b     *pebble.Batch
}

// NewBatch starts an empty batch.
func (s *Store) NewBatch() *Batch { return &Batch{store: s, b: s.db.NewBatch()} }

// Set stores value under key. Both slices are copied.
func (b *Batch) Set(key, value []byte) { _ = b.b.Set(key, value, nil) }

// Delete removes key.
func (b *Batch) Delete(key []byte) { _ = b.b.Delete(key, nil) }

// DeleteRange removes every key in [start, end).
func (b *Batch) DeleteRange(start, end []byte) { _ = b.b.DeleteRange(start, end, nil) }

// Empty reports whether the batch holds no writes.
func (b *Batch) Empty() bool { return b.b.Empty() }

// Commit applies the batch atomically and, unless the store is NoSync,
// returns only once it is on stable storage. The batch cannot be reused.
func (b *Batch) Commit() error {
	err := b.b.Commit(b.store.writeOpts)
	_ = b.b.Close()
	if err != nil {
		return fmt.Errorf("kv: commit: %w", err)
	}
	return nil
}

// Abort discards the batch.
func (b *Batch) Abort() { _ = b.b.Close() }

// PrefixEnd returns the smallest key greater than every key with the given
// prefix, for use as an exclusive upper bound; nil when there is none.
func PrefixEnd(prefix []byte) []byte {
	end := bytes.Clone(prefix)
	for i := len(end) - 1; i >= 0; i-- {
		end[i]++
		if end[i] != 0 {
			return end[:i+1]
		}
	}
	return nil
}

// ScanKeys calls fn for each key in [start, end) in ascending order, without
// reading values, until fn returns false or ctx is done.
func (s *Store) ScanKeys(ctx context.Context, start, end []byte, fn func(key []byte) bool) error {
	return scan(ctx, s.db, start, end, false, true, func(k, _ []byte) bool { return fn(k) })
}
