package wire

import (
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The encoder writes SDK output structures (and the extra members of modeled
// errors) as DynamoDB's JSON. Like the decoder it works from cached per-type
// plans, with attribute values on reflection-free paths (codec_attr.go).
//
// A structure member is left out when it is a nil pointer, slice, map or
// interface, or an empty enum string: that is how the SDK models "absent".
// A non-nil empty slice or map is written ([] or {}): DynamoDB sends
// "TableNames":[] and "Items":[], and the SDK decodes them as empty, not nil,
// so an engine can say which it means. Non-pointer numbers (Query's Count and
// ScannedCount) are always written, as DynamoDB always sends them.
//
// Numbers with a fraction (CapacityUnits) and timestamps (epoch seconds) are
// written as Java's Double.toString writes them, which is what DynamoDB sends
// ("CapacityUnits":1.0, "CreationDateTime":1.709219219557E9).

// encoder is the per-response encoding state, pooled for its buffers.
type encoder struct {
	buf  []byte
	keys []string // scratch stack for sorting map keys
}

var encoderPool = sync.Pool{New: func() any { return &encoder{buf: make([]byte, 0, 1024)} }}

// maxPooledBuffer keeps one huge response from pinning its buffer forever.
const maxPooledBuffer = 1 << 20

func getEncoder() *encoder {
	e := encoderPool.Get().(*encoder)
	e.buf = e.buf[:0]
	return e
}

func putEncoder(e *encoder) {
	if cap(e.buf) > maxPooledBuffer {
		return
	}
	encoderPool.Put(e)
}

type encodeFunc func(e *encoder, v reflect.Value)

type encodePlan struct {
	encode encodeFunc
	// omit reports whether a structure member holding v is left out.
	omit func(v reflect.Value) bool
}

var (
	encodePlansMu sync.Mutex
	encodePlans   sync.Map // reflect.Type -> *encodePlan
)

// encoderFor returns the cached plan for t, building it on first use.
// Plans are published only once complete, so a concurrent reader never sees
// one half built.
func encoderFor(t reflect.Type) *encodePlan {
	if p, ok := encodePlans.Load(t); ok {
		return p.(*encodePlan)
	}
	encodePlansMu.Lock()
	defer encodePlansMu.Unlock()
	building := make(map[reflect.Type]*encodePlan)
	p := buildEncodePlan(t, building)
	publishEncodePlans(building)
	return p
}

// publishEncodePlans makes finished plans visible; encodePlansMu is held.
func publishEncodePlans(building map[reflect.Type]*encodePlan) {
	for t, p := range building {
		encodePlans.Store(t, p)
	}
}

// encodeValue writes v (a pointer to an output structure, possibly nil) with
// plan, encoderFor of its type. A nil output is "{}".
func (e *encoder) encodeValue(plan *encodePlan, v reflect.Value) {
	if v.Kind() == reflect.Pointer && v.IsNil() {
		e.buf = append(e.buf, "{}"...)
		return
	}
	plan.encode(e, v)
}

func never(reflect.Value) bool    { return false }
func isNil(v reflect.Value) bool  { return v.IsNil() }
func isZero(v reflect.Value) bool { return v.IsZero() }

// buildEncodePlan must be called with encodePlansMu held. Plans are entered
// in building before their sub-plans are built so recursive types terminate.
func buildEncodePlan(t reflect.Type, building map[reflect.Type]*encodePlan) *encodePlan {
	if p, ok := encodePlans.Load(t); ok {
		return p.(*encodePlan)
	}
	if p, ok := building[t]; ok {
		return p
	}
	p := &encodePlan{omit: never}
	building[t] = p
	switch t {
	case avType:
		p.encode = func(e *encoder, v reflect.Value) {
			av, _ := v.Interface().(types.AttributeValue)
			e.attributeValue(av)
		}
		p.omit = isNil
		return p
	case avMapType:
		p.encode = func(e *encoder, v reflect.Value) {
			e.attributeMap(v.Interface().(map[string]types.AttributeValue))
		}
		p.omit = isNil
		return p
	case reflect.TypeFor[[]map[string]types.AttributeValue]():
		// Query, Scan and BatchGetItem items.
		p.encode = func(e *encoder, v reflect.Value) {
			e.buf = append(e.buf, '[')
			for i, m := range v.Interface().([]map[string]types.AttributeValue) {
				if i > 0 {
					e.buf = append(e.buf, ',')
				}
				e.attributeMapOrNull(m)
			}
			e.buf = append(e.buf, ']')
		}
		p.omit = isNil
		return p
	case timeType:
		p.encode = func(e *encoder, v reflect.Value) {
			e.time(v.Interface().(time.Time))
		}
		p.omit = isZero
		return p
	case bytesType:
		p.encode = func(e *encoder, v reflect.Value) { e.blob(v.Bytes()) }
		p.omit = isNil
		return p
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := buildEncodePlan(t.Elem(), building)
		p.encode = func(e *encoder, v reflect.Value) {
			if v.IsNil() {
				e.buf = append(e.buf, "null"...)
				return
			}
			elem.encode(e, v.Elem())
		}
		p.omit = isNil
	case reflect.String:
		p.encode = func(e *encoder, v reflect.Value) { e.string(v.String()) }
		p.omit = func(v reflect.Value) bool { return v.Len() == 0 }
	case reflect.Bool:
		p.encode = func(e *encoder, v reflect.Value) { e.bool(v.Bool()) }
		p.omit = func(v reflect.Value) bool { return !v.Bool() }
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		p.encode = func(e *encoder, v reflect.Value) { e.buf = strconv.AppendInt(e.buf, v.Int(), 10) }
	case reflect.Float32, reflect.Float64:
		p.encode = func(e *encoder, v reflect.Value) { e.buf = appendJavaDouble(e.buf, v.Float()) }
	case reflect.Slice:
		elem := buildEncodePlan(t.Elem(), building)
		p.encode = func(e *encoder, v reflect.Value) {
			e.buf = append(e.buf, '[')
			for i := 0; i < v.Len(); i++ {
				if i > 0 {
					e.buf = append(e.buf, ',')
				}
				elem.encode(e, v.Index(i))
			}
			e.buf = append(e.buf, ']')
		}
		p.omit = isNil
	case reflect.Map:
		elem := buildEncodePlan(t.Elem(), building)
		p.encode = func(e *encoder, v reflect.Value) { e.genericMap(v, elem) }
		p.omit = isNil
	case reflect.Struct:
		fields := encodeFields(t, nil, building)
		p.encode = func(e *encoder, v reflect.Value) {
			e.buf = append(e.buf, '{')
			e.fields(fields, v, true)
			e.buf = append(e.buf, '}')
		}
	case reflect.Interface:
		p.encode = func(e *encoder, v reflect.Value) { e.buf = append(e.buf, "null"...) }
		p.omit = isNil
	default:
		p.encode = func(e *encoder, v reflect.Value) { e.buf = append(e.buf, "null"...) }
		p.omit = func(reflect.Value) bool { return true }
	}
	return p
}

// encodeField is one member of a structure plan.
type encodeField struct {
	index int
	name  string // `"Name":`
	plan  *encodePlan
}

// encodeFields lists the members of structure t to write, skipping
// unexported fields, ResultMetadata (response middleware state, not a
// member) and the names in skip.
func encodeFields(t reflect.Type, skip map[string]bool, building map[reflect.Type]*encodePlan) []encodeField {
	var fields []encodeField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" || skip[f.Name] {
			continue
		}
		fields = append(fields, encodeField{
			index: i,
			name:  strconv.Quote(f.Name) + ":",
			plan:  buildEncodePlan(f.Type, building),
		})
	}
	return fields
}

// fields writes the present members of structure v, comma-separated; first
// says whether nothing precedes them in the object.
func (e *encoder) fields(fields []encodeField, v reflect.Value, first bool) {
	for i := range fields {
		f := &fields[i]
		fv := v.Field(f.index)
		if f.plan.omit(fv) {
			continue
		}
		if !first {
			e.buf = append(e.buf, ',')
		}
		first = false
		e.buf = append(e.buf, f.name...)
		f.plan.encode(e, fv)
	}
}

// genericMap writes a map with string keys in sorted key order.
func (e *encoder) genericMap(v reflect.Value, elem *encodePlan) {
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	e.buf = append(e.buf, '{')
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.string(k.String())
		e.buf = append(e.buf, ':')
		elem.encode(e, v.MapIndex(k))
	}
	e.buf = append(e.buf, '}')
}

func (e *encoder) attributeMapOrNull(m map[string]types.AttributeValue) {
	if m == nil {
		e.buf = append(e.buf, "null"...)
		return
	}
	e.attributeMap(m)
}

// time writes a timestamp as epoch seconds with millisecond precision.
func (e *encoder) time(t time.Time) {
	e.buf = appendJavaDouble(e.buf, float64(t.UnixMilli())/1e3)
}

// appendJavaDouble formats f as Java's Double.toString does: plain decimal
// with at least one fractional digit for 1e-3 <= |f| < 1e7, otherwise
// "computerized scientific notation" such as 1.709219219557E9.
func appendJavaDouble(dst []byte, f float64) []byte {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		// Not representable in JSON; DynamoDB never sends it.
		return append(dst, '0')
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	if a := math.Abs(f); a >= 1e-3 && a < 1e7 {
		start := len(dst)
		dst = strconv.AppendFloat(dst, f, 'f', -1, 64)
		if !slices.Contains(dst[start:], '.') {
			dst = append(dst, ".0"...)
		}
		return dst
	}
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], f, 'E', -1, 64) // e.g. 1.709219219557E+09, 1E+20
	if s[1] == 'E' || (s[0] == '-' && s[2] == 'E') {
		// Java always writes two significant digits at least, choosing the
		// pair closest to the value (4.9E-324, not 5.0E-324).
		s = strconv.AppendFloat(tmp[:0], f, 'E', 1, 64)
	}
	ePos := slices.Index(s, 'E')
	mant, exp := s[:ePos], s[ePos+1:]
	dst = append(dst, mant...)
	dst = append(dst, 'E')
	if exp[0] == '-' {
		dst = append(dst, '-')
	}
	exp = exp[1:]
	for len(exp) > 1 && exp[0] == '0' {
		exp = exp[1:]
	}
	return append(dst, exp...)
}

// jsonSafe marks the ASCII bytes a JSON string may hold unescaped.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// string writes s as a JSON string, escaping as Jackson does (quote,
// backslash and control characters only; "<", ">" and "&" are left alone).
// Invalid UTF-8, which a Java string cannot hold, becomes U+FFFD.
func (e *encoder) string(s string) {
	const hex = "0123456789ABCDEF"
	e.buf = append(e.buf, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			e.buf = append(e.buf, s[start:i]...)
			switch c {
			case '"', '\\':
				e.buf = append(e.buf, '\\', c)
			case '\n':
				e.buf = append(e.buf, '\\', 'n')
			case '\r':
				e.buf = append(e.buf, '\\', 'r')
			case '\t':
				e.buf = append(e.buf, '\\', 't')
			case '\b':
				e.buf = append(e.buf, '\\', 'b')
			case '\f':
				e.buf = append(e.buf, '\\', 'f')
			default:
				e.buf = append(e.buf, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			e.buf = append(e.buf, s[start:i]...)
			e.buf = append(e.buf, `\uFFFD`...)
			i++
			start = i
			continue
		}
		i += size
	}
	e.buf = append(e.buf, s[start:]...)
	e.buf = append(e.buf, '"')
}
