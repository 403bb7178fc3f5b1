package engine

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
)

// pageBytes is DynamoDB's 1 MB page: a Query or Scan stops after the item
// that brings the size of the items it read (before any filter) to 1 MB.
const pageBytes = 1 << 20

// pageSpec says what one Query or Scan page reads and returns.
type pageSpec struct {
	src     *source
	keys    keyRange
	reverse bool
	limit   int // items read, before the filter; 0: no limit

	filter     expr.Cond // nil: every item
	projection expr.Projection
	names      []string // AttributesToGet, when there is no projection
	env        *expr.Env
	countOnly  bool // Select COUNT
}

// page is what a page read found.
type page struct {
	items   []map[string]types.AttributeValue
	count   int // items that passed the filter
	scanned int // items read
	bytes   int // DynamoDB size of the items read, for capacity
	lastKey map[string]types.AttributeValue
	stopped bool // limit or page size reached: lastKey is set
}

// readPage reads one page of t under spec. The store's iterator gives a
// consistent view of the range for the whole page.
func (db *DB) readPage(ctx context.Context, spec pageSpec) (page, error) {
	t := spec.src.t
	var p page
	if !spec.countOnly {
		p.items = []map[string]types.AttributeValue{}
	}
	var fail error
	err := db.store.Scan(ctx, spec.keys.start, spec.keys.end, spec.reverse, func(_, raw []byte) bool {
		size, err := storedItemSize(raw)
		if err != nil {
			fail = err
			return false
		}
		item, err := decodeStoredItem(raw)
		if err != nil {
			fail = err
			return false
		}
		entry := item
		if spec.src.fetch {
			if item, err = db.fetchItem(t, entry); err != nil {
				fail = err
				return false
			}
		}
		p.scanned++
		p.bytes += size
		keep := true
		if spec.filter != nil {
			if keep, err = expr.Eval(spec.filter, item, spec.env); err != nil {
				fail = err
				return false
			}
		}
		if keep {
			p.count++
			if !spec.countOnly {
				p.items = append(p.items, projected(item, spec))
			}
		}
		if (spec.limit > 0 && p.scanned >= spec.limit) || p.bytes >= pageBytes {
			p.stopped = true
			p.lastKey = spec.src.lastKey(entry)
			return false
		}
		return true
	})
	if fail != nil {
		return page{}, fmt.Errorf("engine: read %s: %w", t.name, fail)
	}
	if err != nil {
		return page{}, fmt.Errorf("engine: read %s: %w", t.name, err)
	}
	return p, nil
}

// projected is the part of item a read returns.
func projected(item map[string]types.AttributeValue, spec pageSpec) map[string]types.AttributeValue {
	switch {
	case spec.projection != nil:
		return expr.Project(spec.projection, item, spec.env)
	case spec.names != nil:
		return project(item, spec.names)
	}
	return item
}

// fetchItem reads from t the item an index entry stands for (a local index
// answering for attributes it does not project). An entry whose item is
// gone (a write in between) answers with the entry itself.
func (db *DB) fetchItem(t *table, entry map[string]types.AttributeValue) (map[string]types.AttributeValue, error) {
	key, err := t.keyOf(nil, entry)
	if err != nil {
		return nil, err
	}
	raw, err := db.readStored(key)
	if err != nil || raw == nil {
		return entry, err
	}
	return decodeStoredItem(raw)
}
