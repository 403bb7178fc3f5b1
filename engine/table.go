package engine

import (
	"encoding/json"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// tableMeta is a table's catalog entry, stored as JSON. The description is
// kept in the SDK's own type so DescribeTable can return it nearly as is.
type tableMeta struct {
	ID          uint64                 `json:"id"`
	Description types.TableDescription `json:"description"`
	Tags        []types.Tag            `json:"tags,omitempty"`
	// Indexes gives each secondary index its storage id (ids are never
	// reused, like table ids).
	Indexes []indexMeta `json:"indexes,omitempty"`
	// TimeToLive is the table's TTL setting; nil means never set.
	TimeToLive *types.TimeToLiveDescription `json:"ttl,omitempty"`
}

// table is an open table: its catalog entry plus what the data path needs
// precomputed. The key schema never changes; everything else a control
// operation may change lives in state, replaced whole (copy on write) by
// updateMeta, so readers never lock.
type table struct {
	id   uint64
	name string
	keySchema
	// statsKey holds the table's (item count, size in bytes) counter.
	statsKey []byte

	state atomic.Pointer[tableState]
	// metaMu serialises updateMeta calls.
	metaMu sync.Mutex

	// dropMu is held shared by every write to the table and exclusively by
	// DeleteTable, which sets dropped. A writer loads state after taking it,
	// so an updateMeta followed by dropMu.Lock/Unlock waits out every writer
	// that might still use the old state.
	dropMu  sync.RWMutex
	dropped bool

	itemCount atomic.Int64
	sizeBytes atomic.Int64
}

// tableState is one version of a table's changeable part: its catalog entry
// and the indexes that writes maintain.
type tableState struct {
	meta    tableMeta
	indexes []*index
}

func newTable(m tableMeta) (*table, error) {
	t := &table{id: m.ID, name: aws.ToString(m.Description.TableName), statsKey: counterKey(m.ID, statsCounter)}
	ks, err := newKeySchema(m.Description.KeySchema, m.Description.AttributeDefinitions, itemPrefix(m.ID))
	if err != nil {
		return nil, fmt.Errorf("engine: table %q: %w", t.name, err)
	}
	t.keySchema = ks
	st, err := newTableState(t, m)
	if err != nil {
		return nil, err
	}
	t.state.Store(st)
	return t, nil
}

// meta is the table's current catalog entry. Callers must not modify it.
func (t *table) meta() *tableMeta { return &t.state.Load().meta }

// updateMeta changes the table's catalog entry: change edits a private
// copy; the result is stored durably and then published. An error from
// change leaves everything as it was.
func (db *DB) updateMeta(t *table, change func(*tableMeta) error) (*tableMeta, error) {
	t.metaMu.Lock()
	defer t.metaMu.Unlock()
	raw, err := json.Marshal(t.meta())
	if err != nil {
		return nil, fmt.Errorf("engine: update table %q: %w", t.name, err)
	}
	var m tableMeta
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("engine: update table %q: %w", t.name, err)
	}
	if err := change(&m); err != nil {
		return nil, err
	}
	st, err := newTableState(t, m)
	if err != nil {
		return nil, err
	}
	if raw, err = json.Marshal(m); err != nil {
		return nil, fmt.Errorf("engine: update table %q: %w", t.name, err)
	}
	// Holding the catalog shared keeps DeleteTable from removing the entry
	// between this check and the commit (which would bring it back).
	db.catalogMu.RLock()
	defer db.catalogMu.RUnlock()
	if db.tables[t.name] != t {
		return nil, tableNotFoundByName(t.name)
	}
	b := db.store.NewBatch()
	b.Set(catalogKey(t.name), raw)
	if err := b.Commit(); err != nil {
		return nil, fmt.Errorf("engine: update table %q: %w", t.name, err)
	}
	t.state.Store(st)
	return &st.meta, nil
}

// description returns a copy of the table's description with the live
// counters filled in. The copy shares nothing mutable with the catalog.
func (t *table) description() *types.TableDescription {
	st := t.state.Load()
	d := st.meta.Description
	d.ItemCount = aws.Int64(t.itemCount.Load())
	d.TableSizeBytes = aws.Int64(t.sizeBytes.Load())
	st.describeIndexes(&d)
	return &d
}
