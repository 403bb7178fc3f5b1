package value

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// everyType is an item with every type, nested, sets in a deliberate
// (unsorted) order, and numbers in non-canonical spellings.
const everyType = `{
	"pk": {"S": "user#1"},
	"empty": {"S": ""},
	"utf8": {"S": "é€😀\u0000"},
	"n": {"N": "1.50"},
	"neg": {"N": "-0.000100"},
	"big": {"N": "9.9999999999999999999999999999999999999E+125"},
	"zero": {"N": "-0"},
	"b": {"B": "AAEC/w=="},
	"b0": {"B": ""},
	"t": {"BOOL": true},
	"f": {"BOOL": false},
	"null": {"NULL": true},
	"ss": {"SS": ["z", "a", "", "m"]},
	"ns": {"NS": ["3", "1e2", "-0.5", "00042"]},
	"bs": {"BS": ["/w==", "AA==", ""]},
	"l": {"L": [{"S": "x"}, {"N": "2"}, {"L": []}, {"M": {}}, {"NULL": true}, {"SS": ["q"]}]},
	"l0": {"L": []},
	"m": {"M": {"a": {"M": {"b": {"L": [{"BOOL": false}, {"BS": ["AQ=="]}]}}}, "x y": {"S": "spaced"}, "n": {"NS": ["7"]}}},
	"m0": {"M": {}}
}`

// canonicalize returns the item DynamoDB would return for v: numbers in
// canonical text.
func canonicalize(t testing.TB, v types.AttributeValue) types.AttributeValue {
	switch v := v.(type) {
	case *types.AttributeValueMemberN:
		c, err := CanonicalNumber(v.Value)
		if err != nil {
			t.Fatal(err)
		}
		return &types.AttributeValueMemberN{Value: c}
	case *types.AttributeValueMemberNS:
		out := make([]string, len(v.Value))
		for i, s := range v.Value {
			c, err := CanonicalNumber(s)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = c
		}
		return &types.AttributeValueMemberNS{Value: out}
	case *types.AttributeValueMemberL:
		out := make([]types.AttributeValue, len(v.Value))
		for i, e := range v.Value {
			out[i] = canonicalize(t, e)
		}
		return &types.AttributeValueMemberL{Value: out}
	case *types.AttributeValueMemberM:
		return &types.AttributeValueMemberM{Value: canonicalizeItem(t, v.Value)}
	}
	return v
}

func canonicalizeItem(t testing.TB, m map[string]types.AttributeValue) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		out[k] = canonicalize(t, v)
	}
	return out
}

func roundTrip(t testing.TB, in map[string]types.AttributeValue) map[string]types.AttributeValue {
	t.Helper()
	enc, err := AppendItem(nil, in)
	if err != nil {
		t.Fatalf("AppendItem(%s): %v", showItem(in), err)
	}
	out, err := DecodeItem(enc)
	if err != nil {
		t.Fatalf("DecodeItem(AppendItem(%s)): %v", showItem(in), err)
	}
	// show is exact: types, set order, list order, number text.
	if got, want := showItem(out), showItem(canonicalizeItem(t, in)); got != want {
		t.Fatalf("round trip:\n got %s\nwant %s", got, want)
	}
	return out
}

func TestCodecEveryType(t *testing.T) {
	in := item(t, everyType)
	out := roundTrip(t, in)
	if got := out["n"].(*types.AttributeValueMemberN).Value; got != "1.5" {
		t.Errorf("n = %q, want canonical 1.5", got)
	}
	if got := out["ns"].(*types.AttributeValueMemberNS).Value; strings.Join(got, ",") != "3,100,-0.5,42" {
		t.Errorf("ns = %q: set order or canonical form lost", got)
	}
	if out["l0"].(*types.AttributeValueMemberL).Value == nil {
		t.Error("empty list decoded as nil")
	}
	if out["m0"].(*types.AttributeValueMemberM).Value == nil {
		t.Error("empty map decoded as nil")
	}
}

// TestCodecNoAliasing: decoded values are independent of the input and of
// each other.
func TestCodecNoAliasing(t *testing.T) {
	in := item(t, `{"a": {"B": "AQID"}, "b": {"B": "BAUG"}, "s": {"S": "hello"}, "bs": {"BS": ["AQ==", "Ag=="]}}`)
	enc, err := AppendItem(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := DecodeItem(enc)
	if err != nil {
		t.Fatal(err)
	}
	clear(enc) // the caller's buffer is reused (as Pebble's are)
	a := out["a"].(*types.AttributeValueMemberB)
	a.Value = append(a.Value, 9, 9, 9) // must not overwrite "b"
	a.Value[0] = 7
	bs := out["bs"].(*types.AttributeValueMemberBS)
	bs.Value = append(bs.Value, []byte{3})
	want := `{"M":{"a":{"B":"BwIDCQkJ"},"b":{"B":"BAUG"},"bs":{"BS":["AQ==","Ag==","Aw=="]},"s":{"S":"hello"}}}`
	if got := showItem(out); got != want {
		t.Errorf("after mutation:\n got %s\nwant %s", got, want)
	}
}

func TestCodecDeterministic(t *testing.T) {
	in := item(t, everyType)
	first, err := AppendItem(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		again, err := AppendItem(nil, item(t, everyType))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatal("the same item encodes to different bytes")
		}
	}
	// Appending keeps what dst held.
	out, err := AppendItem([]byte("prefix"), in)
	if err != nil || !bytes.HasPrefix(out, []byte("prefix")) || !bytes.Equal(out[6:], first) {
		t.Fatalf("AppendItem with a prefix: %q, %v", out, err)
	}
}

func TestCodecGolden(t *testing.T) {
	// The encoding is stored on disk: pin a small item byte for byte.
	in := item(t, `{"a": {"S": "x"}, "b": {"N": "1.50"}, "c": {"L": [{"BOOL": true}]}}`)
	got, err := AppendItem(nil, in)
	if err != nil {
		t.Fatal(err)
	}
	want := []byte{
		codecVersion, 3, // three attributes
		0xa5, 0x04, // mask: text (S and N), flags, L, elems
		2, 1, 1, 1, // S+N, BOOL, L, element
		1, 'a', tagS, 1, 'x',
		1, 'b', tagN, 3, '1', '.', '5',
		1, 'c', tagL, 1, tagTrue,
	}
	if !bytes.Equal(got, want) {
		t.Errorf("encoding = %v\n      want %v", got, want)
	}
}

func nested(depth int, leaf types.AttributeValue) types.AttributeValue {
	v := leaf
	for i := range depth {
		if i%2 == 0 {
			v = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"k": v}}
		} else {
			v = &types.AttributeValueMemberL{Value: []types.AttributeValue{v}}
		}
	}
	return v
}

func TestCodecDeepAndLarge(t *testing.T) {
	roundTrip(t, map[string]types.AttributeValue{"deep": nested(31, &types.AttributeValueMemberN{Value: "1.0"})})
	roundTrip(t, map[string]types.AttributeValue{"deeper": nested(maxCodecDepth-1, &types.AttributeValueMemberNULL{Value: true})})
	if _, err := AppendItem(nil, map[string]types.AttributeValue{"x": nested(maxCodecDepth+1, &types.AttributeValueMemberNULL{Value: true})}); err == nil {
		t.Error("encoded an item nested beyond the codec's limit")
	}

	big := map[string]types.AttributeValue{}
	for i := range 300 {
		big[fmt.Sprintf("attr%03d", i)] = &types.AttributeValueMemberS{Value: strings.Repeat("x", i*7)}
	}
	big["blob"] = &types.AttributeValueMemberB{Value: bytes.Repeat([]byte{0, 0xff}, 100000)}
	roundTrip(t, big)
	roundTrip(t, map[string]types.AttributeValue{})
	roundTrip(t, item(t, `{"": {"M": {"": {"S": ""}}}}`)) // empty names are CheckItem's business
}

// TestCodecRandom round-trips random items.
func TestCodecRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for range 3000 {
		roundTrip(t, randomItem(r))
	}
}

func randomItem(r *rand.Rand) map[string]types.AttributeValue {
	m := map[string]types.AttributeValue{}
	for i := range r.IntN(12) {
		m[fmt.Sprintf("a%d%s", i, randomBytes(r))] = randomValue(r, 0)
	}
	return m
}

func randomValue(r *rand.Rand, depth int) types.AttributeValue {
	k := r.IntN(10)
	if depth > 4 && k >= 8 {
		k = 0
	}
	switch k {
	case 0:
		return &types.AttributeValueMemberS{Value: string(randomBytes(r))}
	case 1:
		return &types.AttributeValueMemberN{Value: randomNumber(r)}
	case 2:
		return &types.AttributeValueMemberB{Value: randomBytes(r)}
	case 3:
		return &types.AttributeValueMemberBOOL{Value: r.IntN(2) == 0}
	case 4:
		return &types.AttributeValueMemberNULL{Value: true}
	case 5:
		ss := []string{"s"}
		for range r.IntN(4) {
			ss = append(ss, string(randomBytes(r)))
		}
		return &types.AttributeValueMemberSS{Value: ss}
	case 6:
		ns := []string{randomNumber(r)}
		for range r.IntN(4) {
			ns = append(ns, randomNumber(r))
		}
		return &types.AttributeValueMemberNS{Value: ns}
	case 7:
		bs := [][]byte{randomBytes(r)}
		for range r.IntN(4) {
			bs = append(bs, randomBytes(r))
		}
		return &types.AttributeValueMemberBS{Value: bs}
	case 8:
		l := make([]types.AttributeValue, r.IntN(5))
		for i := range l {
			l[i] = randomValue(r, depth+1)
		}
		return &types.AttributeValueMemberL{Value: l}
	default:
		m := map[string]types.AttributeValue{}
		for i := range r.IntN(5) {
			m[fmt.Sprint(i)] = randomValue(r, depth+1)
		}
		return &types.AttributeValueMemberM{Value: m}
	}
}

func TestAppendItemErrors(t *testing.T) {
	bad := []map[string]types.AttributeValue{
		{"x": nil},
		{"x": &types.AttributeValueMemberN{Value: "abc"}},
		{"x": &types.AttributeValueMemberNS{Value: []string{"1", "1e999"}}},
		{"x": &types.AttributeValueMemberNULL{Value: false}},
		{"x": &types.UnknownUnionMember{Tag: "Z"}},
		{"x": &types.AttributeValueMemberL{Value: []types.AttributeValue{nil}}},
		{"x": (*types.AttributeValueMemberS)(nil)},
	}
	for _, in := range bad {
		out, err := AppendItem([]byte("keep"), in)
		if err == nil {
			t.Errorf("AppendItem(%s) succeeded", showItem(in))
		}
		if string(out) != "keep" {
			t.Errorf("AppendItem(%s) left %q in dst", showItem(in), out)
		}
	}
}

// TestDecodeItemCorrupt: truncations and bit flips of valid encodings
// give errors (or, for flips that happen to keep the structure valid, an
// item), never a panic.
func TestDecodeItemCorrupt(t *testing.T) {
	enc, err := AppendItem(nil, item(t, everyType))
	if err != nil {
		t.Fatal(err)
	}
	for i := range enc {
		if _, err := DecodeItem(enc[:i]); err == nil {
			t.Errorf("truncation to %d bytes decoded", i)
		} else if !errors.Is(err, ErrCorrupt) {
			t.Errorf("truncation to %d bytes: %v does not wrap ErrCorrupt", i, err)
		}
	}
	if _, err := DecodeItem(append(enc[:len(enc):len(enc)], 0)); err == nil {
		t.Error("trailing byte decoded")
	}
	flipped := bytes.Clone(enc)
	for i := range flipped {
		for bit := range 8 {
			flipped[i] ^= 1 << bit
			DecodeItem(flipped) // must not panic
			flipped[i] ^= 1 << bit
		}
	}
	for _, src := range [][]byte{
		nil,
		{2},
		{codecVersion, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
		{codecVersion, 1, 1, 0x7f, 1, tagS, 1, 'x'},               // count beyond input
		{codecVersion, 1, 0xff, 0xff, 0xff, 0x7f},                 // mask beyond the slabs
		{codecVersion, 2, 1, 2, 1, 'a', tagS, 0, 1, 'a', tagS, 0}, // duplicate name
		{codecVersion, 1, 0, 1, 'a', tagS, 0},                     // no slab for the S
		{codecVersion, 1, 1, 2, 1, 'a', tagS, 0},                  // slab too big
	} {
		if _, err := DecodeItem(src); err == nil {
			t.Errorf("DecodeItem(%x) succeeded", src)
		}
	}
}

// TestDecodeItemAllocs pins the allocation count that keeps GetItem fast.
func TestDecodeItemAllocs(t *testing.T) {
	enc, err := AppendItem(nil, benchItem())
	if err != nil {
		t.Fatal(err)
	}
	allocs := testing.AllocsPerRun(100, func() {
		if _, err := DecodeItem(enc); err != nil {
			t.Fatal(err)
		}
	})
	// One copy of the input, one slab per kind present (S and N, BOOL, SS,
	// set members, L, list elements: 6 here) and the map, which Go builds
	// from 4 allocations once it holds more than 8 entries. Per-attribute
	// allocation would be 3 or more per attribute.
	if allocs > 11 {
		t.Errorf("DecodeItem of a 10-attribute item: %v allocations", allocs)
	}
}
