package engine

import (
	"math"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// An item collection is the items of one partition of a table with local
// secondary indexes, with their index entries. DynamoDB limits it to 10 GB
// and reports its size to writers that ask (ReturnItemCollectionMetrics
// SIZE). dynabase keeps one merge counter of its bytes per partition, in
// the write's batch, for tables with local indexes only.

// bytesPerGB is the unit of SizeEstimateRangeGB.
const bytesPerGB = 1 << 30

// hasLocalIndex reports whether the table has a local secondary index.
func (st *tableState) hasLocalIndex() bool {
	for _, x := range st.indexes {
		if !x.global {
			return true
		}
	}
	return false
}

// collectionKey is the counter key of the item collection of the item
// stored under itemKey: the table's counter prefix, 'p', then the item
// key's partition part (hash and encoded partition key).
func (t *table) collectionKey(itemKey []byte) []byte {
	start := len(t.prefix)
	_, rest, err := value.DecodeKey(itemKey[start+8:], t.hashType)
	if err != nil {
		rest = nil // not a valid item key: the whole key then
	}
	part := itemKey[start : len(itemKey)-len(rest)]
	return append(counterKey(t.id, "p"), part...)
}

// itemCollectionMetrics is what a write of the item stored under itemKey
// reports when asked: nil unless mode is SIZE and the table has a local
// index. The estimate is the whole gigabytes around the exact size.
func (db *DB) itemCollectionMetrics(t *table, mode types.ReturnItemCollectionMetrics, itemKey []byte, pk types.AttributeValue) (*types.ItemCollectionMetrics, error) {
	if mode != types.ReturnItemCollectionMetricsSize || !t.state.Load().hasLocalIndex() {
		return nil, nil
	}
	var size [1]int64
	if err := db.store.Counter(t.collectionKey(itemKey), size[:]); err != nil {
		return nil, err
	}
	lo := math.Floor(float64(size[0]) / bytesPerGB)
	return &types.ItemCollectionMetrics{
		ItemCollectionKey:   map[string]types.AttributeValue{t.hashKey: pk},
		SizeEstimateRangeGB: []float64{lo, lo + 1},
	}, nil
}
