package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"

	"github.com/dynabase/dynabase/engine/value"
	"github.com/dynabase/dynabase/internal/kv"
)

// Time to Live deletes expired items in the background, by DynamoDB's rules
// (Developer Guide, "Using DynamoDB Time to Live (TTL)"): an item expires
// when its TTL attribute is a top-level Number holding a Unix epoch time in
// seconds that is before now, and no more than five years before now.
// Items without the attribute, with another type there (a string, a set of
// numbers, a list...) or with an older time are never deleted; neither are
// times in milliseconds, in effect, as they lie tens of thousands of years
// ahead. Until the sweeper gets to an expired item, reads return it, as
// DynamoDB's do (expired items not yet deleted still appear in reads,
// queries and scans, says the Developer Guide).
//
// DynamoDB deletes within days; dynabase sweeps every Options.TTLInterval
// (30 s by default), so an item goes within about that long of expiring.
// Deletions take the ordinary write path (writeItem), so index entries, the
// table's counters and the item cache are maintained as for DeleteItem.

// defaultTTLInterval is how often the sweeper runs when Options.TTLInterval
// is 0: expired items are gone well within a minute.
const defaultTTLInterval = 30 * time.Second

// ttlMaxAgeYears is how far in the past a TTL value may lie and still expire its
// item: five years, per the Developer Guide.
const ttlMaxAgeYears = 5

// A sweep reads a table in chunks: it collects the keys of up to
// ttlChunkKeys expired items, reading at most ttlChunkItems items, then
// closes its iterator and deletes them before reading on. So no iterator
// stays open across writes or across a whole large table (an open Pebble
// iterator pins memtables and sstables), and no lock is held while reading.
const (
	ttlChunkKeys  = 256
	ttlChunkItems = 4096
)

// errTTLSkip cancels the deletion of an item that is no longer expired when
// the sweeper holds its lock: it was rewritten or deleted since the scan, or
// the table's TTL was disabled.
var errTTLSkip = errors.New("engine: item no longer expired")

// ttlSweeper is the background goroutine that deletes expired items.
type ttlSweeper struct {
	stop context.CancelFunc
	done chan struct{}
	// passes counts completed sweeps over every table (for tests: two more
	// passes mean every item has been looked at since).
	passes atomic.Int64
}

// startTTLSweeper starts the sweeper, running every interval (0: the
// default; negative: never, and it returns nil).
func (db *DB) startTTLSweeper(interval time.Duration) *ttlSweeper {
	if interval < 0 {
		return nil
	}
	if interval == 0 {
		interval = defaultTTLInterval
	}
	ctx, stop := context.WithCancel(context.Background())
	s := &ttlSweeper{stop: stop, done: make(chan struct{})}
	go s.run(ctx, db, interval)
	return s
}

// close stops the sweeper and waits for it: a sweep in progress stops
// before its next delete or, while reading, within a thousand items. A nil
// sweeper (disabled) is fine.
func (s *ttlSweeper) close() {
	if s == nil {
		return
	}
	s.stop()
	<-s.done
}

func (s *ttlSweeper) run(ctx context.Context, db *DB, interval time.Duration) {
	defer close(s.done)
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		db.sweepExpired(ctx)
		if ctx.Err() != nil {
			return
		}
		s.passes.Add(1)
	}
}

// sweepExpired deletes the expired items of every table with TTL enabled.
// Errors are logged, never fatal: a table that fails is tried again on the
// next pass, and the other tables are swept regardless.
func (db *DB) sweepExpired(ctx context.Context) {
	w, err := newTTLWindow(db.now())
	if err != nil {
		db.log.Warn("engine: TTL sweep skipped", "err", err)
		return
	}
	db.catalogMu.RLock()
	var tables []*table
	for _, t := range db.tables {
		if _, on := ttlAttribute(t.meta()); on {
			tables = append(tables, t)
		}
	}
	db.catalogMu.RUnlock()
	for _, t := range tables {
		if ctx.Err() != nil {
			return
		}
		n, err := db.sweepTable(ctx, t, w)
		if err != nil && ctx.Err() == nil {
			db.log.Warn("engine: TTL sweep of a table failed; retrying on the next pass", "table", t.name, "err", err)
		}
		if n > 0 {
			db.log.Debug("engine: TTL deleted expired items", "table", t.name, "items", n)
		}
	}
}

// sweepTable deletes the expired items of t, chunk by chunk, and returns how
// many it deleted. It stops early, without error, when t's TTL is disabled
// or t is deleted meanwhile.
func (db *DB) sweepTable(ctx context.Context, t *table, w ttlWindow) (int, error) {
	deleted, corrupt := 0, 0
	defer func() {
		if corrupt > 0 {
			db.log.Warn("engine: TTL sweep skipped unreadable items", "table", t.name, "items", corrupt)
		}
	}()
	start, end := t.prefix, kv.PrefixEnd(t.prefix)
	for start != nil {
		attr, on := ttlAttribute(t.meta())
		if !on || !db.isOpenTable(t) {
			return deleted, nil
		}
		c, err := db.collectExpired(ctx, attr, w, start, end)
		corrupt += c.corrupt
		if err != nil {
			return deleted, fmt.Errorf("engine: TTL sweep of %s: %w", t.name, err)
		}
		n, err := db.deleteExpired(ctx, t, attr, w, c.keys)
		deleted += n
		if err != nil {
			if !db.isOpenTable(t) {
				return deleted, nil // deleted meanwhile: nothing left to sweep
			}
			return deleted, fmt.Errorf("engine: TTL sweep of %s: %w", t.name, err)
		}
		start = c.next
	}
	return deleted, nil
}

// ttlChunk is what one read of a sweep found.
type ttlChunk struct {
	keys    [][]byte // storage keys of expired items, each its own copy
	next    []byte   // where the next read starts; nil: the range is done
	corrupt int      // items that could not be decoded (skipped)
}

// collectExpired reads the items in [start, end) until it has ttlChunkKeys
// expired ones or has read ttlChunkItems, and returns their keys. It holds no
// lock and writes nothing; the iterator is closed when it returns.
func (db *DB) collectExpired(ctx context.Context, attr string, w ttlWindow, start, end []byte) (ttlChunk, error) {
	var c ttlChunk
	var last []byte
	read, more := 0, false
	err := db.store.Scan(ctx, start, end, false, func(key, raw []byte) bool {
		if read == ttlChunkItems || len(c.keys) == ttlChunkKeys {
			more = true // stop before this item; the next chunk starts with it
			return false
		}
		read++
		last = key
		item, err := decodeStoredItem(raw)
		if err != nil {
			c.corrupt++
		} else if w.expired(item, attr) {
			c.keys = append(c.keys, bytes.Clone(key))
		}
		return true
	})
	if err != nil {
		return ttlChunk{}, err
	}
	if more {
		// The smallest key after last: last followed by a zero byte. The
		// key slices are only valid during the scan, hence the copy.
		c.next = append(bytes.Clone(last), 0)
	}
	return c, nil
}

// deleteExpired deletes the items under keys that are still expired when
// their lock is held, and returns how many it deleted. The check under the
// lock is what keeps a concurrent write that extends an item's TTL (or
// removes the attribute) from being lost to a decision taken on the item
// as it was scanned.
func (db *DB) deleteExpired(ctx context.Context, t *table, attr string, w ttlWindow, keys [][]byte) (int, error) {
	deleted := 0
	for _, key := range keys {
		if ctx.Err() != nil {
			return deleted, nil // closing: the rest waits for the next open
		}
		_, err := db.writeItem(t, key, nil, 0, func(old []byte) ([]byte, int, error) {
			if old == nil {
				return nil, 0, errTTLSkip
			}
			if cur, on := ttlAttribute(t.meta()); !on || cur != attr {
				return nil, 0, errTTLSkip
			}
			item, err := decodeStoredItem(old)
			if err != nil {
				return nil, 0, err
			}
			if !w.expired(item, attr) {
				return nil, 0, errTTLSkip
			}
			return nil, 0, nil // delete
		})
		switch {
		case err == nil:
			deleted++
		case errors.Is(err, errTTLSkip):
		default:
			return deleted, err
		}
	}
	return deleted, nil
}

// isOpenTable reports whether t is still the table of its name (not
// deleted).
func (db *DB) isOpenTable(t *table) bool {
	db.catalogMu.RLock()
	defer db.catalogMu.RUnlock()
	return db.tables[t.name] == t
}

// ttlWindow is the range of TTL values that are expired at one instant:
// from five years before it (inclusive) to it (exclusive).
type ttlWindow struct {
	from, until value.Number
}

func newTTLWindow(now time.Time) (ttlWindow, error) {
	var w ttlWindow
	var err error
	if w.from, err = epochSeconds(now.AddDate(-ttlMaxAgeYears, 0, 0)); err != nil {
		return ttlWindow{}, err
	}
	if w.until, err = epochSeconds(now); err != nil {
		return ttlWindow{}, err
	}
	return w, nil
}

// epochSeconds is t as a Number of seconds since the Unix epoch, to the
// nanosecond, so that "before now" is exact for fractional TTL values too.
func epochSeconds(t time.Time) (value.Number, error) {
	n, err := value.NumberFromDecimal(apd.New(t.UnixNano(), -9))
	if err != nil {
		return value.Number{}, fmt.Errorf("engine: time %v as a number: %w", t, err)
	}
	return n, nil
}

// expired reports whether item's TTL attribute attr makes it expired in w.
func (w ttlWindow) expired(item map[string]types.AttributeValue, attr string) bool {
	av, ok := item[attr].(*types.AttributeValueMemberN)
	if !ok {
		return false
	}
	v, err := value.ParseNumber(av.Value)
	if err != nil {
		return false // stored numbers are valid; an invalid one expires nothing
	}
	return v.Cmp(w.from) >= 0 && v.Cmp(w.until) < 0
}
