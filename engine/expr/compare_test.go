package expr

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// TestCompareIntegers: the fast path orders plain integers as
// value.Compare does, and declines everything else.
func TestCompareIntegers(t *testing.T) {
	spellings := []string{"0", "1", "-1", "9", "10", "-10", "17", "170", "-170", "99999999999999999999999999999999999999",
		"-99999999999999999999999999999999999999", "100000000000000000000000000000000000000", "007", "-0", "1.0", "1e2", "+1", "", "-", "1a"}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 2000 {
		n := rng.Int64N(2000000) - 1000000
		spellings = append(spellings, strconv.FormatInt(n, 10))
	}
	for i, a := range spellings {
		for _, b := range spellings[max(0, i-40):min(len(spellings), i+40)] {
			c, ok := compareIntegers(a, b)
			if !ok {
				continue
			}
			want, wantOK := value.Compare(&types.AttributeValueMemberN{Value: a}, &types.AttributeValueMemberN{Value: b})
			if !wantOK || c != want {
				t.Fatalf("compareIntegers(%q, %q) = %d; value.Compare says %d, %v", a, b, c, want, wantOK)
			}
		}
	}
	for _, s := range []string{"007", "-0", "1.0", "1e2", "+1", "", "-", "1a", "100000000000000000000000000000000000000"} {
		if _, ok := compareIntegers(s, "1"); ok {
			t.Errorf("compareIntegers(%q, 1) took the fast path", s)
		}
	}
}

func TestOperandCompare(t *testing.T) {
	n := func(s string) operand { return valueOperand(&types.AttributeValueMemberN{Value: s}) }
	size := func(i int) operand { return operand{size: i, kind: isSize} }
	tests := []struct {
		a, b  operand
		c     int
		ok    bool
		equal bool
	}{
		{size(3), n("3.0"), 0, true, true},
		{n("3.0"), size(3), 0, true, true},
		{size(3), n("2.5"), 1, true, false},
		{n("2.5"), size(3), -1, true, false},
		{size(2), size(3), -1, true, false},
		{size(3), size(3), 0, true, true},
		{size(3), valueOperand(&types.AttributeValueMemberS{Value: "3"}), 0, false, false},
		{size(3), n("x"), 0, false, false},
		{size(3), operand{}, 0, false, false},
		{operand{}, operand{}, 0, false, false},
		{n("-12.5"), n("-1.25E1"), 0, true, true},
		{n("170"), n("17"), 1, true, false},
	}
	for i, tt := range tests {
		c, ok := tt.a.compare(tt.b)
		if c != tt.c || ok != tt.ok {
			t.Errorf("%d: compare = %d, %v; want %d, %v", i, c, ok, tt.c, tt.ok)
		}
		if eq := tt.a.equal(tt.b); eq != tt.equal {
			t.Errorf("%d: equal = %v, want %v", i, eq, tt.equal)
		}
	}
}
