package value

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func mustKey(t testing.TB, v types.AttributeValue) []byte {
	t.Helper()
	k, err := AppendKey(nil, v)
	if err != nil {
		t.Fatalf("AppendKey(%s): %v", show(v), err)
	}
	return k
}

func sign(c int) int {
	switch {
	case c < 0:
		return -1
	case c > 0:
		return 1
	}
	return 0
}

// TestKeyNumberOrder: key order agrees with Number.Cmp on random numbers,
// including negatives, zero and the whole exponent range, and keys
// round-trip to the canonical text.
func TestKeyNumberOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 50000 {
		a, b := randomNumber(r), randomNumber(r)
		if r.IntN(4) == 0 { // near misses: same exponent or a prefix
			b = a[:max(1, len(a)-1-r.IntN(3))]
			if _, err := ParseNumber(b); err != nil {
				b = a
			}
		}
		x, _ := ParseNumber(a)
		y, _ := ParseNumber(b)
		ka := mustKey(t, &types.AttributeValueMemberN{Value: a})
		kb := mustKey(t, &types.AttributeValueMemberN{Value: b})
		if got, want := bytes.Compare(ka, kb), x.Cmp(y); got != want {
			t.Fatalf("key order of %s, %s is %d, Cmp is %d (keys %x, %x)", a, b, got, want, ka, kb)
		}
		back, rest, err := DecodeKey(ka, types.ScalarAttributeTypeN)
		if err != nil || len(rest) != 0 {
			t.Fatalf("DecodeKey(%x) = %v, %x, %v", ka, back, rest, err)
		}
		if got := back.(*types.AttributeValueMemberN).Value; got != x.String() {
			t.Fatalf("number %s decodes to %s, want %s", a, got, x.String())
		}
	}
}

func TestKeyNumberSorted(t *testing.T) {
	sorted := []string{
		"-9.9999999999999999999999999999999999999E+125", "-1E+125", "-100", "-12.5",
		"-12.34", "-12.3", "-12", "-1.01", "-1", "-0.5", "-1E-129", "-1E-130", "0",
		"1E-130", "1.5E-130", "1E-129", "0.01", "0.0101", "0.011", "0.5", "1", "1.0000000000000000000000000000000000001",
		"1.01", "1.1", "9.99", "10", "11", "99", "100", "110", "1E+125", "9.9999999999999999999999999999999999999E+125",
	}
	var prev []byte
	for _, s := range sorted {
		k := mustKey(t, &types.AttributeValueMemberN{Value: s})
		if prev != nil && bytes.Compare(prev, k) >= 0 {
			t.Errorf("key of %s does not sort after its predecessor", s)
		}
		prev = k
	}
	// Spellings of one number share a key.
	for _, group := range [][]string{{"0", "-0", "0.000", "0e99"}, {"1", "1.0", "+1", "10e-1", "0.1E1"}, {"-1.5", "-15e-1", "-1.50"}} {
		want := mustKey(t, &types.AttributeValueMemberN{Value: group[0]})
		for _, s := range group[1:] {
			if k := mustKey(t, &types.AttributeValueMemberN{Value: s}); !bytes.Equal(k, want) {
				t.Errorf("key(%s) = %x, key(%s) = %x", s, k, group[0], want)
			}
		}
	}
}

func randomBytes(r *rand.Rand) []byte {
	// Small alphabet so that prefixes, 0x00 and 0xFF are common.
	alphabet := []byte{0x00, 0x01, 0x02, 'a', 'b', 0x7F, 0x80, 0xFE, 0xFF}
	b := make([]byte, r.IntN(6))
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return b
}

// TestKeyBytesOrder: S and B keys order like their bytes, round-trip, and
// concatenations of keys order like the tuples they encode.
func TestKeyBytesOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 50000 {
		a, b := randomBytes(r), randomBytes(r)
		for _, typ := range []types.ScalarAttributeType{types.ScalarAttributeTypeS, types.ScalarAttributeTypeB} {
			mk := func(x []byte) types.AttributeValue {
				if typ == types.ScalarAttributeTypeS {
					return &types.AttributeValueMemberS{Value: string(x)}
				}
				return &types.AttributeValueMemberB{Value: x}
			}
			ka, kb := mustKey(t, mk(a)), mustKey(t, mk(b))
			if got, want := bytes.Compare(ka, kb), bytes.Compare(a, b); got != want {
				t.Fatalf("%s key order of %x, %x is %d, want %d", typ, a, b, got, want)
			}
			back, rest, err := DecodeKey(append(ka, 0x42), typ)
			if err != nil || !bytes.Equal(rest, []byte{0x42}) || !Equal(back, mk(a)) {
				t.Fatalf("DecodeKey(%x) = %s, %x, %v", ka, show(back), rest, err)
			}
		}
	}
}

// TestKeyConcatenation: a partition key followed by a sort key orders like
// the pair, for every combination of types.
func TestKeyConcatenation(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	type part struct {
		typ types.ScalarAttributeType
		gen func() types.AttributeValue
	}
	parts := []part{
		{types.ScalarAttributeTypeS, func() types.AttributeValue {
			return &types.AttributeValueMemberS{Value: string(randomBytes(r))}
		}},
		{types.ScalarAttributeTypeB, func() types.AttributeValue { return &types.AttributeValueMemberB{Value: randomBytes(r)} }},
		{types.ScalarAttributeTypeN, func() types.AttributeValue {
			return &types.AttributeValueMemberN{Value: randomNumber(r)}
		}},
	}
	cmp := func(a, b types.AttributeValue) int {
		c, ok := Compare(a, b)
		if !ok {
			t.Fatalf("Compare(%s, %s) not ok", show(a), show(b))
		}
		return c
	}
	for range 20000 {
		p, s := parts[r.IntN(3)], parts[r.IntN(3)]
		a1, a2 := p.gen(), s.gen()
		b1, b2 := p.gen(), s.gen()
		if r.IntN(3) == 0 {
			b1 = a1 // same partition: the sort key decides
		}
		ka := mustKey(t, a2)
		ka = append(mustKey(t, a1), ka...)
		kb := mustKey(t, b2)
		kb = append(mustKey(t, b1), kb...)
		want := cmp(a1, b1)
		if want == 0 {
			want = cmp(a2, b2)
		}
		if got := bytes.Compare(ka, kb); got != want {
			t.Fatalf("(%s, %s) vs (%s, %s): key order %d, want %d", show(a1), show(a2), show(b1), show(b2), got, want)
		}
		// And the pair decodes back.
		d1, rest, err := DecodeKey(ka, p.typ)
		if err != nil {
			t.Fatal(err)
		}
		d2, rest, err := DecodeKey(rest, s.typ)
		if err != nil || len(rest) != 0 || cmp(d1, a1) != 0 || cmp(d2, a2) != 0 {
			t.Fatalf("pair %x decodes to %s, %s, %x, %v", ka, show(d1), show(d2), rest, err)
		}
	}
}

func TestKeyErrors(t *testing.T) {
	for _, v := range []types.AttributeValue{
		nil,
		&types.AttributeValueMemberBOOL{Value: true},
		&types.AttributeValueMemberSS{Value: []string{"a"}},
		(*types.AttributeValueMemberS)(nil),
		&types.AttributeValueMemberN{Value: "x"},
		&types.AttributeValueMemberN{Value: "1e999"},
	} {
		dst := []byte("prefix")
		got, err := AppendKey(dst, v)
		if err == nil {
			t.Errorf("AppendKey(%s) succeeded", show(v))
		}
		if string(got) != "prefix" {
			t.Errorf("AppendKey(%s) changed dst to %q", show(v), got)
		}
	}
	corrupt := []struct {
		typ types.ScalarAttributeType
		src []byte
	}{
		{"S", nil},
		{"S", []byte("abc")},
		{"S", []byte("abc\x00")},
		{"S", []byte("abc\x00\x02")},
		{"B", []byte("\x00\xff")},
		{"N", nil},
		{"N", []byte{0x04}},
		{"N", []byte{numPositive}},
		{"N", []byte{numPositive, 130}},
		{"N", []byte{numPositive, 130, 0}},        // no digits
		{"N", []byte{numPositive, 130, 1, 0}},     // leading zero digit
		{"N", []byte{numPositive, 130, 102, 0}},   // pair > 99
		{"N", []byte{numPositive, 130, 11, 1, 0}}, // trailing zero pair
		{"N", []byte{numNegative, 125, 0}},        // wrong terminator
		{"N", append([]byte{numPositive, 130}, bytes.Repeat([]byte{12}, 20)...)},
		{"N", append(append([]byte{numPositive, 130}, bytes.Repeat([]byte{12}, 20)...), 0)}, // 40 digits
		{"X", []byte{numZero}},
	}
	for _, c := range corrupt {
		if v, _, err := DecodeKey(c.src, c.typ); err == nil {
			t.Errorf("DecodeKey(%x, %s) = %s, want an error", c.src, c.typ, show(v))
		} else if c.typ != "X" && !errors.Is(err, ErrCorrupt) {
			t.Errorf("DecodeKey(%x, %s): %v does not wrap ErrCorrupt", c.src, c.typ, err)
		}
	}
}

func TestKeyGolden(t *testing.T) {
	// The encoding is stored on disk: pin it.
	tests := []struct {
		v    types.AttributeValue
		want []byte
	}{
		{&types.AttributeValueMemberS{Value: "ab"}, []byte("ab\x00\x01")},
		{&types.AttributeValueMemberS{Value: ""}, []byte("\x00\x01")},
		{&types.AttributeValueMemberB{Value: []byte{0, 1, 0}}, []byte("\x00\xff\x01\x00\xff\x00\x01")},
		{&types.AttributeValueMemberN{Value: "0"}, []byte{numZero}},
		{&types.AttributeValueMemberN{Value: "1"}, []byte{numPositive, 130, 11, 0}},
		{&types.AttributeValueMemberN{Value: "123.45"}, []byte{numPositive, 132, 13, 35, 51, 0}},
		{&types.AttributeValueMemberN{Value: "-1"}, []byte{numNegative, 125, 90, 0xFF}},
		{&types.AttributeValueMemberN{Value: "1E-130"}, []byte{numPositive, 0, 11, 0}},
	}
	for _, tt := range tests {
		if got := mustKey(t, tt.v); !bytes.Equal(got, tt.want) {
			t.Errorf("key(%s) = %x, want %x", show(tt.v), got, tt.want)
		}
	}
	// Strings sort by UTF-8 bytes, not by UTF-16 code units: U+FF61 sorts
	// before U+10000 in UTF-8 though not in UTF-16.
	ss := []string{"", "\x00", "a", "a\x00", "ab", "z", "é", "\uff61", "\U00010000"}
	keys := make([][]byte, len(ss))
	for i, s := range ss {
		keys[i] = mustKey(t, &types.AttributeValueMemberS{Value: s})
	}
	if !slices.IsSortedFunc(keys, bytes.Compare) {
		t.Errorf("string keys out of order")
	}
}

func TestAppendKeyPrefix(t *testing.T) {
	words := []string{"", "a", "a\x00", "a\x00b", "ab", "abc", "b", "\x00", "\xff"}
	for _, p := range words {
		prefix, err := AppendKeyPrefix(nil, &types.AttributeValueMemberS{Value: p})
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range words {
			enc, _ := AppendKey(nil, &types.AttributeValueMemberS{Value: w})
			if got, want := bytes.HasPrefix(enc, prefix), strings.HasPrefix(w, p); got != want {
				t.Errorf("prefix %q of %q: encoding says %v, strings say %v", p, w, got, want)
			}
		}
	}
	if _, err := AppendKeyPrefix(nil, &types.AttributeValueMemberN{Value: "1"}); err == nil {
		t.Error("a number has no key prefix")
	}
}
