package value

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// ErrCorrupt is returned (wrapped with context) by DecodeKey and DecodeItem
// when their input was not produced by AppendKey or AppendItem.
var ErrCorrupt = errors.New("corrupt value encoding")

// Key encoding.
//
// S and B: the bytes, with each 0x00 written as 0x00 0xFF, then the
// terminator 0x00 0x01. The terminator sorts below every byte that can
// follow in a longer value, so "a" < "a\x00" < "ab".
//
// N: one class byte (negative < zero < positive); zero ends there. Then
// the exponent of the most significant digit plus 130 in one byte (the
// range -130..125 fits exactly), then the digits in pairs, one byte per
// pair (the last padded with a zero, which is never ambiguous because
// stored digits have no trailing zeros), then a terminator. Positive:
// pair p is byte p+1 and the terminator 0x00, so a shorter mantissa sorts
// first (1.2 < 1.23). Negative: exponent byte 255-e, pair p is byte 100-p
// and the terminator 0xFF, which reverses every comparison.
const (
	keyEscape   = 0x00
	keyEscaped0 = 0xFF
	keyTerm     = 0x01
	numNegative = 0x01
	numZero     = 0x02
	numPositive = 0x03
	numTermPos  = 0x00
	numTermNeg  = 0xFF
	expBias     = -MinExponent
)

// AppendKey appends the order-preserving encoding of a key value (S, N or
// B) to dst: bytes.Compare on two encodings orders the values as DynamoDB
// orders them (S: UTF-8 bytes; N: numerically; B: unsigned bytes). The
// encoding is self-delimiting so several keys can be concatenated. A number
// must already be valid.
func AppendKey(dst []byte, av types.AttributeValue) ([]byte, error) {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		if v != nil {
			return appendKeyString(dst, v.Value), nil
		}
	case *types.AttributeValueMemberB:
		if v != nil {
			return appendKeyBytes(dst, v.Value), nil
		}
	case *types.AttributeValueMemberN:
		if v != nil {
			var n Number
			if code := n.parse(v.Value); code != parseOK {
				return dst, fmt.Errorf("key number %q: %w", v.Value, numberError(code, v.Value))
			}
			return n.appendKey(dst), nil
		}
	}
	return dst, fmt.Errorf("key value of type %s: only S, N and B can be keys", typeName(av))
}

func appendKeyString(dst []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, keyEscape)
		if i < 0 {
			break
		}
		dst = append(dst, s[:i]...)
		dst = append(dst, keyEscape, keyEscaped0)
		s = s[i+1:]
	}
	dst = append(dst, s...)
	return append(dst, keyEscape, keyTerm)
}

func appendKeyBytes(dst []byte, b []byte) []byte {
	for {
		i := bytes.IndexByte(b, keyEscape)
		if i < 0 {
			break
		}
		dst = append(dst, b[:i]...)
		dst = append(dst, keyEscape, keyEscaped0)
		b = b[i+1:]
	}
	dst = append(dst, b...)
	return append(dst, keyEscape, keyTerm)
}

// appendKey appends n's key encoding.
func (n *Number) appendKey(dst []byte) []byte {
	if n.n == 0 {
		return append(dst, numZero)
	}
	nd := int(n.n)
	exp := byte(int(n.adj) + expBias)
	if n.neg {
		dst = append(dst, numNegative, 255-exp)
	} else {
		dst = append(dst, numPositive, exp)
	}
	for i := 0; i < nd; i += 2 {
		p := (n.d[i] - '0') * 10
		if i+1 < nd {
			p += n.d[i+1] - '0'
		}
		if n.neg {
			dst = append(dst, 100-p)
		} else {
			dst = append(dst, p+1)
		}
	}
	if n.neg {
		return append(dst, numTermNeg)
	}
	return append(dst, numTermPos)
}

// DecodeKey decodes one key value of type t ("S", "N" or "B") from the front
// of src and returns the remaining bytes.
func DecodeKey(src []byte, t types.ScalarAttributeType) (types.AttributeValue, []byte, error) {
	switch t {
	case types.ScalarAttributeTypeS:
		end, size, err := scanKeyBytes(src)
		if err != nil {
			return nil, src, fmt.Errorf("decode S key: %w", err)
		}
		var s string
		if size == end { // no escapes: one copy
			s = string(src[:end])
		} else {
			s = string(unescapeKey(make([]byte, 0, size), src[:end]))
		}
		return &types.AttributeValueMemberS{Value: s}, src[end+2:], nil
	case types.ScalarAttributeTypeB:
		end, size, err := scanKeyBytes(src)
		if err != nil {
			return nil, src, fmt.Errorf("decode B key: %w", err)
		}
		b := unescapeKey(make([]byte, 0, size), src[:end])
		return &types.AttributeValueMemberB{Value: b}, src[end+2:], nil
	case types.ScalarAttributeTypeN:
		var n Number
		rest, err := n.decodeKey(src)
		if err != nil {
			return nil, src, fmt.Errorf("decode N key: %w", err)
		}
		return &types.AttributeValueMemberN{Value: n.String()}, rest, nil
	}
	return nil, src, fmt.Errorf("decode key of type %q: only S, N and B can be keys", t)
}

// scanKeyBytes finds the terminator of an encoding written by
// appendKeyString or appendKeyBytes: the encoded value is src[:end], and
// size is its length once unescaped.
func scanKeyBytes(src []byte) (end, size int, err error) {
	for i := 0; ; {
		j := bytes.IndexByte(src[i:], keyEscape)
		if j < 0 || i+j+1 >= len(src) {
			return 0, 0, fmt.Errorf("unterminated: %w", ErrCorrupt)
		}
		size += j
		i += j
		switch src[i+1] {
		case keyTerm:
			return i, size, nil
		case keyEscaped0:
			size++
			i += 2
		default:
			return 0, 0, fmt.Errorf("bad escape 0x%02x: %w", src[i+1], ErrCorrupt)
		}
	}
}

// unescapeKey appends the unescaped form of enc (which scanKeyBytes has
// checked) to dst.
func unescapeKey(dst, enc []byte) []byte {
	for {
		j := bytes.IndexByte(enc, keyEscape)
		if j < 0 {
			return append(dst, enc...)
		}
		dst = append(dst, enc[:j]...)
		dst = append(dst, 0)
		enc = enc[j+2:]
	}
}

// decodeKey undoes appendKey and returns the bytes after it.
func (n *Number) decodeKey(src []byte) ([]byte, error) {
	*n = Number{}
	if len(src) == 0 {
		return src, fmt.Errorf("empty: %w", ErrCorrupt)
	}
	class := src[0]
	if class == numZero {
		return src[1:], nil
	}
	if class != numNegative && class != numPositive {
		return src, fmt.Errorf("bad class byte 0x%02x: %w", class, ErrCorrupt)
	}
	neg := class == numNegative
	if len(src) < 2 {
		return src, fmt.Errorf("missing exponent: %w", ErrCorrupt)
	}
	exp := int(src[1])
	term := byte(numTermPos)
	if neg {
		exp = 255 - exp
		term = numTermNeg
	}
	nd := 0
	i := 2
	for ; ; i++ {
		if i >= len(src) {
			return src, fmt.Errorf("unterminated number: %w", ErrCorrupt)
		}
		b := src[i]
		if b == term {
			break
		}
		p := int(b) - 1
		if neg {
			p = 100 - int(b)
		}
		if p < 0 || p > 99 || nd >= MaxDigits {
			return src, fmt.Errorf("bad digit pair: %w", ErrCorrupt)
		}
		n.d[nd] = byte('0' + p/10)
		n.d[nd+1] = byte('0' + p%10)
		nd += 2
	}
	// The last pair was padded with a zero when the digit count was odd.
	for nd > 0 && n.d[nd-1] == '0' {
		nd--
	}
	if nd == 0 || n.d[0] == '0' {
		return src, fmt.Errorf("non-canonical digits: %w", ErrCorrupt)
	}
	// Only a trailing zero from padding may be dropped: "10" as a full last
	// pair would mean the encoder wrote a trailing zero digit.
	if got := (i - 2) * 2; got != nd && got != nd+1 {
		return src, fmt.Errorf("non-canonical digits: %w", ErrCorrupt)
	}
	clear(n.d[nd:]) // the padding zero, so equal numbers are equal values
	n.neg = neg
	n.n = int8(nd)
	n.adj = int16(exp - expBias)
	return src[i+1:], nil
}

// AppendKeyPrefix appends the encoding of an S or B value without its
// terminator: the encodings of exactly the values that begin with av start
// with these bytes (escaping is byte by byte), which makes begins_with on a
// sort key a key range.
func AppendKeyPrefix(dst []byte, av types.AttributeValue) ([]byte, error) {
	enc, err := AppendKey(nil, av)
	if err != nil {
		return nil, err
	}
	switch av.(type) {
	case *types.AttributeValueMemberS, *types.AttributeValueMemberB:
		return append(dst, enc[:len(enc)-2]...), nil
	}
	return nil, fmt.Errorf("key prefix of %s: %w", Type(av), ErrCorrupt)
}
