package wire

import (
	"bytes"
	"encoding/base64"
	"math"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The decoder turns a request body into an AWS SDK input structure. Member
// names in DynamoDB's JSON are exactly the SDK's Go field names, enums are
// string types, optional scalars are pointers and AttributeValue is a union
// interface, so one reflection-driven walk covers every operation. Each Go
// type gets a plan (a decode function closed over its sub-plans) built once
// and cached; attribute values, the bulk of most requests, bypass reflection
// entirely (codec_attr.go).

// decoder is the per-request decoding state. It is pooled for its scratch
// buffers; the chunks it allocates values from are handed over to the
// decoded request when it is released.
type decoder struct {
	scanner
	pairs []avPair // pending members of the attribute maps being decoded

	// Values are carved from small chunks rather than allocated one by one:
	// a 10-attribute item needs a handful of allocations instead of dozens.
	// Chunks are small, so a value kept alive keeps little else alive.
	strs  []byte   // bytes of short strings
	ptrs  []string // targets of *string members
	sVals []types.AttributeValueMemberS
	nVals []types.AttributeValueMemberN
}

var decoderPool = sync.Pool{New: func() any { return new(decoder) }}

const (
	// stringChunk is the most string bytes one allocation serves, and
	// chunkedStringMax the longest string served from a chunk.
	stringChunk      = 1024
	chunkedStringMax = 128
	// valueChunkMax is the most values of one type one allocation serves.
	valueChunkMax = 64
)

// str returns b as a string. Short strings are copied into a shared chunk
// and returned as views of it; the chunk is never written again where a
// string has been handed out, which is what makes the view safe.
func (d *decoder) str(b []byte) string {
	n := len(b)
	switch {
	case n == 0:
		return ""
	case n > chunkedStringMax:
		return string(b)
	}
	if cap(d.strs)-len(d.strs) < n {
		// The rest of the body bounds the string bytes still to come.
		d.strs = make([]byte, 0, min(stringChunk, n+len(d.buf)-d.i))
	}
	start := len(d.strs)
	d.strs = append(d.strs, b...)
	return unsafe.String(&d.strs[start], n)
}

// readString reads a JSON string (which must be one) as a Go string.
func (d *decoder) readString() (string, error) {
	b, err := d.stringBytes()
	if err != nil {
		return "", err
	}
	return d.str(b), nil
}

// alloc returns a pointer to a new zero T from the chunk in *chunk, starting
// a new chunk, twice the size of the last, when it is full.
func alloc[T any](chunk *[]T) *T {
	if len(*chunk) == cap(*chunk) {
		*chunk = make([]T, 0, min(max(2*cap(*chunk), 4), valueChunkMax))
	}
	*chunk = (*chunk)[:len(*chunk)+1]
	return &(*chunk)[len(*chunk)-1]
}

func (d *decoder) release() {
	d.buf = nil
	clear(d.pairs[:cap(d.pairs)])
	d.pairs = d.pairs[:0]
	// The chunks now belong to the decoded values.
	d.strs, d.ptrs, d.sVals, d.nVals = nil, nil, nil, nil
	decoderPool.Put(d)
}

// decodeFunc decodes the next JSON value into v, which is settable.
// The value is never JSON null: callers consume nulls (absent members).
type decodeFunc func(d *decoder, v reflect.Value, where position) error

type decodePlan struct{ decode decodeFunc }

var (
	decodePlansMu sync.Mutex
	decodePlans   sync.Map // reflect.Type -> *decodePlan
)

// decoderFor returns the cached plan for t, building it on first use.
// Plans are published only once complete, so a concurrent reader never sees
// one half built.
func decoderFor(t reflect.Type) *decodePlan {
	if p, ok := decodePlans.Load(t); ok {
		return p.(*decodePlan)
	}
	decodePlansMu.Lock()
	defer decodePlansMu.Unlock()
	building := make(map[reflect.Type]*decodePlan)
	p := buildDecodePlan(t, building)
	for bt, bp := range building {
		decodePlans.Store(bt, bp)
	}
	return p
}

// decodeBody decodes a request body into the structure in points to, using
// plan (decoderFor of that structure type). A body that is not valid JSON is
// the bare SerializationException; a member of the wrong JSON type is a
// SerializationException with DynamoDB's message. JSON null anywhere means
// "absent", and unknown members are ignored, as DynamoDB does.
func decodeBody(body []byte, plan *decodePlan, in reflect.Value) error {
	d := decoderPool.Get().(*decoder)
	d.scanner = scanner{buf: body, scratch: d.scratch}
	err := d.value(plan, in, asMember)
	if err == nil {
		d.skipWS()
		if d.i != len(d.buf) {
			err = errSyntax
		}
	}
	// A type error found before a syntax error later in the body loses to
	// it: DynamoDB parses the whole body first. The decoder checks syntax as
	// strictly as validJSON, so a body it decoded needs no second pass.
	if err != nil && err != errSyntax && !validJSON(body) {
		err = errSyntax
	}
	d.release()
	return err
}

// value decodes the next value with plan; null sets the zero value (a
// member given twice, the second time as null, ends up absent, as in Jackson).
func (d *decoder) value(plan *decodePlan, v reflect.Value, where position) error {
	if d.peek() == tokNull {
		v.SetZero()
		return d.literal("null")
	}
	return plan.decode(d, v, where)
}

// buildDecodePlan must be called with decodePlansMu held. Plans are entered
// in building before their sub-plans are built so recursive types terminate.
func buildDecodePlan(t reflect.Type, building map[reflect.Type]*decodePlan) *decodePlan {
	if p, ok := decodePlans.Load(t); ok {
		return p.(*decodePlan)
	}
	if p, ok := building[t]; ok {
		return p
	}
	p := &decodePlan{}
	building[t] = p
	switch {
	case t == avType:
		p.decode = decodeAttributeValueField
		return p
	case t == avMapType:
		p.decode = decodeAttributeMapField
		return p
	case t == timeType:
		p.decode = decodeTime
		return p
	case t == bytesType:
		p.decode = decodeBlob
		return p
	}
	switch t.Kind() {
	case reflect.Pointer:
		if t.Elem() == stringType {
			p.decode = decodeStringPointer
			return p
		}
		elem := buildDecodePlan(t.Elem(), building)
		p.decode = func(d *decoder, v reflect.Value, where position) error {
			nv := reflect.New(t.Elem())
			if err := elem.decode(d, nv.Elem(), where); err != nil {
				return err
			}
			v.Set(nv)
			return nil
		}
	case reflect.String:
		p.decode = decodeString
	case reflect.Bool:
		p.decode = decodeBool
	case reflect.Int32:
		p.decode = decodeIntFunc(32, shortJavaName(t))
	case reflect.Int64:
		p.decode = decodeIntFunc(64, shortJavaName(t))
	case reflect.Float32, reflect.Float64:
		p.decode = decodeFloatFunc(shortJavaName(t))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.String {
			p.decode = decodeStringList
		} else {
			p.decode = decodeListFunc(buildDecodePlan(t.Elem(), building))
		}
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			p.decode = skipDecode
		} else {
			p.decode = decodeMapFunc(t, buildDecodePlan(t.Elem(), building))
		}
	case reflect.Struct:
		p.decode = decodeStructFunc(t, building)
	default:
		// No DynamoDB shape maps to other kinds; ignore such members.
		p.decode = skipDecode
	}
	return p
}

func skipDecode(d *decoder, _ reflect.Value, _ position) error { return d.skipValue() }

// structField is one settable member of a structure plan.
type structField struct {
	index int
	plan  *decodePlan
}

func decodeStructFunc(t reflect.Type, building map[reflect.Type]*decodePlan) decodeFunc {
	fields := make(map[string]structField, t.NumField())
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Name == "ResultMetadata" {
			continue
		}
		fields[f.Name] = structField{index: i, plan: buildDecodePlan(f.Type, building)}
	}
	return func(d *decoder, v reflect.Value, where position) error {
		switch tok := d.peek(); tok {
		case tokObject:
		case tokArray:
			return unrecognizedClass(t)
		case tokString, tokNumber, tokTrue, tokFalse:
			if where == asMember {
				return typeError(msgUnexpectedField)
			}
			return typeError(msgUnexpectedValue)
		default:
			return errSyntax
		}
		more, err := d.enterObject()
		for err == nil && more {
			var key []byte
			if key, err = d.objectKey(); err != nil {
				return err
			}
			// The map index with string(key) does not allocate.
			if f, ok := fields[string(key)]; ok {
				err = d.value(f.plan, v.Field(f.index), asMember)
			} else {
				err = d.skipValue()
			}
			if err != nil {
				return err
			}
			more, err = d.nextMember()
		}
		return err
	}
}

// listShapeError is the answer for a non-array where a list was expected.
func listShapeError(tok token, where position) error {
	switch tok {
	case tokObject:
		return typeError(msgStartOfStructure)
	case tokString, tokNumber, tokTrue, tokFalse:
		if where == asMember {
			return typeError(msgUnexpectedField)
		}
		return typeError(msgParameterizedCast)
	}
	return errSyntax
}

func decodeListFunc(elem *decodePlan) decodeFunc {
	return func(d *decoder, v reflect.Value, where position) error {
		if tok := d.peek(); tok != tokArray {
			return listShapeError(tok, where)
		}
		more, err := d.enterArray()
		// Non-nil even when empty: an empty list is not an absent one.
		s := reflect.New(v.Type()).Elem()
		s.Set(reflect.MakeSlice(v.Type(), 0, 1))
		for err == nil && more {
			n := s.Len()
			s.Grow(1)
			s.SetLen(n + 1)
			if err = d.value(elem, s.Index(n), asElement); err != nil {
				return err
			}
			more, err = d.nextElement()
		}
		if err != nil {
			return err
		}
		v.Set(s)
		return nil
	}
}

// decodeStringList is the common []string (AttributesToGet, SS, NS, ...).
func decodeStringList(d *decoder, v reflect.Value, where position) error {
	ss, err := d.stringList(where)
	if err != nil {
		return err
	}
	if v.Type() == stringsType && v.CanAddr() {
		// Saves boxing the slice header in an interface.
		*(*[]string)(v.Addr().UnsafePointer()) = ss
		return nil
	}
	v.Set(reflect.ValueOf(ss).Convert(v.Type()))
	return nil
}

func (d *decoder) stringList(where position) ([]string, error) {
	if tok := d.peek(); tok != tokArray {
		return nil, listShapeError(tok, where)
	}
	more, err := d.enterArray()
	ss := make([]string, 0, 4)
	for err == nil && more {
		var s string
		if d.peek() == tokNull {
			err = d.literal("null")
		} else {
			s, err = d.string()
		}
		if err != nil {
			return nil, err
		}
		ss = append(ss, s)
		more, err = d.nextElement()
	}
	return ss, err
}

func decodeMapFunc(t reflect.Type, elem *decodePlan) decodeFunc {
	arrayMsg := "Unrecognized collection type " + javaName(t)
	return func(d *decoder, v reflect.Value, where position) error {
		switch tok := d.peek(); tok {
		case tokObject:
		case tokArray:
			return typeError(arrayMsg)
		case tokString, tokNumber, tokTrue, tokFalse:
			if where == asMember {
				return typeError(msgUnexpectedField)
			}
			return typeError(msgParameterizedCast)
		default:
			return errSyntax
		}
		more, err := d.enterObject()
		m := reflect.MakeMap(t)
		ev := reflect.New(t.Elem()).Elem()
		for err == nil && more {
			var key string
			if key, err = d.readString(); err != nil {
				return err
			}
			if err = d.consume(':'); err != nil {
				return err
			}
			ev.SetZero()
			if err = d.value(elem, ev, asElement); err != nil {
				return err
			}
			m.SetMapIndex(reflect.ValueOf(key), ev)
			more, err = d.nextMember()
		}
		if err != nil {
			return err
		}
		v.Set(m)
		return nil
	}
}

// string reads a value DynamoDB models as java.lang.String.
func (d *decoder) string() (string, error) {
	switch tok := d.peek(); tok {
	case tokString:
		return d.readString()
	default:
		return "", d.wrongScalar(tok, "java.lang.String", "String")
	}
}

// wrongScalar consumes a JSON value of the wrong kind where a Java scalar of
// class javaClass (simple name name) is expected, and returns DynamoDB's
// error for it.
func (d *decoder) wrongScalar(tok token, javaClass, name string) error {
	switch tok {
	case tokString:
		if _, err := d.stringBytes(); err != nil {
			return err
		}
		return cannotConvert(tok, false, name)
	case tokNumber:
		_, decimal, err := d.number()
		if err != nil {
			return err
		}
		return cannotConvert(tok, decimal, name)
	case tokTrue, tokFalse:
		return cannotConvert(tok, false, name)
	case tokArray:
		return typeError("Unrecognized collection type class " + javaClass)
	case tokObject:
		return typeError(msgStartOfStructure)
	}
	return errSyntax
}

// decodeStringPointer is the *string of most optional members.
func decodeStringPointer(d *decoder, v reflect.Value, _ position) error {
	s, err := d.string()
	if err != nil {
		return err
	}
	p := alloc(&d.ptrs)
	*p = s
	v.Set(reflect.ValueOf(p))
	return nil
}

func decodeString(d *decoder, v reflect.Value, _ position) error {
	s, err := d.string()
	if err != nil {
		return err
	}
	v.SetString(s)
	return nil
}

// bool reads a java.lang.Boolean. DynamoDB's deserializer also accepts the
// strings true/false, 1/0 and yes/no in any case.
func (d *decoder) bool() (bool, error) {
	switch tok := d.peek(); tok {
	case tokTrue:
		return true, d.literal("true")
	case tokFalse:
		return false, d.literal("false")
	case tokString:
		b, err := d.stringBytes()
		if err != nil {
			return false, err
		}
		switch {
		case equalFoldASCII(b, "true"), string(b) == "1", equalFoldASCII(b, "yes"):
			return true, nil
		case equalFoldASCII(b, "false"), string(b) == "0", equalFoldASCII(b, "no"):
			return false, nil
		}
		return false, typeError(msgUnexpectedToken)
	default:
		return false, d.wrongScalar(tok, "java.lang.Boolean", "Boolean")
	}
}

func decodeBool(d *decoder, v reflect.Value, _ position) error {
	b, err := d.bool()
	if err != nil {
		return err
	}
	v.SetBool(b)
	return nil
}

func equalFoldASCII(b []byte, lower string) bool {
	if len(b) != len(lower) {
		return false
	}
	for i, c := range b {
		if c|0x20 != lower[i] {
			return false
		}
	}
	return true
}

// decodeIntFunc reads a java.lang.Integer (bits 32) or java.lang.Long.
func decodeIntFunc(bits int, name string) decodeFunc {
	return func(d *decoder, v reflect.Value, _ position) error {
		switch tok := d.peek(); tok {
		case tokNumber:
			lit, decimal, err := d.number()
			if err != nil {
				return err
			}
			n, ok := parseInt(lit, decimal, bits)
			if !ok {
				return outOfRange(lit, bits)
			}
			v.SetInt(n)
			return nil
		default:
			return d.wrongScalar(tok, "java.lang."+name, name)
		}
	}
}

func decodeFloatFunc(name string) decodeFunc {
	return func(d *decoder, v reflect.Value, _ position) error {
		switch tok := d.peek(); tok {
		case tokNumber:
			lit, _, err := d.number()
			if err != nil {
				return err
			}
			// Out-of-range literals become ±Inf, as Jackson's doubles do.
			f, _ := strconv.ParseFloat(string(lit), 64)
			v.SetFloat(f)
			return nil
		default:
			return d.wrongScalar(tok, "java.lang."+name, name)
		}
	}
}

// decodeTime reads a timestamp: epoch seconds, possibly fractional, which is
// how the JSON 1.0 protocol carries them.
func decodeTime(d *decoder, v reflect.Value, _ position) error {
	switch tok := d.peek(); tok {
	case tokNumber:
		lit, _, err := d.number()
		if err != nil {
			return err
		}
		f, err := strconv.ParseFloat(string(lit), 64)
		if err != nil || math.IsInf(f, 0) || math.Abs(f) > 1e15 {
			return outOfRange(lit, 64)
		}
		sec, frac := math.Modf(f)
		v.Set(reflect.ValueOf(time.Unix(int64(sec), int64(math.Round(frac*1e3))*1e6).UTC()))
		return nil
	default:
		return d.wrongScalar(tok, "java.util.Date", "Date")
	}
}

// blob reads a java.nio.ByteBuffer: a base64 string, checked as strictly as
// DynamoDB checks it (length a multiple of 4, canonical padding bits).
func (d *decoder) blob() ([]byte, error) {
	switch tok := d.peek(); tok {
	case tokString:
	case tokNumber:
		if _, _, err := d.number(); err != nil {
			return nil, err
		}
		return nil, typeError(msgNotBase64)
	case tokTrue, tokFalse:
		return nil, typeError(msgNotBase64)
	case tokArray:
		return nil, typeError("Unrecognized collection type class java.nio.ByteBuffer")
	case tokObject:
		return nil, typeError(msgStartOfStructure)
	default:
		return nil, errSyntax
	}
	src, err := d.stringBytes()
	if err != nil {
		return nil, err
	}
	// Go's decoder skips CR and LF; DynamoDB's does not.
	if len(src)%4 != 0 || bytes.ContainsAny(src, "\r\n") {
		return nil, base64Error(src)
	}
	out := make([]byte, base64.StdEncoding.DecodedLen(len(src)))
	n, err := base64.StdEncoding.Strict().Decode(out, src)
	if err != nil {
		return nil, base64Error(src)
	}
	return out[:n], nil
}

// base64Error is DynamoDB's message for an invalid base64 string: its length
// (in Java characters) is checked first, then its characters.
func base64Error(src []byte) error {
	if n := javaLength(src); n%4 != 0 {
		return typeError(msgBadLength + strconv.Itoa(n))
	}
	return typeError(msgBadBase64)
}

// javaLength is the length of s as a Java String (UTF-16 code units), which
// is what DynamoDB reports in its base64 length message.
func javaLength(s []byte) int {
	n := 0
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		n += utf16.RuneLen(r)
		if r == utf8.RuneError {
			n++ // RuneLen reports -1 for an invalid rune
		}
	}
	return n
}

func decodeBlob(d *decoder, v reflect.Value, _ position) error {
	b, err := d.blob()
	if err != nil {
		return err
	}
	v.SetBytes(b)
	return nil
}

// decodeAttributeValueField decodes an AttributeValue held in an interface
// (AttributeValueUpdate.Value, a list element of Condition.AttributeValueList).
func decodeAttributeValueField(d *decoder, v reflect.Value, where position) error {
	av, err := d.attributeValue(where)
	if err != nil || av == nil {
		return err
	}
	if v.CanAddr() {
		*(*types.AttributeValue)(v.Addr().UnsafePointer()) = av
		return nil
	}
	v.Set(reflect.ValueOf(&av).Elem())
	return nil
}

// decodeAttributeMapField decodes a map[string]types.AttributeValue (Item,
// Key, ExpressionAttributeValues, ExclusiveStartKey, ...).
func decodeAttributeMapField(d *decoder, v reflect.Value, where position) error {
	m, err := d.attributeMap(where)
	if err != nil {
		return err
	}
	v.Set(reflect.ValueOf(m))
	return nil
}
