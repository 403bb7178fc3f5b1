package value

import (
	"bytes"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Equal reports whether two attribute values are equal as DynamoDB compares
// them (numbers numerically, sets ignoring order).
//
// Values of different types are never equal ("1" as S is not 1 as N). Lists
// are equal element by element, maps entry by entry. Text that is not a
// valid number compares by its characters, so Equal is total.
func Equal(a, b types.AttributeValue) bool {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		y, ok := b.(*types.AttributeValueMemberS)
		return ok && x != nil && y != nil && x.Value == y.Value
	case *types.AttributeValueMemberN:
		y, ok := b.(*types.AttributeValueMemberN)
		return ok && x != nil && y != nil && numbersEqual(x.Value, y.Value)
	case *types.AttributeValueMemberB:
		y, ok := b.(*types.AttributeValueMemberB)
		return ok && x != nil && y != nil && bytes.Equal(x.Value, y.Value)
	case *types.AttributeValueMemberBOOL:
		y, ok := b.(*types.AttributeValueMemberBOOL)
		return ok && x != nil && y != nil && x.Value == y.Value
	case *types.AttributeValueMemberNULL:
		y, ok := b.(*types.AttributeValueMemberNULL)
		return ok && x != nil && y != nil
	case *types.AttributeValueMemberSS:
		y, ok := b.(*types.AttributeValueMemberSS)
		return ok && x != nil && y != nil && sameSet(x.Value, y.Value, func(s string) string { return s })
	case *types.AttributeValueMemberNS:
		y, ok := b.(*types.AttributeValueMemberNS)
		return ok && x != nil && y != nil && sameSet(x.Value, y.Value, canonicalOrSelf)
	case *types.AttributeValueMemberBS:
		y, ok := b.(*types.AttributeValueMemberBS)
		return ok && x != nil && y != nil && sameSet(x.Value, y.Value, func(b []byte) string { return string(b) })
	case *types.AttributeValueMemberL:
		y, ok := b.(*types.AttributeValueMemberL)
		if !ok || x == nil || y == nil || len(x.Value) != len(y.Value) {
			return false
		}
		for i := range x.Value {
			if !Equal(x.Value[i], y.Value[i]) {
				return false
			}
		}
		return true
	case *types.AttributeValueMemberM:
		y, ok := b.(*types.AttributeValueMemberM)
		if !ok || x == nil || y == nil || len(x.Value) != len(y.Value) {
			return false
		}
		for k, xv := range x.Value {
			yv, ok := y.Value[k]
			if !ok || !Equal(xv, yv) {
				return false
			}
		}
		return true
	}
	return false
}

// Compare orders two scalar values of the same type as DynamoDB does in
// key conditions and comparisons (<, <=, BETWEEN, ...): S by UTF-8 bytes,
// N numerically, B by unsigned bytes. ok is false when the values are not
// both S, both N or both B, or a number is invalid; DynamoDB treats such a
// comparison as false.
func Compare(a, b types.AttributeValue) (c int, ok bool) {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		if y, ok := b.(*types.AttributeValueMemberS); ok && x != nil && y != nil {
			return strings.Compare(x.Value, y.Value), true
		}
	case *types.AttributeValueMemberN:
		if y, ok := b.(*types.AttributeValueMemberN); ok && x != nil && y != nil {
			var m, n Number
			if m.parse(x.Value) != parseOK || n.parse(y.Value) != parseOK {
				return 0, false
			}
			return m.Cmp(n), true
		}
	case *types.AttributeValueMemberB:
		if y, ok := b.(*types.AttributeValueMemberB); ok && x != nil && y != nil {
			return bytes.Compare(x.Value, y.Value), true
		}
	}
	return 0, false
}

func numbersEqual(a, b string) bool {
	if a == b {
		return true
	}
	var m, n Number
	if m.parse(a) != parseOK || n.parse(b) != parseOK {
		return false
	}
	return m == n
}

func canonicalOrSelf(s string) string {
	if c, err := CanonicalNumber(s); err == nil {
		return c
	}
	return s
}

// sameSet reports whether two sets hold the same members, comparing
// members by key. Set members are distinct, so equal sizes and every
// member of a in b suffice.
func sameSet[T any](a, b []T, key func(T) string) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) <= smallSet {
	outer:
		for _, x := range a {
			kx := key(x)
			for _, y := range b {
				if key(y) == kx {
					continue outer
				}
			}
			return false
		}
		return true
	}
	in := make(map[string]struct{}, len(b))
	for _, y := range b {
		in[key(y)] = struct{}{}
	}
	for _, x := range a {
		if _, ok := in[key(x)]; !ok {
			return false
		}
	}
	return true
}
