package expr

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// The golden files in testdata/eval hold DynamoDB's answers, recorded from
// DynamoDB Local by testdata/eval/record.py (with Amazon DynamoDB's answer
// where they differ and the evidence in a comment). Format:
//
//	item NAME {DynamoDB JSON of an item}
//
//	eval|update|project NAME   (NAME of an item, or - for no item)
//	expr: the expression
//	names: {ExpressionAttributeNames}      (optional)
//	values: {ExpressionAttributeValues}    (optional)
//	----
//	answer lines
//
// Cases are separated by blank lines; lines starting with # are comments.

type evCase struct {
	pos    string // file:line, for messages
	kind   string
	item   string
	expr   string
	env    *Env
	answer []string
}

func evGolden(t *testing.T, name string) (map[string]map[string]types.AttributeValue, []evCase) {
	t.Helper()
	path := filepath.Join("testdata", "eval", name)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	items := make(map[string]map[string]types.AttributeValue)
	var cases []evCase
	var c *evCase
	inAnswer := false
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		switch {
		case strings.HasPrefix(text, "#"):
		case text == "":
			if c != nil {
				cases = append(cases, *c)
			}
			c, inAnswer = nil, false
		case c == nil && strings.HasPrefix(text, "item "):
			name, js, _ := strings.Cut(strings.TrimPrefix(text, "item "), " ")
			items[name] = evItem(t, js)
		case c == nil:
			kind, item, _ := strings.Cut(text, " ")
			c = &evCase{pos: path + ":" + itoa(line), kind: kind, item: item, env: &Env{}}
		case inAnswer:
			c.answer = append(c.answer, text)
		case text == "----":
			inAnswer = true
		case strings.HasPrefix(text, "expr: "):
			c.expr = strings.TrimPrefix(text, "expr: ")
		case strings.HasPrefix(text, "names: "):
			if err := json.Unmarshal([]byte(strings.TrimPrefix(text, "names: ")), &c.env.Names); err != nil {
				t.Fatalf("%s:%d: %v", path, line, err)
			}
		case strings.HasPrefix(text, "values: "):
			c.env.Values = evItem(t, strings.TrimPrefix(text, "values: "))
		default:
			t.Fatalf("%s:%d: unexpected %q", path, line, text)
		}
	}
	if c != nil {
		cases = append(cases, *c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return items, cases
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// evCaseItem is a fresh copy of the case's item (nil for "-").
func evCaseItem(items map[string]map[string]types.AttributeValue, name string) map[string]types.AttributeValue {
	if name == "-" {
		return nil
	}
	item := cloneItem(items[name])
	item["pk"] = &types.AttributeValueMemberS{Value: "k"}
	return item
}

func TestEvalGolden(t *testing.T) {
	items, cases := evGolden(t, "conditions.txt")
	for _, c := range cases {
		if len(c.answer) != 1 {
			t.Fatalf("%s: want one answer line", c.pos)
		}
		if strings.HasPrefix(c.answer[0], "error: ") {
			t.Errorf("%s: %s: errors of conditions are binding's, not evaluation's: %s", c.pos, c.expr, c.answer[0])
			continue
		}
		got, err := Eval(evCond(t, c.expr), evCaseItem(items, c.item), c.env)
		if err != nil || got != (c.answer[0] == "true") {
			t.Errorf("%s: %s = %v, %v; DynamoDB says %s", c.pos, c.expr, got, err, c.answer[0])
		}
	}
}

// TestEvalShapes covers what the golden cases cannot send through
// DynamoDB: malformed ASTs, typed nils and missing placeholders, which
// must make conditions false, never panic.
func TestEvalShapes(t *testing.T) {
	item := evItem(t, `{"s":{"S":"abc"},"l":{"L":[{"S":"x"}]}}`)
	item["nil"] = (*types.AttributeValueMemberS)(nil)
	env := &Env{Values: map[string]types.AttributeValue{":s": &types.AttributeValueMemberS{Value: "abc"}}}
	tests := []struct {
		c    Cond
		want bool
	}{
		{nil, false},
		{(*Comparison)(nil), false},
		{&Not{Cond: (*And)(nil)}, true},
		{&Comparison{Op: Eq, Left: &PathOperand{Path: Path{{Name: "s"}}}, Right: &ValueRef{Name: ":s"}}, true},
		{&Comparison{Op: Eq, Left: &PathOperand{Path: Path{{Name: "s"}}}, Right: &ValueRef{Name: ":undefined"}}, false},
		{&Comparison{Op: Ne, Left: &PathOperand{Path: Path{{Name: "s"}}}, Right: &ValueRef{Name: ":undefined"}}, true},
		{&Comparison{Op: Eq, Left: &PathOperand{Path: Path{{Name: "#undefined", Placeholder: true}}}, Right: &ValueRef{Name: ":s"}}, false},
		{&Comparison{Op: Eq, Left: &PathOperand{}, Right: &ValueRef{Name: ":s"}}, false},
		{&Comparison{Op: CompareOp(99), Left: &ValueRef{Name: ":s"}, Right: &ValueRef{Name: ":s"}}, false},
		{&Comparison{Op: Eq, Left: &IfNotExists{}, Right: &ListAppend{}}, false},
		{&AttributeExists{Path: Path{{Name: "nil"}}}, false},
		{&AttributeNotExists{Path: Path{{Name: "nil"}}}, true},
		{&AttributeExists{Path: Path{{Name: "l"}, {Index: -1, IsIndex: true}}}, false},
		{&Contains{Operand: &PathOperand{Path: Path{{Name: "nil"}}}, Value: &ValueRef{Name: ":s"}}, false},
		{&BeginsWith{Operand: &Size{Path: Path{{Name: "s"}}}, Prefix: &ValueRef{Name: ":s"}}, false},
		{&AttributeType{Path: Path{{Name: "s"}}, Type: &Size{Path: Path{{Name: "s"}}}}, false},
		{&In{Operand: &ValueRef{Name: ":s"}}, false},
		{&Between{Operand: &ValueRef{Name: ":s"}, Low: &ValueRef{Name: ":s"}, High: &ValueRef{Name: ":s"}}, true},
	}
	for i, tt := range tests {
		if got, err := Eval(tt.c, item, env); err != nil || got != tt.want {
			t.Errorf("%d: Eval = %v, %v; want %v", i, got, err, tt.want)
		}
		// Without an Env every placeholder is undefined: absent, no panic.
		if _, err := Eval(tt.c, item, nil); err != nil {
			t.Errorf("%d: Eval without Env: %v", i, err)
		}
	}
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "héllo": 5, "é𝄞": 3, "h\u00e9llo\U0001F600": 7, "\uffff": 1, "\xff": 1} {
		if got := utf16Len(s); got != want {
			t.Errorf("utf16Len(%q) = %d, want %d", s, got, want)
		}
	}
}

// evBenchCondition is the typical condition of a conditional write.
const evBenchCondition = "attribute_exists(pk) AND #s = :s AND v BETWEEN :lo AND :hi"

func evBenchSetup(tb testing.TB) (Cond, map[string]types.AttributeValue, *Env) {
	c := evCond(tb, evBenchCondition)
	item := evItem(tb, `{"pk":{"S":"user#42"},"status":{"S":"active"},"v":{"N":"17"},"name":{"S":"x"},"tags":{"SS":["a","b"]}}`)
	env := &Env{
		Names: map[string]string{"#s": "status"},
		Values: map[string]types.AttributeValue{
			":s":  &types.AttributeValueMemberS{Value: "active"},
			":lo": &types.AttributeValueMemberN{Value: "10"},
			":hi": &types.AttributeValueMemberN{Value: "20"},
		},
	}
	return c, item, env
}

// TestEvalAllocs: the usual conditions allocate nothing.
func TestEvalAllocs(t *testing.T) {
	_, item, env := evBenchSetup(t)
	item["l"] = evValue(t, `{"L":[{"S":"x"},{"N":"1"},{"M":{"k":{"S":"v"}}}]}`)
	item["m"] = evValue(t, `{"M":{"k":{"S":"v"},"n":{"N":"3"}}}`)
	item["b"] = evValue(t, `{"B":"AQID"}`)
	item["ns"] = evValue(t, `{"NS":["1","2.5","300"]}`)
	env.Values[":p"] = &types.AttributeValueMemberS{Value: "act"}
	env.Values[":n"] = &types.AttributeValueMemberN{Value: "2"}
	env.Values[":big"] = &types.AttributeValueMemberN{Value: "123456789"}
	env.Values[":bp"] = &types.AttributeValueMemberB{Value: []byte{1, 2}}
	env.Values[":t"] = &types.AttributeValueMemberS{Value: "SS"}
	for _, expr := range []string{
		evBenchCondition,
		"attribute_not_exists(pk) OR NOT #s <> :s",
		"v > :lo AND v <= :hi AND #s >= :s AND #s < :hi",
		"v IN (:lo, :hi, :n) OR #s IN (:s, :p)",
		"begins_with(#s, :p) AND begins_with(b, :bp) AND contains(#s, :p)",
		"contains(tags, :p) OR contains(ns, :n) OR contains(l, :s)",
		"size(#s) = :n OR size(l) > :n OR size(m) BETWEEN :n AND :big OR size(tags) IN (:n, :big)",
		"size(#s) > size(tags) AND contains(ns, size(tags))",
		"attribute_exists(l[2].k) AND m.n = :n AND attribute_type(tags, :t)",
		"missing = :s OR missing <> :s",
	} {
		c := evCond(t, expr)
		if allocs := testing.AllocsPerRun(100, func() { _, _ = Eval(c, item, env) }); allocs != 0 {
			t.Errorf("%s: %v allocations per Eval", expr, allocs)
		}
	}
}

func BenchmarkEvalCondition(b *testing.B) {
	c, item, env := evBenchSetup(b)
	b.ReportAllocs()
	for b.Loop() {
		ok, err := Eval(c, item, env)
		if !ok || err != nil {
			b.Fatal("condition is false")
		}
	}
}

// FuzzEval builds a random condition and item from the input and checks
// that evaluation neither panics nor modifies the item, and that NOT
// inverts.
func FuzzEval(f *testing.F) {
	for _, seed := range evFuzzSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &evGen{data: data}
		item := g.item()
		env := g.env()
		c := g.cond(0)
		before := cloneItem(item)
		got, err := Eval(c, item, env)
		if err != nil {
			t.Fatalf("Eval failed: %v", err)
		}
		if !value.Equal(&types.AttributeValueMemberM{Value: before}, &types.AttributeValueMemberM{Value: item}) {
			t.Fatalf("Eval modified the item")
		}
		if not, _ := Eval(&Not{Cond: c}, item, env); not == got {
			t.Fatalf("NOT did not invert %v", got)
		}
	})
}

var evFuzzSeeds = [][]byte{
	[]byte("attribute_exists"),
	[]byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"),
	[]byte("\xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7\xf6\xf5\xf4\xf3\xf2\xf1\xf0"),
	[]byte("size(l) > :n AND contains(ss, :s) OR begins_with(s, :p)"),
	[]byte("SET a.b[1] = list_append(a, :v) REMOVE x ADD n :one DELETE ss :set"),
}

// evMessage is the message of an API error.
func evMessage(err error) string {
	_, msg := apierr.Code(err)
	return msg
}
