package repo

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// shape is what attributevalue makes of a Go type: which DynamoDB value it
// becomes and, for documents, what lies below. Update paths and filter
// paths are checked against it before anything is sent.
type shape struct {
	goType reflect.Type
	tag    string // the field's dynamodbav options (",stringset"), which change how values marshal
	kind   shapeKind
	fields map[string]*shape // kindStruct: attribute name → field
	elem   *shape            // kindMap, kindList: element
}

type shapeKind int

const (
	kindAny    shapeKind = iota // interface{}, or a type with its own marshaller: anything goes
	kindStruct                  // M with known attributes
	kindMap                     // M with any attribute names
	kindList                    // L
	kindSet                     // SS, NS or BS
	kindNumber                  // N
	kindString                  // S
	kindBinary                  // B
	kindBool                    // BOOL
)

var (
	avMarshalerType = reflect.TypeFor[attributevalue.Marshaler]()
	timeType        = reflect.TypeFor[time.Time]()
	avType          = reflect.TypeFor[types.AttributeValue]()
)

// shapeOf describes t as attributevalue marshals it with its default
// options ("dynamodbav" tags, encoding/json's rules for embedded structs).
func shapeOf(t reflect.Type) *shape {
	return buildShape(t, nil, map[reflect.Type]*shape{})
}

func buildShape(t reflect.Type, tag *fieldTag, seen map[reflect.Type]*shape) *shape {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	s := &shape{goType: t}
	switch {
	case tag != nil && tag.set:
		s.kind = kindSet
		return s
	case tag != nil && tag.unixTime && t == timeType:
		s.kind = kindNumber
		return s
	case t == timeType:
		s.kind = kindString
		return s
	case t.Implements(avMarshalerType) || reflect.PointerTo(t).Implements(avMarshalerType) || t.Implements(avType):
		s.kind = kindAny
		return s
	}
	switch t.Kind() {
	case reflect.Interface:
		s.kind = kindAny
	case reflect.Bool:
		s.kind = kindBool
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		s.kind = kindNumber
		if tag != nil && tag.asString {
			s.kind = kindString
		}
	case reflect.String:
		s.kind = kindString
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			s.kind = kindBinary
			return s
		}
		s.kind = kindList
		s.elem = buildShape(t.Elem(), nil, seen)
	case reflect.Map:
		if t.Elem().Kind() == reflect.Bool && t.Key().Kind() == reflect.String && tag != nil && tag.set {
			s.kind = kindSet
			return s
		}
		s.kind = kindMap
		s.elem = buildShape(t.Elem(), nil, seen)
	case reflect.Struct:
		if done, ok := seen[t]; ok {
			return done // recursive types share their shape
		}
		seen[t] = s
		s.kind = kindStruct
		s.fields = map[string]*shape{}
		for _, f := range structFields(t) {
			fs := buildShape(f.typ, &f.tag, seen)
			if f.tag.options != "" && fs.kind != kindStruct {
				fs = &shape{goType: fs.goType, tag: f.tag.options, kind: fs.kind, fields: fs.fields, elem: fs.elem}
			}
			s.fields[f.name] = fs
		}
	default:
		s.kind = kindAny
	}
	return s
}

// fieldTag is the part of a dynamodbav tag that changes a field's shape.
type fieldTag struct {
	name              string
	ignore            bool
	asString, set     bool
	unixTime, tagName bool
	options           string // ",opt1,opt2" as written
}

func parseFieldTag(sf reflect.StructField) fieldTag {
	var ft fieldTag
	tag, ok := sf.Tag.Lookup("dynamodbav")
	if !ok || tag == "" {
		return ft
	}
	parts := strings.Split(tag, ",")
	if parts[0] == "-" {
		ft.ignore = true
		return ft
	}
	ft.name, ft.tagName = parts[0], parts[0] != ""
	if len(parts) > 1 {
		ft.options = "," + strings.Join(parts[1:], ",")
	}
	for _, opt := range parts[1:] {
		switch opt {
		case "string":
			ft.asString = true
		case "stringset", "numberset", "binaryset":
			ft.set = true
		case "unixtime":
			ft.unixTime = true
		}
	}
	return ft
}

type structField struct {
	name  string
	typ   reflect.Type
	tag   fieldTag
	depth int
	index []int // reflect field index path from the outer struct
}

// structFields lists t's attributes as attributevalue sees them: exported
// fields by tag name or field name; untagged embedded structs promote their
// fields; of fields with one name, the shallowest wins, then a tagged one,
// and a tie hides both (encoding/json's rules, which attributevalue follows).
func structFields(t reflect.Type) []structField {
	type level struct {
		typ   reflect.Type
		depth int
		index []int
	}
	var all []structField
	visited := map[reflect.Type]bool{}
	next := []level{{t, 0, nil}}
	for len(next) > 0 {
		cur := next
		next = nil
		for _, l := range cur {
			if visited[l.typ] {
				continue
			}
			visited[l.typ] = true
			for i := 0; i < l.typ.NumField(); i++ {
				sf := l.typ.Field(i)
				if !sf.IsExported() && !sf.Anonymous {
					continue
				}
				tag := parseFieldTag(sf)
				if tag.ignore {
					continue
				}
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				index := append(append([]int(nil), l.index...), i)
				if sf.Anonymous && !tag.tagName && ft.Kind() == reflect.Struct {
					next = append(next, level{ft, l.depth + 1, index})
					continue
				}
				if !sf.IsExported() {
					continue
				}
				name := tag.name
				if name == "" {
					name = sf.Name
				}
				all = append(all, structField{name: name, typ: sf.Type, tag: tag, depth: l.depth, index: index})
			}
		}
	}
	byName := map[string][]structField{}
	var order []string
	for _, f := range all {
		if _, ok := byName[f.name]; !ok {
			order = append(order, f.name)
		}
		byName[f.name] = append(byName[f.name], f)
	}
	var out []structField
	for _, name := range order {
		if f, ok := dominant(byName[name]); ok {
			out = append(out, f)
		}
	}
	return out
}

func dominant(fs []structField) (structField, bool) {
	best := fs[0]
	tie := false
	for _, f := range fs[1:] {
		switch {
		case f.depth < best.depth, f.depth == best.depth && f.tag.tagName && !best.tag.tagName:
			best, tie = f, false
		case f.depth == best.depth && f.tag.tagName == best.tag.tagName:
			tie = true
		}
	}
	return best, !tie
}

// pathStep is one step of a document path: an attribute name or a list
// index.
type pathStep struct {
	name  string
	index int // -1 for a name
}

// parsePath splits a document path in DynamoDB's notation, "a.b[2].c",
// into steps. Names are taken literally (no placeholders, no quoting).
func parsePath(p string) ([]pathStep, error) {
	if p == "" {
		return nil, fmt.Errorf("empty path")
	}
	var steps []pathStep
	for _, part := range strings.Split(p, ".") {
		name, rest, bracket := strings.Cut(part, "[")
		if name == "" {
			return nil, fmt.Errorf("path %q: empty attribute name", p)
		}
		if bracket && rest == "" {
			return nil, fmt.Errorf("path %q: unclosed [", p)
		}
		steps = append(steps, pathStep{name: name, index: -1})
		for rest != "" {
			num, after, ok := strings.Cut(rest, "]")
			if !ok {
				return nil, fmt.Errorf("path %q: unclosed [", p)
			}
			i, err := strconv.Atoi(num)
			if err != nil || i < 0 || num != strconv.Itoa(i) {
				return nil, fmt.Errorf("path %q: bad list index [%s]", p, num)
			}
			steps = append(steps, pathStep{index: i})
			if after == "" {
				break
			}
			if after[0] != '[' {
				return nil, fmt.Errorf("path %q: unexpected %q after ]", p, after)
			}
			if rest = after[1:]; rest == "" {
				return nil, fmt.Errorf("path %q: unclosed [", p)
			}
		}
	}
	return steps, nil
}

// resolve follows path through s and returns the shape found there.
func (s *shape) resolve(path string) (*shape, error) {
	steps, err := parsePath(path)
	if err != nil {
		return nil, err
	}
	cur := s
	for _, st := range steps {
		switch {
		case cur.kind == kindAny:
			return cur, nil // below an interface anything goes
		case st.index >= 0 && cur.kind == kindList:
			cur = cur.elem
		case st.index >= 0:
			return nil, fmt.Errorf("path %q: [%d] indexes a value that is not a list", path, st.index)
		case cur.kind == kindStruct:
			f, ok := cur.fields[st.name]
			if !ok {
				return nil, fmt.Errorf("path %q: %s has no attribute %q", path, cur.goType, st.name)
			}
			cur = f
		case cur.kind == kindMap:
			cur = cur.elem
		default:
			return nil, fmt.Errorf("path %q: .%s selects inside a value that is not a document", path, st.name)
		}
	}
	return cur, nil
}

// accepts reports whether a Go value v may be stored where s is: its type
// is the field's type (or converts to it without loss of kind), or s takes
// anything.
func (s *shape) accepts(v any) error {
	if s.kind == kindAny {
		return nil
	}
	if v == nil {
		switch s.goType.Kind() {
		case reflect.Slice, reflect.Map, reflect.Interface:
			return nil
		}
		return fmt.Errorf("nil does not fit %s", s.goType)
	}
	vt := reflect.TypeOf(v)
	for vt.Kind() == reflect.Pointer && vt != s.goType {
		vt = vt.Elem()
	}
	if vt == s.goType || vt.AssignableTo(s.goType) {
		return nil
	}
	// Untyped constants arrive as int, float64 or string: accept any value
	// of the same kind family (an int for an int64 field, a float64 for a
	// float32 one), since attributevalue writes them alike.
	if s.kind == kindNumber && isNumberKind(vt.Kind()) && isNumberKind(s.goType.Kind()) {
		return nil
	}
	if s.kind == kindString && vt.Kind() == reflect.String && s.goType.Kind() == reflect.String {
		return nil
	}
	return fmt.Errorf("a %s does not fit %s", vt, s.goType)
}

func isNumberKind(k reflect.Kind) bool {
	switch k {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

var (
	typeInt64  = reflect.TypeFor[int64]()
	typeString = reflect.TypeFor[string]()
)
