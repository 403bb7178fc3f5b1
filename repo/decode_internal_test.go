package repo

import (
	"encoding/binary"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type Label string

type decodeNested struct {
	City  string         `dynamodbav:"city"`
	Codes []int          `dynamodbav:"codes"`
	Next  *decodeNested  `dynamodbav:"next"`
	Any   map[string]any `dynamodbav:"any"`
}

type Embedded struct {
	Promoted string `dynamodbav:"promoted"`
	Shadowed int    `dynamodbav:"shadowed"`
}

type decodeRich struct {
	Embedded
	S        string            `dynamodbav:"s"`
	L        Label             `dynamodbav:"l"`
	I8       int8              `dynamodbav:"i8"`
	U        uint16            `dynamodbav:"u"`
	F32      float32           `dynamodbav:"f32"`
	B        bool              `dynamodbav:"b"`
	Strs     []string          `dynamodbav:"strs"`
	Labels   []Label           `dynamodbav:"labels"`
	Grid     [][]string        `dynamodbav:"grid"`
	Counts   map[string]int    `dynamodbav:"counts"`
	Nested   decodeNested      `dynamodbav:"nested"`
	Ptr      *decodeNested     `dynamodbav:"ptr"`
	When     time.Time         `dynamodbav:"when"`
	Raw      []byte            `dynamodbav:"raw"`
	Anything any               `dynamodbav:"anything"`
	Shadowed string            `dynamodbav:"shadowed"`
	Untagged string            // attribute "Untagged"
	ByLabel  map[Label]float64 `dynamodbav:"bylabel"`
}

type decodeStringTagged struct {
	N int       `dynamodbav:"n,string"`
	T time.Time `dynamodbav:"t,unixtime"`
	S string    `dynamodbav:"s"`
}

// avGen builds attribute values from fuzz bytes: mostly the values a field
// expects, sometimes anything else, to reach the fallbacks.
type avGen struct{ b []byte }

func (g *avGen) next(n int) int {
	if len(g.b) == 0 || n <= 1 {
		return 0
	}
	v := int(g.b[0]) % n
	g.b = g.b[1:]
	return v
}

func (g *avGen) value(depth int) types.AttributeValue {
	numbers := []string{"0", "1", "-1", "127", "128", "-129", "65535", "65536", "1.5", "1e3", "3.4e39", "x", "99999999999999999999"}
	strs := []string{"", "a", "#", "2023-01-02T03:04:05Z", "not a time"}
	switch k := g.next(10); {
	case k == 0:
		return &types.AttributeValueMemberS{Value: strs[g.next(len(strs))]}
	case k == 1:
		return &types.AttributeValueMemberN{Value: numbers[g.next(len(numbers))]}
	case k == 2:
		return &types.AttributeValueMemberBOOL{Value: g.next(2) == 1}
	case k == 3:
		return &types.AttributeValueMemberNULL{Value: true}
	case k == 4:
		return &types.AttributeValueMemberB{Value: []byte{byte(g.next(256))}}
	case k == 5:
		return &types.AttributeValueMemberSS{Value: []string{strs[g.next(len(strs))], "z"}}
	case k == 6:
		return &types.AttributeValueMemberNS{Value: []string{numbers[g.next(len(numbers))]}}
	case k == 7 && depth < 3:
		n := g.next(4)
		l := make([]types.AttributeValue, n)
		for i := range l {
			l[i] = g.value(depth + 1)
		}
		return &types.AttributeValueMemberL{Value: l}
	case k >= 8 && depth < 3:
		return &types.AttributeValueMemberM{Value: g.document(depth + 1)}
	}
	return &types.AttributeValueMemberS{Value: "leaf"}
}

func (g *avGen) document(depth int) map[string]types.AttributeValue {
	names := []string{"s", "l", "i8", "u", "f32", "b", "strs", "labels", "grid", "counts", "nested", "ptr", "when", "raw",
		"anything", "shadowed", "promoted", "Untagged", "untagged", "S", "bylabel", "city", "codes", "next", "any", "n", "t", "other"}
	m := map[string]types.AttributeValue{}
next:
	for range g.next(8) + 1 {
		name := names[g.next(len(names))]
		// Two names equal but for case make attributevalue's own result
		// depend on map order; keep one of them.
		for other := range m {
			if other != name && strings.EqualFold(other, name) {
				continue next
			}
		}
		m[name] = g.value(depth)
	}
	return m
}

// checkDecodesLikeAttributevalue decodes item with the compiled decoder and
// with attributevalue.UnmarshalMap: both fail, or both give equal values.
func checkDecodesLikeAttributevalue[T any](t *testing.T, item map[string]types.AttributeValue) {
	t.Helper()
	var fast, slow T
	errFast := newItemDecoder[T](nil).decode(item, &fast)
	errSlow := attributevalue.UnmarshalMap(item, &slow)
	if (errFast == nil) != (errSlow == nil) {
		t.Fatalf("item %v: compiled decoder error %v, attributevalue error %v", item, errFast, errSlow)
	}
	if errSlow == nil && !reflect.DeepEqual(fast, slow) {
		t.Fatalf("item %v:\ncompiled     %+v\nattributevalue %+v", item, fast, slow)
	}
}

func FuzzDecoderMatchesAttributevalue(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9})
	f.Add([]byte("nested lists and maps and numbers"))
	for i := range 64 {
		f.Add(binary.AppendUvarint([]byte{byte(i * 7)}, uint64(i*7919)))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		g := &avGen{b: b}
		item := g.document(0)
		checkDecodesLikeAttributevalue[decodeRich](t, item)
		checkDecodesLikeAttributevalue[decodeNested](t, item)
		checkDecodesLikeAttributevalue[decodeStringTagged](t, item)
	})
}

// TestDecoderRoundTrip: values marshalled by attributevalue decode to the
// same values through the compiled decoder.
func TestDecoderRoundTrip(t *testing.T) {
	when := time.Date(2023, 1, 2, 3, 4, 5, 0, time.UTC)
	for i, v := range []decodeRich{
		{},
		{S: "x", L: "y", I8: -128, U: 65535, F32: 1.5, B: true, Strs: []string{"a", ""}, Labels: []Label{"p"},
			Grid: [][]string{{"a"}, {}}, Counts: map[string]int{"a": 1}, Nested: decodeNested{City: "c", Codes: []int{1, 2}, Next: &decodeNested{City: "d"}},
			Ptr: &decodeNested{Any: map[string]any{"k": "v", "n": 1.0}}, When: when, Raw: []byte{0, 1}, Anything: []any{"x", 2.0},
			Shadowed: "outer", Untagged: "u", Embedded: Embedded{Promoted: "p"}, ByLabel: map[Label]float64{"l": 2}},
	} {
		item, err := attributevalue.MarshalMap(v)
		if err != nil {
			t.Fatal(err)
		}
		checkDecodesLikeAttributevalue[decodeRich](t, item)
		var got decodeRich
		if err := newItemDecoder[decodeRich](nil).decode(item, &got); err != nil || !reflect.DeepEqual(got, v) {
			t.Fatalf("value %d: %+v, %v", i, got, err)
		}
	}
}
