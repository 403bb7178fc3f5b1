package wire

import (
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// This file is the byte-level JSON reader the decoder is built on. It exists
// (rather than encoding/json's Decoder or RawMessage) because DynamoDB's
// SerializationException messages depend on the exact token found where a
// member of another type was expected, and because the decoder is on the hot
// path of every request: reading tokens straight from the request body with no
// intermediate tree keeps a PutItem decode to a few allocations per attribute.

// maxDepth bounds nesting while validating so that a body of 16 MiB of '['
// cannot exhaust the stack. Jackson, which DynamoDB's front end is built on,
// rejects documents nested deeper than 1000 levels by default; DynamoDB's own
// limit on attribute values (32 levels) is far below either.
const maxDepth = 1000

// token is the kind of the next JSON value.
type token uint8

const (
	tokEOF token = iota
	tokObject
	tokArray
	tokString
	tokNumber
	tokTrue
	tokFalse
	tokNull
	tokInvalid
)

// validJSON reports whether b is exactly one JSON value (with optional
// surrounding whitespace) that is syntactically valid, valid UTF-8 inside
// strings, and nested no deeper than maxDepth. DynamoDB parses the whole body
// before it looks at types or even at the target operation, so an invalid
// body is reported as such whatever else is wrong with the request. The
// decoder checks the same rules as it goes, so this second pass only runs to
// classify a request that has already failed some other way.
func validJSON(b []byte) bool {
	s := scanner{buf: b}
	if !s.validValue() {
		return false
	}
	s.skipWS()
	return s.i == len(s.buf)
}

// scanner reads JSON tokens from buf. Its read methods check syntax as
// strictly as validJSON (so a successful decode implies a valid body) and,
// fed invalid input, report errSyntax instead of panicking.
type scanner struct {
	buf     []byte
	i       int
	depth   int    // arrays and objects open at i
	scratch []byte // unescape buffer, reused across strings
}

func (s *scanner) skipWS() {
	for s.i < len(s.buf) {
		switch s.buf[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// peek returns the kind of the next value without consuming it.
func (s *scanner) peek() token {
	s.skipWS()
	if s.i >= len(s.buf) {
		return tokEOF
	}
	switch c := s.buf[s.i]; {
	case c == '{':
		return tokObject
	case c == '[':
		return tokArray
	case c == '"':
		return tokString
	case c == 't':
		return tokTrue
	case c == 'f':
		return tokFalse
	case c == 'n':
		return tokNull
	case c == '-' || (c >= '0' && c <= '9'):
		return tokNumber
	}
	return tokInvalid
}

// consume skips the byte c (after whitespace) or reports errSyntax.
func (s *scanner) consume(c byte) error {
	s.skipWS()
	if s.i < len(s.buf) && s.buf[s.i] == c {
		s.i++
		return nil
	}
	return errSyntax
}

// literal consumes true, false or null.
func (s *scanner) literal(lit string) error {
	if len(s.buf)-s.i >= len(lit) && string(s.buf[s.i:s.i+len(lit)]) == lit {
		s.i += len(lit)
		return nil
	}
	return errSyntax
}

// enterObject consumes '{' and reports whether the object has members.
func (s *scanner) enterObject() (bool, error) {
	return s.enter('{', '}')
}

// enterArray consumes '[' and reports whether the array has elements.
func (s *scanner) enterArray() (bool, error) {
	return s.enter('[', ']')
}

func (s *scanner) enter(open, close byte) (bool, error) {
	if err := s.consume(open); err != nil {
		return false, err
	}
	if s.depth >= maxDepth {
		return false, errSyntax
	}
	s.skipWS()
	if s.i < len(s.buf) && s.buf[s.i] == close {
		s.i++
		return false, nil
	}
	s.depth++
	return true, nil
}

// objectKey reads a member name and the ':' after it. The returned bytes are
// only valid until the next string is read.
func (s *scanner) objectKey() ([]byte, error) {
	k, err := s.stringBytes()
	if err != nil {
		return nil, err
	}
	if err := s.consume(':'); err != nil {
		return nil, err
	}
	return k, nil
}

// nextMember consumes the ',' or '}' after a member and reports whether
// another member follows.
func (s *scanner) nextMember() (bool, error) {
	return s.next('}')
}

// nextElement consumes the ',' or ']' after an element and reports whether
// another element follows.
func (s *scanner) nextElement() (bool, error) {
	return s.next(']')
}

func (s *scanner) next(close byte) (bool, error) {
	s.skipWS()
	if s.i < len(s.buf) {
		switch s.buf[s.i] {
		case ',':
			s.i++
			return true, nil
		case close:
			s.i++
			s.depth--
			return false, nil
		}
	}
	return false, errSyntax
}

// stringBytes reads a string and returns its unescaped bytes. Without escapes
// the result aliases buf (no copy); with escapes it aliases s.scratch. Either
// way it is only valid until the next read.
func (s *scanner) stringBytes() ([]byte, error) {
	if err := s.consume('"'); err != nil {
		return nil, err
	}
	start := s.i
	var high byte // or of all bytes: non-ASCII needs a UTF-8 check
	for s.i < len(s.buf) {
		c := s.buf[s.i]
		switch {
		case c == '"':
			b := s.buf[start:s.i]
			s.i++
			if high >= utf8.RuneSelf && !utf8.Valid(b) {
				return nil, errSyntax
			}
			return b, nil
		case c == '\\':
			if high >= utf8.RuneSelf && !utf8.Valid(s.buf[start:s.i]) {
				return nil, errSyntax
			}
			return s.unescape(start)
		case c < 0x20:
			return nil, errSyntax
		}
		high |= c
		s.i++
	}
	return nil, errSyntax
}

// unescape continues a string that contains escapes, from start (just after
// the opening quote); s.i is at the first backslash.
func (s *scanner) unescape(start int) ([]byte, error) {
	out := append(s.scratch[:0], s.buf[start:s.i]...)
	for s.i < len(s.buf) {
		c := s.buf[s.i]
		switch {
		case c == '"':
			s.i++
			s.scratch = out
			return out, nil
		case c < 0x20:
			return nil, errSyntax
		case c >= utf8.RuneSelf:
			r, size := utf8.DecodeRune(s.buf[s.i:])
			if r == utf8.RuneError && size == 1 {
				return nil, errSyntax
			}
			out = append(out, s.buf[s.i:s.i+size]...)
			s.i += size
			continue
		case c != '\\':
			out = append(out, c)
			s.i++
			continue
		}
		s.i++
		if s.i >= len(s.buf) {
			return nil, errSyntax
		}
		e := s.buf[s.i]
		s.i++
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := s.hex4()
			if !ok {
				return nil, errSyntax
			}
			if utf16.IsSurrogate(r) {
				// A high surrogate followed by an escaped low surrogate is one
				// character; anything else is a lone surrogate, which Go strings
				// cannot hold, so it becomes U+FFFD as in encoding/json.
				if s.i+1 < len(s.buf) && s.buf[s.i] == '\\' && s.buf[s.i+1] == 'u' {
					save := s.i
					s.i += 2
					if r2, ok := s.hex4(); ok {
						if d := utf16.DecodeRune(r, r2); d != utf8.RuneError {
							out = utf8.AppendRune(out, d)
							continue
						}
					}
					s.i = save
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default:
			return nil, errSyntax
		}
	}
	return nil, errSyntax
}

func (s *scanner) hex4() (rune, bool) {
	if len(s.buf)-s.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range s.buf[s.i : s.i+4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		case c >= 'A' && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	s.i += 4
	return r, true
}

// number reads a number literal and reports whether it is a decimal (has a
// fraction or exponent), which is what Jackson calls VALUE_NUMBER_FLOAT and
// DynamoDB reports as DECIMAL_VALUE.
func (s *scanner) number() (lit []byte, decimal bool, err error) {
	s.skipWS()
	start := s.i
	if s.i < len(s.buf) && s.buf[s.i] == '-' {
		s.i++
	}
	digits := s.digits()
	if digits == 0 || (digits > 1 && s.buf[s.i-digits] == '0') {
		return nil, false, errSyntax
	}
	if s.i < len(s.buf) && s.buf[s.i] == '.' {
		s.i++
		decimal = true
		if s.digits() == 0 {
			return nil, false, errSyntax
		}
	}
	if s.i < len(s.buf) && (s.buf[s.i] == 'e' || s.buf[s.i] == 'E') {
		s.i++
		decimal = true
		if s.i < len(s.buf) && (s.buf[s.i] == '+' || s.buf[s.i] == '-') {
			s.i++
		}
		if s.digits() == 0 {
			return nil, false, errSyntax
		}
	}
	return s.buf[start:s.i], decimal, nil
}

func (s *scanner) digits() int {
	n := 0
	for s.i < len(s.buf) && s.buf[s.i] >= '0' && s.buf[s.i] <= '9' {
		s.i++
		n++
	}
	return n
}

// skipValue consumes one value of any kind (an unknown member's value).
func (s *scanner) skipValue() error {
	if !s.validValue() {
		return errSyntax
	}
	return nil
}

// validValue consumes one value, checking its syntax strictly.
func (s *scanner) validValue() bool {
	switch s.peek() {
	case tokObject:
		more, err := s.enterObject()
		for err == nil && more {
			if !s.validString() || s.consume(':') != nil || !s.validValue() {
				return false
			}
			more, err = s.nextMember()
		}
		return err == nil
	case tokArray:
		more, err := s.enterArray()
		for err == nil && more {
			if !s.validValue() {
				return false
			}
			more, err = s.nextElement()
		}
		return err == nil
	case tokString:
		return s.validString()
	case tokNumber:
		_, _, err := s.number()
		return err == nil
	case tokTrue:
		return s.literal("true") == nil
	case tokFalse:
		return s.literal("false") == nil
	case tokNull:
		return s.literal("null") == nil
	}
	return false
}

// validString consumes a string, checking escapes and UTF-8 without copying.
func (s *scanner) validString() bool {
	if s.consume('"') != nil {
		return false
	}
	for s.i < len(s.buf) {
		c := s.buf[s.i]
		switch {
		case c == '"':
			s.i++
			return true
		case c == '\\':
			s.i++
			if s.i >= len(s.buf) {
				return false
			}
			switch s.buf[s.i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i++
			case 'u':
				s.i++
				if _, ok := s.hex4(); !ok {
					return false
				}
			default:
				return false
			}
		case c < 0x20:
			return false
		case c < utf8.RuneSelf:
			s.i++
		default:
			r, size := utf8.DecodeRune(s.buf[s.i:])
			if r == utf8.RuneError && size == 1 {
				return false
			}
			s.i += size
		}
	}
	return false
}

// parseInt parses an integer literal as Jackson's getIntValue/getLongValue
// would see it: decimals are truncated toward zero.
func parseInt(lit []byte, decimal bool, bits int) (int64, bool) {
	if !decimal {
		n, err := strconv.ParseInt(string(lit), 10, bits)
		return n, err == nil
	}
	f, err := strconv.ParseFloat(string(lit), 64)
	if err != nil {
		return 0, false
	}
	limit := math.Ldexp(1, bits-1)
	if f >= limit || f < -limit {
		return 0, false
	}
	return int64(f), true
}
