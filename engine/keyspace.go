package engine

import (
	"encoding/binary"
	"errors"
	"hash/fnv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// Keyspace prefixes; see the package documentation for the layout.
const (
	prefixCatalog = 0x01
	prefixCounter = 0x02
	prefixItem    = 0x03
	prefixIndex   = 0x04
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

// indexPrefix is the key prefix of every entry of one secondary index.
func indexPrefix(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte{prefixIndex}, id)
}

// keySchema is the key of one ordered set of items, a table's or an
// index's: the key attributes, their types and where the set's keys start.
type keySchema struct {
	// hashKey and rangeKey name the key attributes; rangeKey is "" when
	// there is no sort key.
	hashKey, rangeKey   string
	hashType, rangeType types.ScalarAttributeType
	// prefix is the storage key prefix of every item (or entry) of the set.
	prefix []byte
}

func newKeySchema(ks []types.KeySchemaElement, defs []types.AttributeDefinition, prefix []byte) (keySchema, error) {
	s := keySchema{prefix: prefix}
	for _, k := range ks {
		name := aws.ToString(k.AttributeName)
		var typ types.ScalarAttributeType
		for _, d := range defs {
			if aws.ToString(d.AttributeName) == name {
				typ = d.AttributeType
			}
		}
		switch k.KeyType {
		case types.KeyTypeHash:
			s.hashKey, s.hashType = name, typ
		case types.KeyTypeRange:
			s.rangeKey, s.rangeType = name, typ
		}
	}
	if s.hashKey == "" || s.hashType == "" || (s.rangeKey != "" && s.rangeType == "") {
		return keySchema{}, errors.New("catalog entry has no usable key schema")
	}
	return s, nil
}

// isKey reports whether name is one of the schema's key attributes.
func (s *keySchema) isKey(name string) bool {
	return name == s.hashKey || (s.rangeKey != "" && name == s.rangeKey)
}

// keyAttributes is the key of item under this schema.
func (s *keySchema) keyAttributes(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	k := map[string]types.AttributeValue{s.hashKey: item[s.hashKey]}
	if s.rangeKey != "" {
		k[s.rangeKey] = item[s.rangeKey]
	}
	return k
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
func (t *keySchema) itemKey(dst []byte, pk, sk types.AttributeValue) ([]byte, error) {
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
func (t *keySchema) keyOf(dst []byte, item map[string]types.AttributeValue) ([]byte, error) {
	var sk types.AttributeValue
	if t.rangeKey != "" {
		sk = item[t.rangeKey]
	}
	return t.itemKey(dst, item[t.hashKey], sk)
}
