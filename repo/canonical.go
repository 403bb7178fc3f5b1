package repo

import (
	"encoding/binary"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// appendCanonical appends a byte encoding of av that is the same for equal
// values however they were built: map attributes sorted by name, sets
// sorted, every string length-prefixed so no two values share an encoding.
// Numbers are compared as written; attributevalue writes each Go number one
// way, which is all the content hash and the cursor binding need.
func appendCanonical(b []byte, av types.AttributeValue) []byte {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return appendString(append(b, 'S'), v.Value)
	case *types.AttributeValueMemberN:
		return appendString(append(b, 'N'), v.Value)
	case *types.AttributeValueMemberB:
		return appendString(append(b, 'B'), string(v.Value))
	case *types.AttributeValueMemberBOOL:
		if v.Value {
			return append(b, 'T')
		}
		return append(b, 'F')
	case *types.AttributeValueMemberNULL:
		return append(b, '0')
	case *types.AttributeValueMemberSS:
		return appendStringSet(append(b, 's'), v.Value)
	case *types.AttributeValueMemberNS:
		return appendStringSet(append(b, 'n'), v.Value)
	case *types.AttributeValueMemberBS:
		ss := make([]string, len(v.Value))
		for i, x := range v.Value {
			ss[i] = string(x)
		}
		return appendStringSet(append(b, 'b'), ss)
	case *types.AttributeValueMemberL:
		b = binary.AppendUvarint(append(b, 'L'), uint64(len(v.Value)))
		for _, e := range v.Value {
			b = appendCanonical(b, e)
		}
		return b
	case *types.AttributeValueMemberM:
		return appendCanonicalMap(append(b, 'M'), v.Value)
	}
	return append(b, '?')
}

// appendCanonicalMap is appendCanonical for a map of attributes (an item).
func appendCanonicalMap(b []byte, m map[string]types.AttributeValue) []byte {
	names := sortedKeys(m)
	b = binary.AppendUvarint(b, uint64(len(names)))
	for _, n := range names {
		b = appendCanonical(appendString(b, n), m[n])
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendStringSet(b []byte, set []string) []byte {
	sorted := slices.Clone(set)
	slices.Sort(sorted)
	b = binary.AppendUvarint(b, uint64(len(sorted)))
	for _, s := range sorted {
		b = appendString(b, s)
	}
	return b
}
