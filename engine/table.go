package engine

import (
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
}

// table is an open table: its catalog entry plus what the data path needs
// precomputed.
type table struct {
	meta tableMeta
	name string
	// hashKey and rangeKey name the key attributes; rangeKey is "" for a
	// hash-only table. Their types come from the attribute definitions.
	hashKey, rangeKey   string
	hashType, rangeType types.ScalarAttributeType
	// prefix is the key prefix of every item of the table.
	prefix []byte
	// statsKey holds the table's (item count, size in bytes) counter.
	statsKey []byte

	// dropMu is held shared by every write to the table and exclusively by
	// DeleteTable, which sets dropped.
	dropMu  sync.RWMutex
	dropped bool

	itemCount atomic.Int64
	sizeBytes atomic.Int64
}

func newTable(m tableMeta) (*table, error) {
	t := &table{meta: m, name: aws.ToString(m.Description.TableName), prefix: itemPrefix(m.ID), statsKey: counterKey(m.ID, statsCounter)}
	types := map[string]types.ScalarAttributeType{}
	for _, d := range m.Description.AttributeDefinitions {
		types[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	for _, k := range m.Description.KeySchema {
		name := aws.ToString(k.AttributeName)
		switch k.KeyType {
		case "HASH":
			t.hashKey, t.hashType = name, types[name]
		case "RANGE":
			t.rangeKey, t.rangeType = name, types[name]
		}
	}
	if t.hashKey == "" || t.hashType == "" {
		return nil, fmt.Errorf("engine: table %q: catalog entry has no usable hash key", t.name)
	}
	return t, nil
}

// description returns a copy of the table's description with the live
// counters filled in. The copy shares nothing mutable with the catalog.
func (t *table) description() *types.TableDescription {
	d := t.meta.Description
	d.ItemCount = aws.Int64(t.itemCount.Load())
	d.TableSizeBytes = aws.Int64(t.sizeBytes.Load())
	return &d
}
