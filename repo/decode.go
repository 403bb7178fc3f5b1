package repo

import (
	"reflect"
	"strconv"
	"sync"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// decodeFunc stores av into v (settable), exactly as attributevalue's
// default Decoder would.
type decodeFunc func(av types.AttributeValue, v reflect.Value) error

// Reading an item into T is most of what a repository Get costs beyond the
// GetItem itself, and attributevalue's general decoder spends it on
// per-value interface checks and field searches. decoderFor compiles a
// decoder for the common shapes (strings, numbers, bools, lists, sets of
// strings, maps, structs, pointers) and hands everything else, and every
// value it does not expect (a type mismatch, an unparsable number), to
// attributevalue.Unmarshal, so results and errors stay attributevalue's.
// FuzzDecoderMatchesAttributevalue holds it to that.
var decoders sync.Map // reflect.Type → decodeFunc

var unmarshalerType = reflect.TypeFor[attributevalue.Unmarshaler]()

func decoderFor(t reflect.Type) decodeFunc {
	if d, ok := decoders.Load(t); ok {
		return d.(decodeFunc)
	}
	// Recursive types: publish an indirection before building.
	var built decodeFunc
	var once sync.WaitGroup
	once.Add(1)
	d, loaded := decoders.LoadOrStore(t, decodeFunc(func(av types.AttributeValue, v reflect.Value) error {
		once.Wait()
		return built(av, v)
	}))
	if loaded {
		return d.(decodeFunc)
	}
	built = buildDecoder(t)
	once.Done()
	decoders.Store(t, built)
	return built
}

// fallback is attributevalue's own decoding of one value.
func fallback(av types.AttributeValue, v reflect.Value) error {
	return attributevalue.Unmarshal(av, v.Addr().Interface())
}

func buildDecoder(t reflect.Type) decodeFunc {
	if t.Implements(unmarshalerType) || reflect.PointerTo(t).Implements(unmarshalerType) || t == timeType {
		return fallback
	}
	switch t.Kind() {
	case reflect.String:
		return func(av types.AttributeValue, v reflect.Value) error {
			if s, ok := av.(*types.AttributeValueMemberS); ok {
				v.SetString(s.Value)
				return nil
			}
			return fallback(av, v)
		}
	case reflect.Bool:
		return func(av types.AttributeValue, v reflect.Value) error {
			if b, ok := av.(*types.AttributeValueMemberBOOL); ok {
				v.SetBool(b.Value)
				return nil
			}
			return fallback(av, v)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(av types.AttributeValue, v reflect.Value) error {
			if n, ok := av.(*types.AttributeValueMemberN); ok {
				if i, err := strconv.ParseInt(n.Value, 10, 64); err == nil && !v.OverflowInt(i) {
					v.SetInt(i)
					return nil
				}
			}
			return fallback(av, v)
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(av types.AttributeValue, v reflect.Value) error {
			if n, ok := av.(*types.AttributeValueMemberN); ok {
				if i, err := strconv.ParseUint(n.Value, 10, 64); err == nil && !v.OverflowUint(i) {
					v.SetUint(i)
					return nil
				}
			}
			return fallback(av, v)
		}
	case reflect.Float32, reflect.Float64:
		return func(av types.AttributeValue, v reflect.Value) error {
			if n, ok := av.(*types.AttributeValueMemberN); ok {
				if f, err := strconv.ParseFloat(n.Value, 64); err == nil && !v.OverflowFloat(f) {
					v.SetFloat(f)
					return nil
				}
			}
			return fallback(av, v)
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return fallback
		}
		return sliceDecoder(t)
	case reflect.Map:
		if t.Key() != typeString {
			return fallback
		}
		return mapDecoder(t)
	case reflect.Struct:
		return structDecoder(t)
	case reflect.Pointer:
		elem := decoderFor(t.Elem())
		return func(av types.AttributeValue, v reflect.Value) error {
			if _, null := av.(*types.AttributeValueMemberNULL); null {
				v.SetZero()
				return nil
			}
			if v.IsNil() {
				v.Set(reflect.New(t.Elem()))
			}
			return elem(av, v.Elem())
		}
	}
	return fallback
}

func sliceDecoder(t reflect.Type) decodeFunc {
	elem := decoderFor(t.Elem())
	plainStrings := t.Elem() == typeString
	empty := reflect.MakeSlice(t, 0, 0)
	return func(av types.AttributeValue, v reflect.Value) error {
		switch l := av.(type) {
		case *types.AttributeValueMemberL:
			if len(l.Value) == 0 {
				v.Set(empty) // attributevalue gives an empty list a non-nil slice
				return nil
			}
			// Grow on the nil field allocates the backing array only.
			v.SetZero()
			v.Grow(len(l.Value))
			v.SetLen(len(l.Value))
			for i, e := range l.Value {
				if err := elem(e, v.Index(i)); err != nil {
					v.SetZero()
					return fallback(av, v)
				}
			}
			return nil
		case *types.AttributeValueMemberSS:
			if plainStrings && len(l.Value) > 0 {
				v.SetZero()
				v.Grow(len(l.Value))
				v.SetLen(len(l.Value))
				for i, s := range l.Value {
					v.Index(i).SetString(s)
				}
				return nil
			}
		}
		return fallback(av, v)
	}
}

func mapDecoder(t reflect.Type) decodeFunc {
	elem := decoderFor(t.Elem())
	return func(av types.AttributeValue, v reflect.Value) error {
		m, ok := av.(*types.AttributeValueMemberM)
		if !ok {
			return fallback(av, v)
		}
		out := reflect.MakeMapWithSize(t, len(m.Value))
		for k, e := range m.Value {
			ev := reflect.New(t.Elem()).Elem()
			if err := elem(e, ev); err != nil {
				return fallback(av, v)
			}
			out.SetMapIndex(reflect.ValueOf(k).Convert(t.Key()), ev)
		}
		v.Set(out)
		return nil
	}
}

// fieldDecoder decodes one struct field, found by its index path.
type fieldDecoder struct {
	index  []int
	decode decodeFunc
}

// structPlan maps a struct's attribute names to their field decoders; ok
// is false when a field's tag changes how it decodes (",string",
// ",unixtime"), which leaves the struct to attributevalue.
func structPlan(t reflect.Type) (fields map[string]fieldDecoder, ok bool) {
	fields = map[string]fieldDecoder{}
	for _, f := range structFields(t) {
		if f.tag.asString || f.tag.unixTime {
			return nil, false
		}
		fields[f.name] = fieldDecoder{f.index, decoderFor(f.typ)}
	}
	return fields, true
}

// decodeFields decodes the attributes of m into the struct v, skipping the
// names in skip. handled is false when an attribute names no field
// exactly (attributevalue then tries a case-insensitive match), and
// nothing should be made of v.
func decodeFields(fields map[string]fieldDecoder, m map[string]types.AttributeValue, skip map[string]bool, v reflect.Value) (handled bool, err error) {
	for name, e := range m {
		if skip[name] {
			continue
		}
		f, ok := fields[name]
		if !ok {
			return false, nil
		}
		fv, ok := fieldByIndex(v, f.index)
		if !ok {
			return false, nil
		}
		if err := f.decode(e, fv); err != nil {
			return true, err
		}
	}
	return true, nil
}

// structDecoder decodes documents into a struct field by field.
func structDecoder(t reflect.Type) decodeFunc {
	fields, ok := structPlan(t)
	if !ok {
		return fallback
	}
	return func(av types.AttributeValue, v reflect.Value) error {
		m, ok := av.(*types.AttributeValueMemberM)
		if !ok {
			return fallback(av, v)
		}
		if handled, err := decodeFields(fields, m.Value, nil, v); handled {
			return err
		}
		v.SetZero()
		return fallback(av, v)
	}
}

// fieldByIndex is v.FieldByIndex, allocating nil embedded pointers on the
// way; ok is false when one is unexported and cannot be allocated.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				if !v.CanSet() {
					return v, false
				}
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v, true
}

// itemDecoder decodes a stored item's attributes into a T, leaving out
// the repository's own attributes (skip).
type itemDecoder[T any] struct {
	fields map[string]fieldDecoder
	fast   bool
	skip   map[string]bool
}

func newItemDecoder[T any](skip map[string]bool) *itemDecoder[T] {
	fields, ok := structPlan(reflect.TypeFor[T]())
	return &itemDecoder[T]{fields: fields, fast: ok, skip: skip}
}

func (d *itemDecoder[T]) decode(item map[string]types.AttributeValue, out *T) error {
	v := reflect.ValueOf(out).Elem()
	if d.fast {
		if handled, err := decodeFields(d.fields, item, d.skip, v); handled {
			return err
		}
		v.SetZero()
	}
	rest := make(map[string]types.AttributeValue, len(item))
	for name, e := range item {
		if !d.skip[name] {
			rest[name] = e
		}
	}
	return attributevalue.UnmarshalMap(rest, out)
}
