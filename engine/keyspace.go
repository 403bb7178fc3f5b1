package engine

import (
	"encoding/binary"
	"hash/fnv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// Keyspace prefixes; see the package documentation for the layout.
const (
	prefixCatalog = 0x01
	prefixCounter = 0x02
	prefixItem    = 0x03
)

var (
	catalogPrefix = []byte{prefixCatalog, 't'}
	catalogEnd    = []byte{prefixCatalog, 't' + 1}
)

func catalogKey(name string) []byte {
	return append(append([]byte(nil), catalogPrefix...), name...)
}

// statsCounter names a table's counter of (item count, size in bytes): one
// counter, so a write adds a single merge operand for both.
const statsCounter = "stats"

func counterKey(id uint64, name string) []byte {
	k := binary.BigEndian.AppendUint64([]byte{prefixCounter}, id)
	return append(append(k, 'c'), name...)
}

func itemPrefix(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixItem}, id)
}

// partitionHash spreads partitions over the keyspace the way DynamoDB's
// hashing spreads them over storage nodes, so Scan order is not key order and
// parallel scan segments can split the hash space evenly. FNV-1a is stable
// across processes and versions, which the on-disk order requires.
func partitionHash(encodedPK []byte) uint64 {
	h := fnv.New64a()
	h.Write(encodedPK)
	return h.Sum64()
}

// itemKey returns the storage key of the item with the given key attribute
// values; sk is nil for hash-only tables. dst is reused when large enough.
func (t *table) itemKey(dst []byte, pk, sk types.AttributeValue) ([]byte, error) {
	dst = append(dst[:0], t.prefix...)
	start := len(dst) + 8
	dst = append(dst, make([]byte, 8)...)
	var err error
	if dst, err = value.AppendKey(dst, pk); err != nil {
		return nil, err
	}
	binary.BigEndian.PutUint64(dst[start-8:start], partitionHash(dst[start:]))
	if sk != nil {
		if dst, err = value.AppendKey(dst, sk); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// keyOf returns the storage key of an item given as an attribute map that
// holds (at least) the key attributes, already validated.
func (t *table) keyOf(dst []byte, item map[string]types.AttributeValue) ([]byte, error) {
	var sk types.AttributeValue
	if t.rangeKey != "" {
		sk = item[t.rangeKey]
	}
	return t.itemKey(dst, item[t.hashKey], sk)
}
