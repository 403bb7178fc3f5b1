package value

import (
	"bytes"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/cockroachdb/apd/v3"
)

// FuzzParseNumber: no panics; accepted numbers have a canonical text that
// is a fixed point, denotes the same value (checked with apd, which gets
// only the already-validated canonical text), and keys that round-trip.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0", "-0", "1.50", "1e2", "1E-130", "9.9999999999999999999999999999999999999E+125",
		".5", "5.", "+5", "00012", "1e", "--1", "abc", "١٢", "1e2147483647", "0e-2147483648",
		"12345678901234567890123456789012345678", "0.00000000000000000000000000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseNumber(s)
		digits, adj, neg, canon := canonicalShape(s)
		if canon != (err == nil && n.String() == s) {
			t.Fatalf("isCanonical(%q) = %v, but ParseNumber gives %q, %v", s, canon, n.String(), err)
		}
		if canon && (digits != int(n.n) || (digits > 0 && (adj != int(n.adj) || neg != n.neg))) {
			t.Fatalf("canonicalShape(%q) = %d, %d, %v; parse gives %d, %d, %v", s, digits, adj, neg, n.n, n.adj, n.neg)
		}
		if err != nil {
			return
		}
		text := n.String()
		if len(text) != n.textLen() {
			t.Fatalf("textLen(%q) = %d, len(%q) = %d", s, n.textLen(), text, len(text))
		}
		again, err := ParseNumber(text)
		if err != nil || again != n || again.String() != text {
			t.Fatalf("canonical %q of %q does not re-parse to itself: %v", text, s, err)
		}
		var d apd.Decimal
		if _, _, err := d.SetString(text); err != nil {
			t.Fatalf("apd rejects canonical %q: %v", text, err)
		}
		if d.Cmp(n.Decimal()) != 0 {
			t.Fatalf("%q: canonical %q and Decimal %s differ", s, text, n.Decimal())
		}
		k, err := AppendKey(nil, &types.AttributeValueMemberN{Value: s})
		if err != nil {
			t.Fatal(err)
		}
		v, rest, err := DecodeKey(k, types.ScalarAttributeTypeN)
		if err != nil || len(rest) != 0 || v.(*types.AttributeValueMemberN).Value != text {
			t.Fatalf("key of %q decodes to %v, %x, %v", s, v, rest, err)
		}
	})
}

// FuzzDecodeItem: no panics on any input, and whatever decodes re-encodes
// and decodes to the same item.
func FuzzDecodeItem(f *testing.F) {
	for _, text := range []string{everyType, `{}`, `{"a": {"L": [{"M": {"b": {"NS": ["1", "2"]}}}]}}`} {
		var it map[string]types.AttributeValue
		{
			tb := &testing.T{}
			it = item(tb, text)
		}
		enc, err := AppendItem(nil, it)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(enc)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		it, err := DecodeItem(src)
		if err != nil {
			return
		}
		enc, err := AppendItem(nil, it)
		if err != nil {
			t.Fatalf("re-encoding a decoded item: %v", err)
		}
		back, err := DecodeItem(enc)
		if err != nil {
			t.Fatalf("decoding a re-encoded item: %v", err)
		}
		if showItem(back) != showItem(it) {
			t.Fatalf("re-encoding changed the item:\n%s\n%s", showItem(it), showItem(back))
		}
	})
}

// FuzzDecodeKey: no panics, and what decodes re-encodes to the bytes it
// was read from.
func FuzzDecodeKey(f *testing.F) {
	for _, v := range []types.AttributeValue{
		&types.AttributeValueMemberS{Value: "a\x00b"},
		&types.AttributeValueMemberB{Value: []byte{0, 0xff}},
		&types.AttributeValueMemberN{Value: "-123.45"},
		&types.AttributeValueMemberN{Value: "0"},
		&types.AttributeValueMemberN{Value: "1E-130"},
	} {
		k, err := AppendKey(nil, v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(k, byte(0))
		f.Add(k, byte(1))
		f.Add(k, byte(2))
	}
	typs := []types.ScalarAttributeType{types.ScalarAttributeTypeS, types.ScalarAttributeTypeN, types.ScalarAttributeTypeB}
	f.Fuzz(func(t *testing.T, src []byte, which byte) {
		typ := typs[int(which)%len(typs)]
		v, rest, err := DecodeKey(src, typ)
		if err != nil {
			return
		}
		k, err := AppendKey(nil, v)
		if err != nil {
			t.Fatalf("re-encoding %s: %v", show(v), err)
		}
		if consumed := src[:len(src)-len(rest)]; !bytes.Equal(k, consumed) {
			t.Fatalf("%s key %x decodes to %s which encodes to %x", typ, consumed, show(v), k)
		}
	})
}
