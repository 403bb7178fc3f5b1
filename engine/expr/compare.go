package expr

import (
	"cmp"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// operand is what a condition operand evaluates to: nothing (a path that
// does not resolve, size() of a value that has no size), an attribute
// value, or the number size() returned. Sizes stay ints so that a condition
// such as size(l) > :n builds no attribute value and allocates nothing.
type operand struct {
	av   types.AttributeValue // when kind is isValue
	size int                  // when kind is isSize
	kind operandKind
}

type operandKind uint8

const (
	absent operandKind = iota
	isValue
	isSize
)

func valueOperand(av types.AttributeValue) operand {
	if av == nil || !present(av) {
		return operand{}
	}
	return operand{av: av, kind: isValue}
}

// equal is DynamoDB's = : both operands present, of the same type and
// equal (numbers numerically, sets as sets, lists and maps deeply). An
// absent operand equals nothing, not even another absent one.
func (o operand) equal(p operand) bool {
	switch {
	case o.kind == absent || p.kind == absent:
		return false
	case o.kind == isSize && p.kind == isSize:
		return o.size == p.size
	case o.kind == isSize:
		c, ok := compareSize(o.size, p.av)
		return ok && c == 0
	case p.kind == isSize:
		c, ok := compareSize(p.size, o.av)
		return ok && c == 0
	}
	return value.Equal(o.av, p.av)
}

// compare orders two operands for <, <=, >, >= and BETWEEN. ok is false
// unless both are present and both S, both N or both B (a size counts as
// an N); DynamoDB then treats the comparison as false, not as an error
// (a wrong type among ExpressionAttributeValues is rejected before
// evaluation, by binding).
func (o operand) compare(p operand) (c int, ok bool) {
	switch {
	case o.kind == absent || p.kind == absent:
		return 0, false
	case o.kind == isSize && p.kind == isSize:
		return cmp.Compare(o.size, p.size), true
	case o.kind == isSize:
		return compareSize(o.size, p.av)
	case p.kind == isSize:
		c, ok := compareSize(p.size, o.av)
		return -c, ok
	}
	if x, ok := o.av.(*types.AttributeValueMemberN); ok {
		if y, ok := p.av.(*types.AttributeValueMemberN); ok {
			if c, ok := compareIntegers(x.Value, y.Value); ok {
				return c, true
			}
		}
	}
	return value.Compare(o.av, p.av)
}

// compareIntegers orders two numbers written as plain integers ("17",
// "-250": no leading zeros, point or exponent), the usual counters and
// timestamps, without parsing them. ok is false for any other spelling.
func compareIntegers(a, b string) (int, bool) {
	an, aDigits, ok := plainInteger(a)
	if !ok {
		return 0, false
	}
	bn, bDigits, ok := plainInteger(b)
	if !ok {
		return 0, false
	}
	if an != bn {
		if an {
			return -1, true
		}
		return 1, true
	}
	c := cmp.Compare(len(aDigits), len(bDigits))
	if c == 0 {
		c = cmp.Compare(aDigits, bDigits)
	}
	if an {
		c = -c
	}
	return c, true
}

// plainInteger splits s into its sign and digits if it is a plain integer
// with no leading zero (and not "-0").
func plainInteger(s string) (neg bool, digits string, ok bool) {
	if len(s) > 0 && s[0] == '-' {
		neg, s = true, s[1:]
	}
	if len(s) == 0 || len(s) > value.MaxDigits || (s[0] == '0' && (len(s) > 1 || neg)) {
		return false, "", false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false, "", false
		}
	}
	return neg, s, true
}

// compareSize compares a size with an attribute value, which must be a
// number.
func compareSize(size int, av types.AttributeValue) (int, bool) {
	n, ok := av.(*types.AttributeValueMemberN)
	if !ok || n == nil {
		return 0, false
	}
	num, err := value.ParseNumber(n.Value)
	if err != nil {
		return 0, false
	}
	return sizeNumber(size).Cmp(num), true
}

// sizeNumber is a size as a Number, without allocating.
func sizeNumber(size int) value.Number {
	var buf [20]byte
	n, _ := value.ParseNumber(string(strconv.AppendInt(buf[:0], int64(size), 10)))
	return n
}
