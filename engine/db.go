package engine

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
	"github.com/dynabase/dynabase/internal/kv"
)

// ErrClosed is returned by every operation on a DB after Close.
var ErrClosed = errors.New("engine: database is closed")

// Options configures Open.
type Options struct {
	// Dir holds the data. Required unless InMemory is set.
	Dir string
	// InMemory keeps all data in memory; nothing survives Close.
	InMemory bool
	// NoSync acknowledges writes before they reach stable storage: a crash
	// may lose the most recent acknowledged writes (never part of one).
	NoSync bool
	// Region and AccountID appear in table ARNs. Defaults: "us-east-1" and
	// "000000000000".
	Region    string
	AccountID string
	// CacheBytes bounds the cache of recently used items (0: 32 MiB;
	// negative: no cache). It holds nothing until items are used.
	CacheBytes int64
	// Logger receives the engine's logs; nil uses slog.Default().
	Logger *slog.Logger
	// TTLInterval is how often expired items of tables with Time to Live
	// enabled are looked for and deleted (0: every 30 s; negative: never).
	TTLInterval time.Duration
}

// DB is an open database. All methods are safe for concurrent use.
type DB struct {
	store  *kv.Store
	log    *slog.Logger
	region string
	acct   string
	now    func() time.Time
	locks  keyLocks
	cache  *itemCache
	// exprs caches parsed expressions by their text.
	exprs  *expr.Cache
	filter *keyFilter
	// idempotent remembers TransactWriteItems calls by ClientRequestToken.
	idempotent idempotency
	// stopFill ends the background fill of filter; fillDone is closed when
	// it has ended.
	stopFill context.CancelFunc
	fillDone chan struct{}
	// ttl deletes expired items in the background; nil when disabled.
	ttl *ttlSweeper
	// backgroundCtx is cancelled by Close, which then waits for background
	// (index backfills).
	backgroundCtx  context.Context
	stopBackground context.CancelFunc
	background     sync.WaitGroup

	// catalogMu guards tables and nextID. Data operations hold it only long
	// enough to look a table up.
	catalogMu sync.RWMutex
	tables    map[string]*table
	nextID    uint64

	closed atomic.Bool
	// inflight lets Close wait for running operations before closing the store.
	inflight sync.WaitGroup
	closeMu  sync.RWMutex
}

// Open opens the database described by opts, creating it if needed.
func Open(opts Options) (*DB, error) {
	log := opts.Logger
	if log == nil {
		log = slog.Default()
	}
	store, err := kv.Open(kv.Options{Dir: opts.Dir, InMemory: opts.InMemory, NoSync: opts.NoSync, Logger: log})
	if err != nil {
		return nil, fmt.Errorf("engine: open: %w", err)
	}
	db := &DB{
		store:  store,
		log:    log,
		region: opts.Region,
		acct:   opts.AccountID,
		now:    time.Now,
		tables: make(map[string]*table),
		cache:  newItemCache(cmp.Or(opts.CacheBytes, 32<<20)),
		exprs:  expr.NewCache(4096),
		nextID: 1,
	}
	if db.region == "" {
		db.region = "us-east-1"
	}
	if db.acct == "" {
		db.acct = "000000000000"
	}
	if err := db.loadCatalog(); err != nil {
		store.Close()
		return nil, fmt.Errorf("engine: open: %w", err)
	}
	if err := db.dropOrphanIndexes(); err != nil {
		store.Close()
		return nil, fmt.Errorf("engine: open: %w", err)
	}
	db.backgroundCtx, db.stopBackground = context.WithCancel(context.Background())
	for _, t := range db.tables {
		if name := t.meta().creatingIndex(); name != "" {
			db.startBackfill(t, name)
		}
	}
	db.filter = newKeyFilter()
	var fillCtx context.Context
	fillCtx, db.stopFill = context.WithCancel(context.Background())
	db.fillDone = make(chan struct{})
	go db.fillKeyFilter(fillCtx)
	db.ttl = db.startTTLSweeper(opts.TTLInterval)
	return db, nil
}

// fillKeyFilter adds every stored item key to the key filter, then marks it
// ready. Writes that run meanwhile add their own keys, so once the scan ends
// the filter holds every key. It runs in the background so that opening a
// large database stays fast; until it ends, writes look old items up.
func (db *DB) fillKeyFilter(ctx context.Context) {
	defer close(db.fillDone)
	itemsEnd := []byte{prefixItem + 1}
	err := db.store.ScanKeys(ctx, []byte{prefixItem}, itemsEnd, func(key []byte) bool {
		db.filter.add(key)
		return true
	})
	if err != nil {
		if ctx.Err() == nil {
			db.log.Warn("engine: key filter not built; writes will look every old item up", "err", err)
		}
		return
	}
	db.filter.ready.Store(true)
}

// loadCatalog reads every table's catalog entry and its counters.
func (db *DB) loadCatalog() error {
	var entries [][]byte
	err := db.store.Scan(context.Background(), catalogPrefix, catalogEnd, false, func(_, v []byte) bool {
		entries = append(entries, append([]byte(nil), v...))
		return true
	})
	if err != nil {
		return err
	}
	for _, raw := range entries {
		var m tableMeta
		if err := json.Unmarshal(raw, &m); err != nil {
			return fmt.Errorf("corrupt catalog entry: %w", err)
		}
		t, err := newTable(m)
		if err != nil {
			return err
		}
		var stats [2]int64 // item count, size in bytes
		if err := db.store.Counter(t.statsKey, stats[:]); err != nil {
			return err
		}
		t.itemCount.Store(stats[0])
		t.sizeBytes.Store(stats[1])
		for _, x := range t.state.Load().indexes {
			if err := db.store.Counter(x.statsKey, stats[:]); err != nil {
				return err
			}
			x.stats.itemCount.Store(stats[0])
			x.stats.sizeBytes.Store(stats[1])
		}
		db.tables[t.name] = t
		db.nextID = max(db.nextID, m.ID+1)
		for _, x := range m.Indexes {
			db.nextID = max(db.nextID, x.ID+1)
		}
	}
	return nil
}

// Close waits for running operations, then closes the store. Operations
// started after Close return ErrClosed.
func (db *DB) Close() error {
	db.closeMu.Lock()
	if db.closed.Swap(true) {
		db.closeMu.Unlock()
		return nil
	}
	db.closeMu.Unlock()
	db.ttl.close() // its deletes must end before the store closes
	db.stopFill()
	<-db.fillDone
	db.inflight.Wait()
	db.stopBackground()
	db.background.Wait()
	return db.store.Close()
}

// begin registers a running operation, which must call end when it
// returns. It fails when the DB is closed or ctx is done. (A returned
// closure would cost an allocation per request.)
func (db *DB) begin(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	db.closeMu.RLock()
	defer db.closeMu.RUnlock()
	if db.closed.Load() {
		return ErrClosed
	}
	db.inflight.Add(1)
	return nil
}

// end ends an operation begun with begin.
func (db *DB) end() { db.inflight.Done() }

// table returns the named table or DynamoDB's ResourceNotFoundException.
// Data-plane operations accept a table ARN in place of the name.
func (db *DB) table(nameOrARN string) (*table, error) {
	name := validate.TableName(nameOrARN)
	db.catalogMu.RLock()
	t := db.tables[name]
	db.catalogMu.RUnlock()
	if t == nil {
		return nil, apierr.TableNotFound()
	}
	return t, nil
}
