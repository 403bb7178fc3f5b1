package wire

import (
	"encoding/base64"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Attribute values are most of the bytes of most requests and responses, so
// they have hand-written, reflection-free paths in both directions.
//
// On the wire an AttributeValue is an object with exactly one member naming
// its type: {"S":"x"}, {"N":"1"}, {"B":"base64"}, {"SS":[...]}, {"NS":[...]},
// {"BS":[...]}, {"BOOL":true}, {"NULL":true}, {"L":[...]}, {"M":{...}}.
// Members that are JSON null, and unknown members, are ignored, as DynamoDB's
// deserializer ignores them. What is left decides the Go value:
//
//   - no member: nil. DynamoDB answers such a value with a ValidationException
//     whose wording depends on where it appears ("Supplied AttributeValue is
//     empty, must contain exactly one of the supported datatypes"), so the
//     engine, which knows where, reports it.
//   - several members: a *types.UnknownUnionMember whose Tag lists them,
//     comma-separated, in the order S, N, B, BOOL, NULL, SS, NS, BS, L, M
//     ("S,N"). The SDK's union cannot hold two types at once; this is
//     the one value that reaches the engine intact, so it can answer with
//     DynamoDB's "Supplied AttributeValue has more than one datatypes set,
//     must contain exactly one of the supported datatypes" in the right place.
//
// Type errors inside a value (a number for "S", an object for "L") are
// SerializationExceptions, found here in document order as DynamoDB finds them.

// multipleMembersSeparator separates member names in the Tag of the
// *types.UnknownUnionMember that stands for an attribute value with more than
// one member.
const multipleMembersSeparator = ","

// avPair is a decoded map member waiting for its map to be sized.
type avPair struct {
	key string
	val types.AttributeValue
}

// attributeMap reads a map[string]AttributeValue. Members are collected
// first so the map is allocated once at its final size.
func (d *decoder) attributeMap(where position) (map[string]types.AttributeValue, error) {
	switch tok := d.peek(); tok {
	case tokObject:
	case tokArray:
		return nil, typeError("Unrecognized collection type " + javaName(avMapType))
	case tokString, tokNumber, tokTrue, tokFalse:
		if where == asMember {
			return nil, typeError(msgUnexpectedField)
		}
		return nil, typeError(msgParameterizedCast)
	default:
		return nil, errSyntax
	}
	start := len(d.pairs)
	defer func() {
		clear(d.pairs[start:])
		d.pairs = d.pairs[:start]
	}()
	more, err := d.enterObject()
	for err == nil && more {
		var p avPair
		if p.key, err = d.readString(); err != nil {
			return nil, err
		}
		if err = d.consume(':'); err != nil {
			return nil, err
		}
		if p.val, err = d.attributeValue(asElement); err != nil {
			return nil, err
		}
		d.pairs = append(d.pairs, p)
		more, err = d.nextMember()
	}
	if err != nil {
		return nil, err
	}
	m := make(map[string]types.AttributeValue, len(d.pairs)-start)
	for _, p := range d.pairs[start:] {
		m[p.key] = p.val
	}
	return m, nil
}

// avMemberNames are the members of an AttributeValue, in the order
// attributeValue indexes them.
var avMemberNames = [...]string{"S", "N", "B", "BOOL", "NULL", "SS", "NS", "BS", "L", "M"}

// avMember returns the index of member name in avMemberNames, or -1.
func avMember(name []byte) int {
	// string(name) in a switch does not allocate.
	switch string(name) {
	case "S":
		return 0
	case "N":
		return 1
	case "B":
		return 2
	case "BOOL":
		return 3
	case "NULL":
		return 4
	case "SS":
		return 5
	case "NS":
		return 6
	case "BS":
		return 7
	case "L":
		return 8
	case "M":
		return 9
	}
	return -1
}

// attributeValue reads one AttributeValue; JSON null is nil.
func (d *decoder) attributeValue(where position) (types.AttributeValue, error) {
	switch tok := d.peek(); tok {
	case tokObject:
	case tokNull:
		return nil, d.literal("null")
	case tokArray:
		return nil, unrecognizedClass(avType)
	case tokString, tokNumber, tokTrue, tokFalse:
		if where == asMember {
			return nil, typeError(msgUnexpectedField)
		}
		return nil, typeError(msgUnexpectedValue)
	default:
		return nil, errSyntax
	}
	// members[i] is the value of member avMemberNames[i]. A repeated member
	// counts once and the last occurrence wins, null included, as in Jackson.
	var members [len(avMemberNames)]types.AttributeValue
	more, err := d.enterObject()
	for err == nil && more {
		var key []byte
		if key, err = d.objectKey(); err != nil {
			return nil, err
		}
		i := avMember(key)
		switch {
		case i < 0:
			err = d.skipValue()
		case d.peek() == tokNull:
			members[i], err = nil, d.literal("null")
		default:
			members[i], err = d.attributeMember(i)
		}
		if err != nil {
			return nil, err
		}
		more, err = d.nextMember()
	}
	if err != nil {
		return nil, err
	}
	var (
		found types.AttributeValue
		n     int
	)
	for _, m := range members {
		if m != nil {
			found = m
			n++
		}
	}
	if n > 1 {
		var tags []string
		for i, m := range members {
			if m != nil {
				tags = append(tags, avMemberNames[i])
			}
		}
		return &types.UnknownUnionMember{Tag: strings.Join(tags, multipleMembersSeparator)}, nil
	}
	return found, nil
}

// attributeMember reads the value of member avMemberNames[i].
func (d *decoder) attributeMember(i int) (types.AttributeValue, error) {
	switch i {
	case 0:
		s, err := d.string()
		if err != nil {
			return nil, err
		}
		v := alloc(&d.sVals)
		v.Value = s
		return v, nil
	case 1:
		s, err := d.string()
		if err != nil {
			return nil, err
		}
		v := alloc(&d.nVals)
		v.Value = s
		return v, nil
	case 2:
		b, err := d.blob()
		return &types.AttributeValueMemberB{Value: b}, err
	case 3:
		b, err := d.bool()
		return &types.AttributeValueMemberBOOL{Value: b}, err
	case 4:
		b, err := d.bool()
		return &types.AttributeValueMemberNULL{Value: b}, err
	case 5:
		ss, err := d.stringList(asMember)
		return &types.AttributeValueMemberSS{Value: ss}, err
	case 6:
		ss, err := d.stringList(asMember)
		return &types.AttributeValueMemberNS{Value: ss}, err
	case 7:
		bs, err := d.blobList()
		return &types.AttributeValueMemberBS{Value: bs}, err
	case 8:
		l, err := d.attributeList()
		return &types.AttributeValueMemberL{Value: l}, err
	default:
		m, err := d.attributeMap(asMember)
		return &types.AttributeValueMemberM{Value: m}, err
	}
}

// attributeList reads the elements of an "L".
func (d *decoder) attributeList() ([]types.AttributeValue, error) {
	if tok := d.peek(); tok != tokArray {
		return nil, listShapeError(tok, asMember)
	}
	more, err := d.enterArray()
	l := make([]types.AttributeValue, 0, 4)
	for err == nil && more {
		var av types.AttributeValue
		if av, err = d.attributeValue(asElement); err != nil {
			return nil, err
		}
		l = append(l, av)
		more, err = d.nextElement()
	}
	return l, err
}

// blobList reads the elements of a "BS".
func (d *decoder) blobList() ([][]byte, error) {
	if tok := d.peek(); tok != tokArray {
		return nil, listShapeError(tok, asMember)
	}
	more, err := d.enterArray()
	bs := make([][]byte, 0, 4)
	for err == nil && more {
		var b []byte
		if d.peek() == tokNull {
			err = d.literal("null")
		} else {
			b, err = d.blob()
		}
		if err != nil {
			return nil, err
		}
		bs = append(bs, b)
		more, err = d.nextElement()
	}
	return bs, err
}

// attributeValue writes one AttributeValue. Values the SDK cannot send
// (nil, an unknown union member) are written as null.
func (e *encoder) attributeValue(av types.AttributeValue) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		e.buf = append(e.buf, `{"S":`...)
		e.string(v.Value)
	case *types.AttributeValueMemberN:
		e.buf = append(e.buf, `{"N":`...)
		e.string(v.Value)
	case *types.AttributeValueMemberB:
		e.buf = append(e.buf, `{"B":`...)
		e.blob(v.Value)
	case *types.AttributeValueMemberBOOL:
		e.buf = append(e.buf, `{"BOOL":`...)
		e.bool(v.Value)
	case *types.AttributeValueMemberNULL:
		e.buf = append(e.buf, `{"NULL":`...)
		e.bool(v.Value)
	case *types.AttributeValueMemberSS:
		e.buf = append(e.buf, `{"SS":`...)
		e.stringList(v.Value)
	case *types.AttributeValueMemberNS:
		e.buf = append(e.buf, `{"NS":`...)
		e.stringList(v.Value)
	case *types.AttributeValueMemberBS:
		e.buf = append(e.buf, `{"BS":[`...)
		for i, b := range v.Value {
			if i > 0 {
				e.buf = append(e.buf, ',')
			}
			e.blob(b)
		}
		e.buf = append(e.buf, ']')
	case *types.AttributeValueMemberL:
		e.buf = append(e.buf, `{"L":`...)
		e.attributeList(v.Value)
	case *types.AttributeValueMemberM:
		e.buf = append(e.buf, `{"M":`...)
		e.attributeMap(v.Value)
	default:
		e.buf = append(e.buf, "null"...)
		return
	}
	e.buf = append(e.buf, '}')
}

func (e *encoder) attributeList(l []types.AttributeValue) {
	e.buf = append(e.buf, '[')
	for i, av := range l {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.attributeValue(av)
	}
	e.buf = append(e.buf, ']')
}

// smallMap is the largest attribute map sorted on the stack.
const smallMap = 16

// attributeMap writes an attribute map with its names in sorted order, so
// the same item always produces the same bytes (and the same x-amz-crc32).
// Small maps, the common case, are sorted in an array on the stack: no
// allocation, and no GC write barriers while the pairs are shuffled.
func (e *encoder) attributeMap(m map[string]types.AttributeValue) {
	if len(m) > smallMap {
		e.largeAttributeMap(m)
		return
	}
	var arr [smallMap]avPair
	n := 0
	for k, v := range m {
		arr[n] = avPair{k, v}
		n++
	}
	pairs := arr[:n]
	for i := 1; i < len(pairs); i++ {
		for j := i; j > 0 && pairs[j].key < pairs[j-1].key; j-- {
			pairs[j], pairs[j-1] = pairs[j-1], pairs[j]
		}
	}
	e.buf = append(e.buf, '{')
	for i := range pairs {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.string(pairs[i].key)
		e.buf = append(e.buf, ':')
		e.attributeValue(pairs[i].val)
	}
	e.buf = append(e.buf, '}')
}

// largeAttributeMap sorts the names in a scratch stack shared by nested maps.
func (e *encoder) largeAttributeMap(m map[string]types.AttributeValue) {
	start := len(e.keys)
	for k := range m {
		e.keys = append(e.keys, k)
	}
	keys := e.keys[start:]
	slices.Sort(keys)
	e.buf = append(e.buf, '{')
	for i, k := range keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.string(k)
		e.buf = append(e.buf, ':')
		e.attributeValue(m[k])
	}
	e.buf = append(e.buf, '}')
	clear(keys)
	e.keys = e.keys[:start]
}

func (e *encoder) stringList(ss []string) {
	e.buf = append(e.buf, '[')
	for i, s := range ss {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.string(s)
	}
	e.buf = append(e.buf, ']')
}

func (e *encoder) blob(b []byte) {
	e.buf = append(e.buf, '"')
	e.buf = base64.StdEncoding.AppendEncode(e.buf, b)
	e.buf = append(e.buf, '"')
}

func (e *encoder) bool(b bool) {
	if b {
		e.buf = append(e.buf, "true"...)
	} else {
		e.buf = append(e.buf, "false"...)
	}
}
