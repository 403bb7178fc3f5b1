package value

import (
	"github.com/cockroachdb/apd/v3"

	"github.com/dynabase/dynabase/engine/apierr"
)

// dynamoContext is DynamoDB's number arithmetic: 38 significant digits,
// exponents of the most significant digit from -130 to 125, and an error
// rather than any rounding that would lose a non-zero digit.
// 99999999999999999999999999999999999999 + 1 is fine (the dropped digit of
// 1E+38 is a zero); 1E+50 + 1 is not.
var dynamoContext = apd.Context{
	Precision:   MaxDigits,
	MaxExponent: MaxExponent,
	MinExponent: MinExponent,
	Traps: apd.SystemOverflow | apd.SystemUnderflow | apd.Overflow |
		apd.Underflow | apd.Subnormal | apd.Inexact | apd.InvalidOperation |
		apd.DivisionByZero | apd.DivisionImpossible | apd.DivisionUndefined,
	Rounding: apd.RoundHalfEven,
}

// Context returns a copy of the apd context with DynamoDB's limits, for
// arithmetic this package does not provide. Convert results back with
// NumberFromDecimal, which applies DynamoDB's checks and messages.
func Context() *apd.Context {
	c := dynamoContext
	return &c
}

// Decimal returns n as an apd.Decimal.
func (n Number) Decimal() *apd.Decimal {
	d := new(apd.Decimal)
	n.setDecimal(d)
	return d
}

// setDecimal sets d to n without allocating: a 38-digit coefficient fits
// in apd's inline 128-bit storage.
func (n *Number) setDecimal(d *apd.Decimal) {
	*d = apd.Decimal{}
	if n.n == 0 {
		return
	}
	nd := int(n.n)
	digits := n.d[:nd]
	split := max(nd-19, 0) // 19 decimal digits always fit in a uint64
	lo := atou(digits[split:])
	d.Coeff.SetUint64(lo)
	if split > 0 {
		var hi, pow apd.BigInt
		hi.SetUint64(atou(digits[:split]))
		pow.SetUint64(1e19)
		hi.Mul(&hi, &pow)
		d.Coeff.Add(&d.Coeff, &hi)
	}
	d.Exponent = int32(int(n.adj) - (nd - 1))
	d.Negative = n.neg
}

func atou(digits []byte) uint64 {
	var v uint64
	for _, c := range digits {
		v = v*10 + uint64(c-'0')
	}
	return v
}

// NumberFromDecimal converts a finite decimal to a Number, with the
// ValidationException DynamoDB returns when it does not fit: more than 38
// significant digits, or a magnitude out of range.
func NumberFromDecimal(d *apd.Decimal) (Number, error) {
	if d.Form != apd.Finite {
		return Number{}, apierr.Validation(msgNotNumber + ": " + d.String())
	}
	var r apd.Decimal
	r.Reduce(d) // drop trailing zeros of the coefficient
	if r.IsZero() {
		return Number{}, nil
	}
	var buf [64]byte
	digits := r.Coeff.Append(buf[:0], 10)
	if len(digits) > MaxDigits {
		return Number{}, apierr.Validation(msgPrecision)
	}
	adj := int64(r.Exponent) + int64(len(digits)) - 1
	if adj > MaxExponent {
		return Number{}, apierr.Validation(msgOverflow)
	}
	if adj < MinExponent {
		return Number{}, apierr.Validation(msgUnderflow)
	}
	var n Number
	n.neg = r.Negative
	n.n = int8(len(digits))
	n.adj = int16(adj)
	copy(n.d[:], digits)
	return n, nil
}

// Add returns a + b as DynamoDB computes it (UpdateExpression "SET a = b + c"
// and the ADD action).
//
// A result that would need more than 38 significant digits, such as
// 1E+50 + 1, is an error. Amazon DynamoDB reports it with the overflow
// message (observed by the ScyllaDB Alternator developers against AWS);
// DynamoDB Local says "DynamoDB only supports precision up to 38 digits".
func Add(a, b Number) (Number, error) {
	return arith(a, b, false)
}

// Sub returns a - b with the same rules as Add.
func Sub(a, b Number) (Number, error) {
	return arith(a, b, true)
}

func arith(a, b Number, sub bool) (Number, error) {
	var x, y, z apd.Decimal
	a.setDecimal(&x)
	b.setDecimal(&y)
	c := dynamoContext
	var (
		cond apd.Condition
		err  error
	)
	if sub {
		cond, err = c.Sub(&z, &x, &y)
	} else {
		cond, err = c.Add(&z, &x, &y)
	}
	if err != nil {
		switch {
		case cond&(apd.Underflow|apd.Subnormal|apd.SystemUnderflow) != 0:
			return Number{}, apierr.Validation(msgUnderflow)
		default: // Overflow, or Inexact: DynamoDB says overflow for both
			return Number{}, apierr.Validation(msgOverflow)
		}
	}
	return NumberFromDecimal(&z)
}
