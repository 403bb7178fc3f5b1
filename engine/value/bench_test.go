package value

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// benchItem is a typical 10-attribute item: keys, a few strings and
// numbers, a flag, a small set and a short list.
func benchItem() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":      &types.AttributeValueMemberS{Value: "customer#0001234"},
		"sk":      &types.AttributeValueMemberS{Value: "order#2024-06-01T12:00:00Z"},
		"name":    &types.AttributeValueMemberS{Value: "Ada Lovelace"},
		"email":   &types.AttributeValueMemberS{Value: "ada@example.com"},
		"total":   &types.AttributeValueMemberN{Value: "1234.56"},
		"items":   &types.AttributeValueMemberN{Value: "3"},
		"version": &types.AttributeValueMemberN{Value: "17"},
		"paid":    &types.AttributeValueMemberBOOL{Value: true},
		"tags":    &types.AttributeValueMemberSS{Value: []string{"priority", "gift"}},
		"lines": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "sku-1"},
			&types.AttributeValueMemberN{Value: "2"},
		}},
	}
}

func BenchmarkParseNumber(b *testing.B) {
	for _, in := range []string{"17", "1234.56", "-9.9999999999999999999999999999999999999E+125", "0.000000000123"} {
		b.Run(in[:min(len(in), 12)], func(b *testing.B) {
			b.ReportAllocs()
			var n Number
			var err error
			for b.Loop() {
				n, err = ParseNumber(in)
			}
			if err != nil || n.Sign() == 0 {
				b.Fatalf("ParseNumber(%s) = %v, %v", in, n, err)
			}
		})
	}
}

func BenchmarkAppendItem(b *testing.B) {
	it := benchItem()
	buf := make([]byte, 0, 512)
	b.ReportAllocs()
	var err error
	for b.Loop() {
		buf, err = AppendItem(buf[:0], it)
	}
	if err != nil {
		b.Fatal(err)
	}
	got, err := DecodeItem(buf)
	if err != nil || showItem(got) != showItem(canonicalizeItem(b, it)) {
		b.Fatalf("result does not decode to the item: %v", err)
	}
	b.SetBytes(int64(len(buf)))
}

func BenchmarkDecodeItem(b *testing.B) {
	it := benchItem()
	enc, err := AppendItem(nil, it)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(enc)))
	b.ReportAllocs()
	var got map[string]types.AttributeValue
	for b.Loop() {
		got, err = DecodeItem(enc)
	}
	if err != nil || showItem(got) != showItem(canonicalizeItem(b, it)) {
		b.Fatalf("decoded %s, %v", showItem(got), err)
	}
}

func BenchmarkItemSize(b *testing.B) {
	it := benchItem()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		size = ItemSize(it)
	}
	if want := 145; size != want {
		b.Fatalf("ItemSize = %d, want %d", size, want)
	}
}

func BenchmarkCheckItem(b *testing.B) {
	it := benchItem()
	b.ReportAllocs()
	var err error
	for b.Loop() {
		err = CheckItem(it)
	}
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkAppendKey(b *testing.B) {
	vals := []types.AttributeValue{
		&types.AttributeValueMemberS{Value: "customer#0001234"},
		&types.AttributeValueMemberN{Value: "1234.56"},
	}
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	var err error
	for b.Loop() {
		buf = buf[:0]
		for _, v := range vals {
			if buf, err = AppendKey(buf, v); err != nil {
				b.Fatal(err)
			}
		}
	}
	if !strings.HasPrefix(string(buf), "customer#0001234\x00\x01") {
		b.Fatalf("key %x", buf)
	}
}
