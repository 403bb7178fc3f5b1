package expr

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Helpers of the evaluator's tests: a small parser that builds ASTs from
// expression text, and DynamoDB JSON decoding. The parser accepts the
// grammar the evaluator's cases use and nothing clever; it exists so the
// cases read as the expressions DynamoDB Local was asked, and it is
// independent of the package's own parser (parse.go).

// evTokens splits an expression into tokens.
func evTokens(s string) ([]string, error) {
	var toks []string
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			i++
		case c == '#' || c == ':' || c == '_' || isEvWord(c):
			j := i + 1
			for j < len(s) && (isEvWord(s[j]) || s[j] == '_') {
				j++
			}
			toks = append(toks, s[i:j])
			i = j
		case strings.HasPrefix(s[i:], "<>") || strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], ">="):
			toks = append(toks, s[i:i+2])
			i += 2
		case strings.ContainsRune("()[],.=<>+-", rune(c)):
			toks = append(toks, s[i:i+1])
			i++
		default:
			return nil, fmt.Errorf("unexpected %q in %q", c, s)
		}
	}
	return toks, nil
}

func isEvWord(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

type evParser struct {
	toks []string
	pos  int
}

func (p *evParser) peek() string {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return ""
}

func (p *evParser) next() string {
	t := p.peek()
	p.pos++
	return t
}

func (p *evParser) keyword(k string) bool {
	if strings.EqualFold(p.peek(), k) {
		p.pos++
		return true
	}
	return false
}

func (p *evParser) expect(t string) {
	if got := p.next(); got != t {
		panic(fmt.Sprintf("expected %q, got %q", t, got))
	}
}

func (p *evParser) path() Path {
	var path Path
	name := p.next()
	if name == "" || name[0] == ':' || strings.ContainsAny(name[:1], "()[],.=<>+-") {
		panic(fmt.Sprintf("expected a path, got %q", name))
	}
	path = append(path, evName(name))
	for {
		switch p.peek() {
		case ".":
			p.next()
			path = append(path, evName(p.next()))
		case "[":
			p.next()
			i, err := strconv.Atoi(p.next())
			if err != nil {
				panic(err)
			}
			p.expect("]")
			path = append(path, PathElem{Index: i, IsIndex: true})
		default:
			return path
		}
	}
}

func evName(tok string) PathElem {
	if strings.HasPrefix(tok, "#") {
		return PathElem{Name: tok, Placeholder: true}
	}
	return PathElem{Name: tok}
}

// operand parses a condition operand, or with update set an operand of a
// SET action.
func (p *evParser) operand(update bool) Operand {
	t := p.peek()
	if strings.HasPrefix(t, ":") {
		p.next()
		return &ValueRef{Name: t}
	}
	if p.pos+1 < len(p.toks) && p.toks[p.pos+1] == "(" {
		p.pos += 2
		var op Operand
		switch t {
		case "size":
			op = &Size{Path: p.path()}
		case "if_not_exists":
			path := p.path()
			p.expect(",")
			op = &IfNotExists{Path: path, Default: p.operand(update)}
		case "list_append":
			first := p.operand(update)
			p.expect(",")
			op = &ListAppend{First: first, Second: p.operand(update)}
		default:
			panic("unknown function " + t)
		}
		p.expect(")")
		return op
	}
	return &PathOperand{Path: p.path()}
}

func (p *evParser) or() Cond {
	c := p.and()
	for p.keyword("OR") {
		c = &Or{Left: c, Right: p.and()}
	}
	return c
}

func (p *evParser) and() Cond {
	c := p.not()
	for p.keyword("AND") {
		c = &And{Left: c, Right: p.not()}
	}
	return c
}

func (p *evParser) not() Cond {
	if p.keyword("NOT") {
		return &Not{Cond: p.not()}
	}
	return p.primary()
}

var evCompareOps = map[string]CompareOp{"=": Eq, "<>": Ne, "<": Lt, "<=": Le, ">": Gt, ">=": Ge}

func (p *evParser) primary() Cond {
	if p.peek() == "(" {
		p.next()
		c := p.or()
		p.expect(")")
		return c
	}
	if p.pos+1 < len(p.toks) && p.toks[p.pos+1] == "(" && p.peek() != "size" {
		fn := p.next()
		p.next()
		var c Cond
		switch fn {
		case "attribute_exists":
			c = &AttributeExists{Path: p.path()}
		case "attribute_not_exists":
			c = &AttributeNotExists{Path: p.path()}
		case "attribute_type":
			path := p.path()
			p.expect(",")
			c = &AttributeType{Path: path, Type: p.operand(false)}
		case "begins_with":
			a := p.operand(false)
			p.expect(",")
			c = &BeginsWith{Operand: a, Prefix: p.operand(false)}
		case "contains":
			a := p.operand(false)
			p.expect(",")
			c = &Contains{Operand: a, Value: p.operand(false)}
		default:
			panic("unknown function " + fn)
		}
		p.expect(")")
		return c
	}
	left := p.operand(false)
	if op, ok := evCompareOps[p.peek()]; ok {
		p.next()
		return &Comparison{Op: op, Left: left, Right: p.operand(false)}
	}
	if p.keyword("BETWEEN") {
		lo := p.operand(false)
		if !p.keyword("AND") {
			panic("BETWEEN without AND")
		}
		return &Between{Operand: left, Low: lo, High: p.operand(false)}
	}
	if p.keyword("IN") {
		p.expect("(")
		in := &In{Operand: left}
		for {
			in.List = append(in.List, p.operand(false))
			if p.peek() != "," {
				break
			}
			p.next()
		}
		p.expect(")")
		return in
	}
	panic(fmt.Sprintf("unexpected %q", p.peek()))
}

func (p *evParser) update() *Update {
	u := new(Update)
	for p.pos < len(p.toks) {
		clause := strings.ToUpper(p.next())
		for {
			switch clause {
			case "SET":
				path := p.path()
				p.expect("=")
				v := p.operand(true)
				if t := p.peek(); t == "+" || t == "-" {
					p.next()
					v = &Arithmetic{Op: t[0], Left: v, Right: p.operand(true)}
				}
				u.Set = append(u.Set, SetAction{Path: path, Value: v})
			case "REMOVE":
				u.Remove = append(u.Remove, p.path())
			case "ADD":
				path := p.path()
				u.Add = append(u.Add, AddAction{Path: path, Value: &ValueRef{Name: p.next()}})
			case "DELETE":
				path := p.path()
				u.Delete = append(u.Delete, DeleteAction{Path: path, Value: &ValueRef{Name: p.next()}})
			default:
				panic("unknown clause " + clause)
			}
			if p.peek() != "," {
				break
			}
			p.next()
		}
	}
	return u
}

// evParse runs one of the parser's entry points over s.
func evParse[T any](t testing.TB, s string, parse func(*evParser) T) (out T) {
	t.Helper()
	toks, err := evTokens(s)
	if err != nil {
		t.Fatal(err)
	}
	p := &evParser{toks: toks}
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("%v", r)
			}
		}()
		out = parse(p)
		if p.pos != len(p.toks) {
			err = fmt.Errorf("unexpected %q", p.peek())
		}
	}()
	if err != nil {
		t.Fatalf("test parser: %q: %v", s, err)
	}
	return out
}

func evCond(t testing.TB, s string) Cond { return evParse(t, s, (*evParser).or) }

func evUpdate(t testing.TB, s string) *Update { return evParse(t, s, (*evParser).update) }

func evProjection(t testing.TB, s string) Projection {
	return evParse(t, s, func(p *evParser) Projection {
		var proj Projection
		for {
			proj = append(proj, p.path())
			if p.peek() != "," {
				return proj
			}
			p.next()
		}
	})
}

// evValue decodes one attribute value from DynamoDB JSON.
func evValue(t testing.TB, s string) types.AttributeValue {
	t.Helper()
	var raw any
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	av, err := evFromJSON(raw)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return av
}

// evItem decodes an item (a map of attribute values) from DynamoDB JSON.
func evItem(t testing.TB, s string) map[string]types.AttributeValue {
	t.Helper()
	var raw map[string]any
	if err := json.Unmarshal([]byte(s), &raw); err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	item, err := evMapFromJSON(raw)
	if err != nil {
		t.Fatalf("%s: %v", s, err)
	}
	return item
}

func evMapFromJSON(raw map[string]any) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, len(raw))
	for k, v := range raw {
		av, err := evFromJSON(v)
		if err != nil {
			return nil, err
		}
		m[k] = av
	}
	return m, nil
}

func evFromJSON(raw any) (types.AttributeValue, error) {
	obj, ok := raw.(map[string]any)
	if !ok || len(obj) != 1 {
		return nil, fmt.Errorf("not an attribute value: %v", raw)
	}
	for typ, v := range obj {
		switch typ {
		case "S":
			return &types.AttributeValueMemberS{Value: v.(string)}, nil
		case "N":
			return &types.AttributeValueMemberN{Value: v.(string)}, nil
		case "B":
			b, err := base64.StdEncoding.DecodeString(v.(string))
			return &types.AttributeValueMemberB{Value: b}, err
		case "BOOL":
			return &types.AttributeValueMemberBOOL{Value: v.(bool)}, nil
		case "NULL":
			return &types.AttributeValueMemberNULL{Value: v.(bool)}, nil
		case "SS", "NS", "BS":
			var ss []string
			var bs [][]byte
			for _, m := range v.([]any) {
				ss = append(ss, m.(string))
				b, err := base64.StdEncoding.DecodeString(m.(string))
				if typ == "BS" && err != nil {
					return nil, err
				}
				bs = append(bs, b)
			}
			switch typ {
			case "SS":
				return &types.AttributeValueMemberSS{Value: ss}, nil
			case "NS":
				return &types.AttributeValueMemberNS{Value: ss}, nil
			}
			return &types.AttributeValueMemberBS{Value: bs}, nil
		case "L":
			l := []types.AttributeValue{}
			for _, x := range v.([]any) {
				av, err := evFromJSON(x)
				if err != nil {
					return nil, err
				}
				l = append(l, av)
			}
			return &types.AttributeValueMemberL{Value: l}, nil
		case "M":
			m, err := evMapFromJSON(v.(map[string]any))
			return &types.AttributeValueMemberM{Value: m}, err
		}
	}
	return nil, fmt.Errorf("unknown type in %v", raw)
}

// evJSON is DynamoDB JSON of an item, for messages.
func evJSON(item map[string]types.AttributeValue) string {
	if item == nil {
		return "none"
	}
	b, _ := json.Marshal(evToJSON(&types.AttributeValueMemberM{Value: item}).(map[string]any)["M"])
	return string(b)
}

func evToJSON(av types.AttributeValue) any {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return map[string]any{"S": v.Value}
	case *types.AttributeValueMemberN:
		return map[string]any{"N": v.Value}
	case *types.AttributeValueMemberB:
		return map[string]any{"B": v.Value}
	case *types.AttributeValueMemberBOOL:
		return map[string]any{"BOOL": v.Value}
	case *types.AttributeValueMemberNULL:
		return map[string]any{"NULL": v.Value}
	case *types.AttributeValueMemberSS:
		return map[string]any{"SS": v.Value}
	case *types.AttributeValueMemberNS:
		return map[string]any{"NS": v.Value}
	case *types.AttributeValueMemberBS:
		return map[string]any{"BS": v.Value}
	case *types.AttributeValueMemberL:
		l := []any{}
		for _, x := range v.Value {
			l = append(l, evToJSON(x))
		}
		return map[string]any{"L": l}
	case *types.AttributeValueMemberM:
		m := map[string]any{}
		for k, x := range v.Value {
			m[k] = evToJSON(x)
		}
		return map[string]any{"M": m}
	}
	return nil
}

func TestResolve(t *testing.T) {
	item := evItem(t, `{"a":{"M":{"b":{"L":[{"S":"x"},{"M":{"c":{"N":"1"}}}]}}},"s":{"S":"v"},"dot.ted":{"S":"d"}}`)
	env := &Env{Names: map[string]string{"#a": "a", "#d": "dot.ted"}}
	tests := []struct {
		path string
		want string // DynamoDB JSON, or "" for absent
	}{
		{"a.b[0]", `{"S":"x"}`},
		{"#a.b[1].c", `{"N":"1"}`},
		{"#d", `{"S":"d"}`},
		{"a.b[2]", ""},
		{"a.b.c", ""},
		{"a[0]", ""},
		{"s.x", ""},
		{"s[0]", ""},
		{"x", ""},
		{"#undefined", ""},
		{"a.#undefined", ""},
	}
	for _, tt := range tests {
		got := resolve(item, evProjection(t, tt.path)[0], env)
		if tt.want == "" {
			if got != nil {
				t.Errorf("resolve(%s) = %v, want absent", tt.path, got)
			}
			continue
		}
		if want := evValue(t, tt.want); got == nil || !equalJSON(got, want) {
			t.Errorf("resolve(%s) = %v, want %s", tt.path, got, tt.want)
		}
	}
	// A nil Env defines no placeholders, and a typed nil is absent.
	if got := resolve(item, Path{{Name: "#a", Placeholder: true}}, nil); got != nil {
		t.Errorf("placeholder with nil Env resolved to %v", got)
	}
	item["tn"] = (*types.AttributeValueMemberM)(nil)
	if got := resolve(item, Path{{Name: "tn"}}, nil); got != nil {
		t.Errorf("typed nil resolved to %v", got)
	}
	if got := resolve(item, Path{{Name: "tn"}, {Name: "x"}}, nil); got != nil {
		t.Errorf("path through a typed nil resolved to %v", got)
	}
}

func equalJSON(a, b types.AttributeValue) bool {
	x, _ := json.Marshal(evToJSON(a))
	y, _ := json.Marshal(evToJSON(b))
	return string(x) == string(y)
}
