package engine

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// A stored item is uvarint(size) followed by value's item encoding. Keeping
// the DynamoDB size in front lets writes maintain the table size counter and
// compute consumed capacity from the old item without decoding it.

func encodeStoredItem(dst []byte, item map[string]types.AttributeValue, size int) ([]byte, error) {
	dst = binary.AppendUvarint(dst, uint64(size))
	return value.AppendItem(dst, item)
}

var errCorruptItem = errors.New("engine: corrupt stored item")

func storedItemSize(raw []byte) (int, error) {
	n, w := binary.Uvarint(raw)
	if w <= 0 {
		return 0, errCorruptItem
	}
	return int(n), nil
}

func decodeStoredItem(raw []byte) (map[string]types.AttributeValue, error) {
	_, w := binary.Uvarint(raw)
	if w <= 0 {
		return nil, errCorruptItem
	}
	item, err := value.DecodeItem(raw[w:])
	if err != nil {
		return nil, fmt.Errorf("engine: decode stored item: %w", err)
	}
	return item, nil
}
