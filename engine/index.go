package engine

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// indexMeta ties a secondary index, by name, to the id its entries are
// stored under.
type indexMeta struct {
	Name string `json:"name"`
	ID   uint64 `json:"id"`
}

// index is a secondary index of a table, as writes maintain it and reads
// use it. Its entries live under their own prefix: the index key (hashed
// partition first, as for items), then the table key attributes the index
// key does not already hold, so entries with equal index keys are distinct
// and ordered by table key. An entry's value is the projected item in the
// stored-item format.
type index struct {
	name   string
	id     uint64
	global bool
	keySchema
	// projection is KEYS_ONLY, INCLUDE or ALL; include holds INCLUDE's
	// non-key attributes.
	projection types.ProjectionType
	include    map[string]bool
	// suffix names the table key attributes appended to the index key.
	suffix []string
	// creating is set while a GSI added by UpdateTable is being
	// backfilled: writes maintain it, reads are refused.
	creating bool

	statsKey []byte
	stats    *indexStats
}

// indexStats are an index's live (item count, size) counters. They outlive
// the index value: every tableState version shares them.
type indexStats struct {
	itemCount, sizeBytes atomic.Int64
}

// newTableState derives what writes and reads need from a catalog entry.
// Counters of indexes the table already had are carried over.
func newTableState(t *table, m tableMeta) (*tableState, error) {
	st := &tableState{meta: m}
	var prev *tableState
	if t != nil {
		prev = t.state.Load()
	}
	ids := map[string]uint64{}
	for _, x := range m.Indexes {
		ids[x.Name] = x.ID
	}
	add := func(name string, global bool, ks []types.KeySchemaElement, p *types.Projection, status types.IndexStatus) error {
		id, ok := ids[name]
		if !ok {
			return fmt.Errorf("engine: table %q: index %q has no storage id", t.name, name)
		}
		s, err := newKeySchema(ks, m.Description.AttributeDefinitions, indexPrefix(id))
		if err != nil {
			return fmt.Errorf("engine: table %q index %q: %w", t.name, name, err)
		}
		x := &index{name: name, id: id, global: global, keySchema: s, statsKey: counterKey(id, statsCounter),
			creating: status == types.IndexStatusCreating}
		if p != nil {
			x.projection = p.ProjectionType
			if x.projection == types.ProjectionTypeInclude {
				x.include = map[string]bool{}
				for _, a := range p.NonKeyAttributes {
					x.include[a] = true
				}
			}
		}
		for _, k := range []string{t.hashKey, t.rangeKey} {
			if k != "" && !x.isKey(k) {
				x.suffix = append(x.suffix, k)
			}
		}
		if prev != nil {
			if old := prev.index(name); old != nil && old.id == id {
				x.stats = old.stats
			}
		}
		if x.stats == nil {
			x.stats = &indexStats{}
		}
		st.indexes = append(st.indexes, x)
		return nil
	}
	for _, g := range m.Description.GlobalSecondaryIndexes {
		if g.IndexStatus == types.IndexStatusDeleting {
			continue
		}
		if err := add(aws.ToString(g.IndexName), true, g.KeySchema, g.Projection, g.IndexStatus); err != nil {
			return nil, err
		}
	}
	for _, l := range m.Description.LocalSecondaryIndexes {
		if err := add(aws.ToString(l.IndexName), false, l.KeySchema, l.Projection, ""); err != nil {
			return nil, err
		}
	}
	return st, nil
}

// index returns the named index, or nil.
func (st *tableState) index(name string) *index {
	for _, x := range st.indexes {
		if x.name == name {
			return x
		}
	}
	return nil
}

// describeIndexes fills the live counters into d's index descriptions, on
// copies: the catalog's own slices are never written.
func (st *tableState) describeIndexes(d *types.TableDescription) {
	if len(d.GlobalSecondaryIndexes) > 0 {
		d.GlobalSecondaryIndexes = slices.Clone(d.GlobalSecondaryIndexes)
		for i := range d.GlobalSecondaryIndexes {
			g := &d.GlobalSecondaryIndexes[i]
			if x := st.index(aws.ToString(g.IndexName)); x != nil {
				g.ItemCount = aws.Int64(x.stats.itemCount.Load())
				g.IndexSizeBytes = aws.Int64(x.stats.sizeBytes.Load())
			}
		}
	}
	if len(d.LocalSecondaryIndexes) > 0 {
		d.LocalSecondaryIndexes = slices.Clone(d.LocalSecondaryIndexes)
		for i := range d.LocalSecondaryIndexes {
			l := &d.LocalSecondaryIndexes[i]
			if x := st.index(aws.ToString(l.IndexName)); x != nil {
				l.ItemCount = aws.Int64(x.stats.itemCount.Load())
				l.IndexSizeBytes = aws.Int64(x.stats.sizeBytes.Load())
			}
		}
	}
}

// projects reports whether the index holds attribute name of its items.
func (x *index) projects(t *table, name string) bool {
	return x.projection == types.ProjectionTypeAll || x.isKey(name) || t.isKey(name) || x.include[name]
}

// entryKey is the storage key of item's entry in x, and false when the
// item is not in the index (it lacks an index key attribute: a sparse
// index). The item's key attributes are assumed valid; an index key value
// of the wrong type (possible only for items written before a GSI was
// added) also keeps the item out.
func (x *index) entryKey(dst []byte, item map[string]types.AttributeValue) ([]byte, bool, error) {
	hk, ok := item[x.hashKey]
	if !ok || value.Type(hk) != string(x.hashType) {
		return nil, false, nil
	}
	var rk types.AttributeValue
	if x.rangeKey != "" {
		if rk, ok = item[x.rangeKey]; !ok || value.Type(rk) != string(x.rangeType) {
			return nil, false, nil
		}
	}
	if isEmptyKey(hk) || (rk != nil && isEmptyKey(rk)) {
		return nil, false, nil
	}
	key, err := x.itemKey(dst, hk, rk)
	if err != nil {
		return nil, false, err
	}
	for _, name := range x.suffix {
		if key, err = value.AppendKey(key, item[name]); err != nil {
			return nil, false, err
		}
	}
	return key, true, nil
}

// isEmptyKey reports an empty string or binary, which no key may be.
func isEmptyKey(av types.AttributeValue) bool {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return v.Value == ""
	case *types.AttributeValueMemberB:
		return len(v.Value) == 0
	}
	return false
}

// entryValue is the stored value of item's entry in x: the projected item
// in the stored-item format, and its DynamoDB size. enc is item's own
// stored encoding, which an ALL projection reuses.
func (x *index) entryValue(t *table, item map[string]types.AttributeValue, enc []byte) ([]byte, int, error) {
	if x.projection == types.ProjectionTypeAll {
		size, err := storedItemSize(enc)
		return enc, size, err
	}
	p := make(map[string]types.AttributeValue, 4+len(x.include))
	for name, av := range item {
		if x.projects(t, name) {
			p[name] = av
		}
	}
	size := value.ItemSize(p)
	v, err := encodeStoredItem(nil, p, size)
	return v, size, err
}

// entrySize is the DynamoDB size of item's entry in x; raw is item's
// stored encoding.
func (x *index) entrySize(t *table, item map[string]types.AttributeValue, raw []byte) int {
	if x.projection == types.ProjectionTypeAll {
		size, _ := storedItemSize(raw)
		return size
	}
	size := 0
	for name, av := range item {
		if x.projects(t, name) {
			size += len(name) + value.Size(av)
		}
	}
	return size
}

// entryAttributes is the key of an index entry as LastEvaluatedKey carries
// it: the table's key attributes and the index's.
func (x *index) entryAttributes(t *table, item map[string]types.AttributeValue) map[string]types.AttributeValue {
	k := t.keyAttributes(item)
	k[x.hashKey] = item[x.hashKey]
	if x.rangeKey != "" {
		k[x.rangeKey] = item[x.rangeKey]
	}
	return k
}
