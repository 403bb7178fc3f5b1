package expr

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

func TestApplyGolden(t *testing.T) {
	items, cases := evGolden(t, "updates.txt")
	for _, c := range cases {
		item := evCaseItem(items, c.item)
		before := evCopy(item)
		got, err := Apply(evUpdate(t, c.expr), item, c.env)
		if !reflect.DeepEqual(before, item) {
			t.Errorf("%s: %s modified its input item", c.pos, c.expr)
		}
		if strings.HasPrefix(c.answer[0], "error: ") {
			if want := strings.TrimPrefix(c.answer[0], "error: "); err == nil || evMessage(err) != want {
				t.Errorf("%s: %s: got error %v; DynamoDB says %q", c.pos, c.expr, err, want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %s: %v", c.pos, c.expr, err)
			continue
		}
		if got.Item != nil {
			delete(got.Item, "pk")
		}
		for _, line := range c.answer {
			key, js, _ := strings.Cut(line, ": ")
			var have map[string]types.AttributeValue
			switch key {
			case "item":
				have = got.Item
			case "old":
				have = got.UpdatedOld
			case "new":
				have = got.UpdatedNew
			default:
				t.Fatalf("%s: unexpected answer line %q", c.pos, line)
			}
			if !evSameItem(t, have, js) {
				t.Errorf("%s: %s: %s = %s; DynamoDB says %s", c.pos, c.expr, key, evJSON(have), js)
			}
		}
		if got.Item != nil {
			if err := value.CheckItem(got.Item); err != nil {
				t.Errorf("%s: %s: invalid item: %v", c.pos, c.expr, err)
			}
		}
	}
}

// evCopy is a deep copy of an item, nil for nil.
func evCopy(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	if item == nil {
		return nil
	}
	return cloneItem(item)
}

// evSameItem compares an item with its DynamoDB JSON ("none" for nil) as
// DynamoDB compares values: numbers numerically, sets in any order.
func evSameItem(t *testing.T, have map[string]types.AttributeValue, js string) bool {
	if js == "none" {
		return have == nil
	}
	if have == nil {
		return false
	}
	return value.Equal(&types.AttributeValueMemberM{Value: have}, &types.AttributeValueMemberM{Value: evItem(t, js)})
}

// TestApplyShares: the new item and the returned attributes share nothing
// mutable with the old item, the request's values or each other.
func TestApplyShares(t *testing.T) {
	item := evItem(t, `{"pk":{"S":"k"},"m":{"M":{"l":{"L":[{"B":"AQI="},{"SS":["a"]}]},"k":{"S":"v"}}},"bs":{"BS":["AQ=="]},"keep":{"M":{"x":{"L":[{"N":"1"}]}}}}`)
	env := &Env{Values: map[string]types.AttributeValue{
		":v":  evValue(t, `{"L":[{"M":{"a":{"B":"AQ=="}}}]}`),
		":bs": evValue(t, `{"BS":["Ag=="]}`),
	}}
	u := evUpdate(t, "SET m.k = :v, copy = m.l, appended = list_append(m.l, :v) ADD bs :bs")
	oldItem, oldEnv := cloneItem(item), cloneItem(env.Values)
	got, err := Apply(u, item, env)
	if err != nil {
		t.Fatal(err)
	}
	evScribble(got.Item)
	evScribble(got.UpdatedOld)
	if !reflect.DeepEqual(item, oldItem) || !reflect.DeepEqual(env.Values, oldEnv) {
		t.Fatal("changing the result changed the input item or values")
	}
	got, err = Apply(u, item, env)
	if err != nil {
		t.Fatal(err)
	}
	newAttrs := cloneItem(got.UpdatedNew)
	evScribble(got.Item)
	if !reflect.DeepEqual(got.UpdatedNew, newAttrs) {
		t.Fatal("changing the new item changed UpdatedNew")
	}
}

// evScribble changes every mutable part of an item in place.
func evScribble(item map[string]types.AttributeValue) {
	var walk func(av types.AttributeValue)
	walk = func(av types.AttributeValue) {
		switch v := av.(type) {
		case *types.AttributeValueMemberS:
			v.Value += "!"
		case *types.AttributeValueMemberN:
			v.Value += "1"
		case *types.AttributeValueMemberB:
			for i := range v.Value {
				v.Value[i]++
			}
		case *types.AttributeValueMemberSS:
			for i := range v.Value {
				v.Value[i] += "!"
			}
		case *types.AttributeValueMemberNS:
			for i := range v.Value {
				v.Value[i] += "1"
			}
		case *types.AttributeValueMemberBS:
			for _, b := range v.Value {
				for i := range b {
					b[i]++
				}
			}
		case *types.AttributeValueMemberL:
			for _, x := range v.Value {
				walk(x)
			}
			v.Value = append(v.Value, &types.AttributeValueMemberNULL{Value: true})
		case *types.AttributeValueMemberM:
			for _, x := range v.Value {
				walk(x)
			}
			v.Value["scribbled"] = &types.AttributeValueMemberNULL{Value: true}
		}
	}
	for k, av := range item {
		walk(av)
		item[k+"!"] = av
	}
}

// TestApplyUndefined: placeholders binding should have rejected give
// DynamoDB's errors rather than a panic or a nameless attribute.
func TestApplyUndefined(t *testing.T) {
	item := evItem(t, `{"a":{"N":"1"}}`)
	for expr, want := range map[string]string{
		"SET #x = :v":                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x",
		"SET a = :x":                 "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x",
		"SET a = a + :x":             "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x",
		"ADD a :x":                   "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x",
		"DELETE a :x":                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :x",
		"REMOVE a.#x":                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x",
		"SET a = :s + a":             "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
		"SET a = x - :s":             "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: S",
		"SET a = list_append(x, :s)": "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
		"SET a = size(a)":            "Invalid UpdateExpression: The function is not allowed in an update expression; function: size",
		"ADD a :s":                   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
		"ADD a :l":                   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND",
		"DELETE a :n":                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND",
		"DELETE a :m":                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: MAP, typeSet: ALLOWED_FOR_DELETE_OPERAND",
	} {
		env := &Env{Values: map[string]types.AttributeValue{
			":v": &types.AttributeValueMemberN{Value: "1"},
			":n": &types.AttributeValueMemberN{Value: "1"},
			":s": &types.AttributeValueMemberS{Value: "s"},
			":l": &types.AttributeValueMemberL{},
			":m": &types.AttributeValueMemberM{},
		}}
		_, err := Apply(evUpdate(t, expr), item, env)
		if err == nil || evMessage(err) != want {
			t.Errorf("%s: got %v, want %q", expr, err, want)
		}
	}
	// A nil update changes nothing; on a missing item it writes nothing.
	if got, err := Apply(nil, item, nil); err != nil || !reflect.DeepEqual(got.Item, item) {
		t.Errorf("Apply(nil) = %v, %v", got, err)
	}
	if got, err := Apply(nil, nil, nil); err != nil || got.Item != nil {
		t.Errorf("Apply(nil, nil) = %v, %v", got, err)
	}
}

// TestApplyModel applies random sequences of updates to flat items with
// numbers, string sets and a list, and compares with a model written
// directly in Go.
func TestApplyModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for round := range 300 {
		var item map[string]types.AttributeValue
		m := newEvModel()
		for step := range 20 {
			expr, acts, env := m.randomUpdate(rng)
			u := evUpdate(t, expr)
			wantErr := m.apply(acts, env)
			got, err := Apply(u, item, env)
			if (err != nil) != (wantErr != "") || (err != nil && evMessage(err) != wantErr) {
				t.Fatalf("round %d step %d: %s: error %v, model says %q", round, step, expr, err, wantErr)
			}
			if err != nil {
				continue
			}
			if got.Item == nil && m.exists {
				t.Fatalf("round %d step %d: %s: no item; model has %v", round, step, expr, m.attrs)
			}
			if got.Item != nil {
				item = got.Item
			}
			if want := m.item(); !value.Equal(&types.AttributeValueMemberM{Value: item}, &types.AttributeValueMemberM{Value: want}) {
				t.Fatalf("round %d step %d: %s:\n got %s\nwant %s", round, step, expr, evJSON(item), evJSON(want))
			}
		}
	}
}

// evModel is an item of numbers (n0..n2), string sets (s0..s2) and one
// list of strings (l).
type evModel struct {
	exists bool
	attrs  map[string]any // int64, map[string]bool or []string
}

func newEvModel() *evModel { return &evModel{attrs: map[string]any{}} }

func (m *evModel) item() map[string]types.AttributeValue {
	item := map[string]types.AttributeValue{}
	for k, v := range m.attrs {
		switch v := v.(type) {
		case int64:
			item[k] = &types.AttributeValueMemberN{Value: strconv.FormatInt(v, 10)}
		case map[string]bool:
			var ss []string
			for s := range v {
				ss = append(ss, s)
			}
			item[k] = &types.AttributeValueMemberSS{Value: ss}
		case []string:
			l := []types.AttributeValue{}
			for _, s := range v {
				l = append(l, &types.AttributeValueMemberS{Value: s})
			}
			item[k] = &types.AttributeValueMemberL{Value: l}
		}
	}
	return item
}

// evActions are an update's actions by clause, as randomUpdate writes
// them.
type evActions struct{ set, remove, add, del []string }

// randomUpdate builds an update of distinct paths and its values.
func (m *evModel) randomUpdate(rng *rand.Rand) (string, evActions, *Env) {
	env := &Env{Values: map[string]types.AttributeValue{}}
	used := map[string]bool{}
	var set, remove, add, del []string
	val := func(av types.AttributeValue) string {
		name := ":v" + strconv.Itoa(len(env.Values))
		env.Values[name] = av
		return name
	}
	num := func() string {
		return val(&types.AttributeValueMemberN{Value: strconv.Itoa(rng.IntN(21) - 10)})
	}
	strset := func() string {
		var ss []string
		for _, s := range []string{"a", "b", "c", "d"} {
			if rng.IntN(2) == 0 {
				ss = append(ss, s)
			}
		}
		if len(ss) == 0 {
			ss = []string{"e"}
		}
		return val(&types.AttributeValueMemberSS{Value: ss})
	}
	for range 1 + rng.IntN(4) {
		switch rng.IntN(9) {
		case 0, 1:
			a := "n" + strconv.Itoa(rng.IntN(3))
			if used[a] {
				continue
			}
			used[a] = true
			switch rng.IntN(3) {
			case 0:
				set = append(set, a+" = "+num())
			case 1:
				set = append(set, a+" = "+a+" + "+num())
			default:
				set = append(set, a+" = if_not_exists("+a+", "+num()+") - "+num())
			}
		case 2:
			a := "n" + strconv.Itoa(rng.IntN(3))
			if !used[a] {
				used[a] = true
				add = append(add, a+" "+num())
			}
		case 3:
			a := "s" + strconv.Itoa(rng.IntN(3))
			if !used[a] {
				used[a] = true
				add = append(add, a+" "+strset())
			}
		case 4:
			a := "s" + strconv.Itoa(rng.IntN(3))
			if !used[a] {
				used[a] = true
				del = append(del, a+" "+strset())
			}
		case 5:
			a := []string{"n", "s"}[rng.IntN(2)] + strconv.Itoa(rng.IntN(3))
			if !used[a] {
				used[a] = true
				remove = append(remove, a)
			}
		case 6:
			if !used["l"] && !used["l[]"] {
				used["l"] = true
				set = append(set, "l = "+val(&types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "x"}}}))
			}
		case 7, 8:
			if used["l"] {
				continue
			}
			used["l[]"] = true
			i := rng.IntN(5)
			p := "l[" + strconv.Itoa(i) + "]"
			if used[p] {
				continue
			}
			used[p] = true
			if rng.IntN(2) == 0 {
				remove = append(remove, p)
			} else {
				set = append(set, p+" = "+val(&types.AttributeValueMemberS{Value: strconv.Itoa(rng.IntN(100))}))
			}
		}
	}
	var b strings.Builder
	for _, clause := range []struct {
		name    string
		actions []string
	}{{"SET", set}, {"REMOVE", remove}, {"ADD", add}, {"DELETE", del}} {
		if len(clause.actions) > 0 {
			fmt.Fprintf(&b, "%s %s ", clause.name, strings.Join(clause.actions, ", "))
		}
	}
	if b.Len() == 0 {
		return "REMOVE n0", evActions{remove: []string{"n0"}}, env
	}
	return strings.TrimSpace(b.String()), evActions{set, remove, add, del}, env
}

// apply applies the actions to the model and returns the error message
// DynamoDB would give, leaving the model alone then. Invalid target paths
// fail first, then the actions' values in the order SET, ADD, DELETE.
func (m *evModel) apply(acts evActions, env *Env) string {
	_, isList := m.attrs["l"].([]string)
	for _, a := range acts.set {
		if strings.HasPrefix(a, "l[") && !isList {
			return msgPathInvalid
		}
	}
	for _, a := range acts.remove {
		if strings.HasPrefix(a, "l[") && !isList && m.exists {
			return msgPathInvalid
		}
	}
	next := map[string]any{}
	for k, v := range m.attrs {
		next[k] = v
	}
	number := func(tok string) int64 {
		n, _ := strconv.ParseInt(env.Values[tok].(*types.AttributeValueMemberN).Value, 10, 64)
		return n
	}
	writes := len(acts.set) > 0 || len(acts.add) > 0
	listSets := map[int]string{}
	listRemoves := map[int]bool{}
	for _, a := range acts.set {
		f := strings.Fields(a)
		target := f[0]
		switch {
		case strings.HasPrefix(target, "l["):
			i, _ := strconv.Atoi(strings.Trim(target[1:], "[]"))
			listSets[i] = env.Values[f[2]].(*types.AttributeValueMemberS).Value
		case target == "l":
			next["l"] = []string{"x"}
		case len(f) == 3: // a = :v
			next[target] = number(f[2])
		case f[2] == target: // a = a + :v
			old, exists := m.attrs[target]
			if !exists {
				return msgNoAttribute
			}
			n, ok := old.(int64)
			if !ok {
				return msgBadOperand
			}
			next[target] = n + number(f[4])
		default: // a = if_not_exists(a, :v) - :w
			base, ok := m.attrs[target]
			if !ok {
				base = number(strings.TrimSuffix(f[3], ")"))
			}
			n, isNum := base.(int64)
			if !isNum {
				return msgBadOperand
			}
			next[target] = n - number(f[5])
		}
	}
	for _, a := range acts.remove {
		if strings.HasPrefix(a, "l[") {
			i, _ := strconv.Atoi(strings.Trim(a[1:], "[]"))
			listRemoves[i] = true
			continue
		}
		delete(next, a)
	}
	for _, a := range acts.add {
		f := strings.Fields(a)
		old, exists := m.attrs[f[0]]
		switch v := env.Values[f[1]].(type) {
		case *types.AttributeValueMemberN:
			n, ok := old.(int64)
			if exists && !ok {
				return msgBadOperand
			}
			next[f[0]] = n + number(f[1])
		case *types.AttributeValueMemberSS:
			s, ok := old.(map[string]bool)
			if exists && !ok {
				return msgBadOperand
			}
			union := map[string]bool{}
			for k := range s {
				union[k] = true
			}
			for _, k := range v.Value {
				union[k] = true
			}
			next[f[0]] = union
		}
	}
	for _, a := range acts.del {
		f := strings.Fields(a)
		old, exists := m.attrs[f[0]]
		if !exists {
			continue
		}
		s, ok := old.(map[string]bool)
		if !ok {
			return msgBadOperand
		}
		rest := map[string]bool{}
		for k := range s {
			rest[k] = true
		}
		for _, k := range env.Values[f[1]].(*types.AttributeValueMemberSS).Value {
			delete(rest, k)
		}
		if len(rest) == 0 {
			delete(next, f[0])
		} else {
			next[f[0]] = rest
		}
	}
	if len(listSets) > 0 || len(listRemoves) > 0 {
		if old, ok := m.attrs["l"].([]string); ok {
			var l []string
			for i, s := range old {
				if listRemoves[i] {
					continue
				}
				if v, ok := listSets[i]; ok {
					s = v
				}
				l = append(l, s)
			}
			var past []int
			for i := range listSets {
				if i >= len(old) {
					past = append(past, i)
				}
			}
			slices.Sort(past)
			for _, i := range past {
				l = append(l, listSets[i])
			}
			if l == nil {
				l = []string{}
			}
			next["l"] = l
		}
	}
	if !m.exists && !writes {
		return ""
	}
	for _, v := range next {
		if n, ok := v.(int64); ok && (n > 1e15 || n < -1e15) {
			panic("model number out of range")
		}
	}
	m.attrs, m.exists = next, true
	return ""
}

func BenchmarkApply(b *testing.B) {
	u := evUpdate(b, "SET #c = #c + :one, updated = :now, tags = list_append(tags, :tag) REMOVE draft ADD seen :user")
	item := evItem(b, `{"pk":{"S":"user#42"},"count":{"N":"17"},"updated":{"S":"2024-01-01"},"tags":{"L":[{"S":"a"}]},"draft":{"BOOL":true},"seen":{"SS":["u1","u2"]},"profile":{"M":{"name":{"S":"Ada"},"langs":{"L":[{"S":"go"},{"S":"sql"}]}}}}`)
	env := &Env{
		Names: map[string]string{"#c": "count"},
		Values: map[string]types.AttributeValue{
			":one":  &types.AttributeValueMemberN{Value: "1"},
			":now":  &types.AttributeValueMemberS{Value: "2024-06-01"},
			":tag":  &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "b"}}},
			":user": &types.AttributeValueMemberSS{Value: []string{"u3"}},
		},
	}
	b.ReportAllocs()
	for b.Loop() {
		got, err := Apply(u, item, env)
		if err != nil || len(got.Item) != 6 {
			b.Fatalf("Apply = %v, %v", got, err)
		}
	}
}

// FuzzApply builds a random update and item from the input and checks
// that Apply does not panic, leaves its inputs alone, and produces valid
// items.
func FuzzApply(f *testing.F) {
	for _, seed := range evFuzzSeeds {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g := &evGen{data: data}
		item := g.item()
		if g.byte()%8 == 0 {
			item = nil
		}
		env := g.env()
		u := g.update()
		before, beforeValues := evCopy(item), evCopy(env.Values)
		got, err := Apply(u, item, env)
		if !reflect.DeepEqual(before, item) || !reflect.DeepEqual(beforeValues, env.Values) {
			t.Fatal("Apply modified its input")
		}
		if err != nil {
			if evMessage(err) == "" {
				t.Fatalf("not an API error: %v", err)
			}
			return
		}
		for name, out := range map[string]map[string]types.AttributeValue{"item": got.Item, "old": got.UpdatedOld, "new": got.UpdatedNew} {
			if err := value.CheckItem(out); err != nil {
				t.Fatalf("invalid %s %s: %v", name, evJSON(out), err)
			}
		}
		evScribble(got.Item)
		evScribble(got.UpdatedOld)
		if !reflect.DeepEqual(before, item) || !reflect.DeepEqual(beforeValues, env.Values) {
			t.Fatal("the result shares values with the input")
		}
	})
}

// evGen builds valid items, values, conditions and updates from fuzz
// input; it reads zeros once the input runs out.
type evGen struct {
	data []byte
	pos  int
}

func (g *evGen) byte() byte {
	if g.pos >= len(g.data) {
		return 0
	}
	b := g.data[g.pos]
	g.pos++
	return b
}

func (g *evGen) intn(n int) int { return int(g.byte()) % n }

var (
	evGenNames   = []string{"a", "b", "s", "n", "l", "m", "ss", "ns"}
	evGenStrings = []string{"", "a", "ab", "b", "héllo", "\U0001F600", "\uffff"}
	evGenNumbers = []string{"0", "1", "-1.5", "1e2", "2", "99999999999999999999999999999999999999", "9.9999999999999999999999999999999999999E+125", "1E-130", "-7"}
)

func (g *evGen) item() map[string]types.AttributeValue {
	item := map[string]types.AttributeValue{}
	for range g.intn(7) {
		item[evGenNames[g.intn(len(evGenNames))]] = g.value(0)
	}
	return item
}

func (g *evGen) value(depth int) types.AttributeValue {
	kinds := 10
	if depth >= 3 {
		kinds = 8 // no more lists or maps
	}
	switch g.intn(kinds) {
	case 0:
		return &types.AttributeValueMemberS{Value: evGenStrings[g.intn(len(evGenStrings))]}
	case 1:
		return &types.AttributeValueMemberN{Value: evGenNumbers[g.intn(len(evGenNumbers))]}
	case 2:
		return &types.AttributeValueMemberB{Value: []byte(evGenStrings[g.intn(len(evGenStrings))])}
	case 3:
		return &types.AttributeValueMemberBOOL{Value: g.intn(2) == 0}
	case 4:
		return &types.AttributeValueMemberNULL{Value: true}
	case 5:
		return &types.AttributeValueMemberSS{Value: g.members(evGenStrings)}
	case 6:
		// Members distinct as numbers too.
		return &types.AttributeValueMemberNS{Value: g.members([]string{"0", "1", "-1.5", "1e2", "99999999999999999999999999999999999999"})}
	case 7:
		var bs [][]byte
		for _, s := range g.members(evGenStrings) {
			bs = append(bs, []byte(s))
		}
		return &types.AttributeValueMemberBS{Value: bs}
	case 8:
		l := []types.AttributeValue{}
		for range g.intn(4) {
			l = append(l, g.value(depth+1))
		}
		return &types.AttributeValueMemberL{Value: l}
	default:
		m := map[string]types.AttributeValue{}
		for range g.intn(4) {
			m[evGenNames[g.intn(len(evGenNames))]] = g.value(depth + 1)
		}
		return &types.AttributeValueMemberM{Value: m}
	}
}

// members picks a non-empty set of distinct members from pool.
func (g *evGen) members(pool []string) []string {
	mask := g.byte()
	var out []string
	for i, s := range pool {
		if mask&(1<<(i%8)) != 0 && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		out = pool[1:2]
	}
	return out
}

func (g *evGen) env() *Env {
	env := &Env{
		Names: map[string]string{"#p": evGenNames[g.intn(len(evGenNames))], "#q": "a"},
		Values: map[string]types.AttributeValue{
			":n":  &types.AttributeValueMemberN{Value: evGenNumbers[g.intn(len(evGenNumbers))]},
			":ss": &types.AttributeValueMemberSS{Value: g.members(evGenStrings)},
			":ns": &types.AttributeValueMemberNS{Value: g.members([]string{"1", "7", "-1.5"})},
			":bs": &types.AttributeValueMemberBS{Value: [][]byte{{1}, {}}},
			":l":  g.value(2),
			":t":  &types.AttributeValueMemberS{Value: []string{"S", "N", "L", "M", "SS", "BOOL"}[g.intn(6)]},
		},
	}
	if _, ok := env.Values[":l"].(*types.AttributeValueMemberL); !ok {
		env.Values[":l"] = &types.AttributeValueMemberL{Value: []types.AttributeValue{env.Values[":l"]}}
	}
	for i := range 6 {
		env.Values[":v"+strconv.Itoa(i)] = g.value(1)
	}
	return env
}

func (g *evGen) path() Path {
	var p Path
	switch g.intn(64) {
	case 59, 60, 61, 62:
		p = Path{{Name: "#p", Placeholder: true}}
	case 63:
		p = Path{{Name: "#undefined", Placeholder: true}}
	default:
		p = Path{{Name: evGenNames[g.intn(len(evGenNames))]}}
	}
	for range []int{0, 0, 0, 0, 0, 1, 1, 2, 3, 1}[g.intn(10)] {
		if g.intn(2) == 0 {
			p = append(p, PathElem{Index: []int{0, 1, 2, 9}[g.intn(4)], IsIndex: true})
		} else {
			p = append(p, PathElem{Name: evGenNames[g.intn(len(evGenNames))]})
		}
	}
	return p
}

// valueRef picks a value placeholder, mostly among those of the given
// names (any of them when none are given).
func (g *evGen) valueRef(names ...string) *ValueRef {
	switch {
	case g.intn(64) == 63:
		return &ValueRef{Name: ":undefined"}
	case len(names) > 0 && g.intn(8) != 0:
		return &ValueRef{Name: names[g.intn(len(names))]}
	}
	return &ValueRef{Name: ":v" + strconv.Itoa(g.intn(6))}
}

func (g *evGen) condOperand() Operand {
	switch g.intn(3) {
	case 0:
		return g.valueRef(":n", ":ss", ":l", ":t")
	case 1:
		return &Size{Path: g.path()}
	}
	return &PathOperand{Path: g.path()}
}

func (g *evGen) cond(depth int) Cond {
	n := 11
	if depth >= 4 {
		n = 8 // leaves only
	}
	switch g.intn(n) {
	case 0:
		return &Comparison{Op: CompareOp(g.intn(6)), Left: g.condOperand(), Right: g.condOperand()}
	case 1:
		return &Between{Operand: g.condOperand(), Low: g.condOperand(), High: g.condOperand()}
	case 2:
		in := &In{Operand: g.condOperand()}
		for range 1 + g.intn(3) {
			in.List = append(in.List, g.condOperand())
		}
		return in
	case 3:
		return &AttributeExists{Path: g.path()}
	case 4:
		return &AttributeNotExists{Path: g.path()}
	case 5:
		return &AttributeType{Path: g.path(), Type: &ValueRef{Name: ":t"}}
	case 6:
		return &BeginsWith{Operand: g.condOperand(), Prefix: g.condOperand()}
	case 7:
		return &Contains{Operand: g.condOperand(), Value: g.condOperand()}
	case 8:
		return &And{Left: g.cond(depth + 1), Right: g.cond(depth + 1)}
	case 9:
		return &Or{Left: g.cond(depth + 1), Right: g.cond(depth + 1)}
	}
	return &Not{Cond: g.cond(depth + 1)}
}

// setOperand builds the right-hand side of a SET; want is the type its
// value should mostly have ("" for any).
func (g *evGen) setOperand(depth int, want string) Operand {
	n := 6
	if depth >= 2 {
		n = 2
	}
	refs := map[string][]string{"N": {":n"}, "L": {":l"}}[want]
	switch g.intn(n) {
	case 0:
		return g.valueRef(refs...)
	case 1:
		return &PathOperand{Path: g.path()}
	case 2:
		return &IfNotExists{Path: g.path(), Default: g.setOperand(depth+1, want)}
	case 3:
		if want == "" || want == "L" {
			return &ListAppend{First: g.setOperand(depth+1, "L"), Second: g.setOperand(depth+1, "L")}
		}
	case 4:
		if want == "" || want == "N" {
			return &Arithmetic{Op: "+-"[g.intn(2)], Left: g.setOperand(depth+1, "N"), Right: g.setOperand(depth+1, "N")}
		}
	}
	if g.intn(8) == 0 {
		return &Size{Path: g.path()}
	}
	return g.valueRef(refs...)
}

func (g *evGen) update() *Update {
	u := new(Update)
	for range g.intn(3) {
		u.Set = append(u.Set, SetAction{Path: g.path(), Value: g.setOperand(0, "")})
	}
	for range g.intn(2) {
		u.Remove = append(u.Remove, g.path())
	}
	for range g.intn(2) {
		u.Add = append(u.Add, AddAction{Path: g.path(), Value: g.valueRef(":n", ":ss", ":ns", ":bs")})
	}
	for range g.intn(2) {
		u.Delete = append(u.Delete, DeleteAction{Path: g.path(), Value: g.valueRef(":ss", ":ns", ":bs")})
	}
	return u
}
