package value

import (
	"bytes"
	"math"
	"unicode"
	"unicode/utf8"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Limits of DynamoDB's number type.
const (
	// MaxDigits is the largest number of significant digits a number may
	// have. Leading and trailing zeros are not significant.
	MaxDigits = 38
	// MaxExponent is the largest exponent of a number's most significant
	// digit: 9.9999999999999999999999999999999999999E+125.
	MaxExponent = 125
	// MinExponent is the smallest exponent of a non-zero number's most
	// significant digit: 1E-130.
	MinExponent = -130
)

// Messages DynamoDB returns for numbers it will not store.
//
// Amazon DynamoDB answers unparsable text with "The parameter cannot be
// converted to a numeric value: <text>" (without the suffix when the text
// is empty): mhart/dynalite's suite, which was run against DynamoDB, the
// ScyllaDB Alternator suite (also run against AWS, it matches "numeric"),
// and user reports of production errors all show that wording. DynamoDB
// Local says "A value provided cannot be converted into a number" instead,
// and "DynamoDB only supports precision up to 38 digits" where DynamoDB
// says msgPrecision; we follow DynamoDB.
const (
	msgNotNumber = "The parameter cannot be converted to a numeric value"
	msgPrecision = "Attempting to store more than 38 significant digits in a Number"
	msgOverflow  = "Number overflow. Attempting to store a number with magnitude larger than supported range"
	msgUnderflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)

// Number is a DynamoDB number: at most 38 significant digits, magnitude
// 1E-130 to 9.9999999999999999999999999999999999999E+125, or zero.
//
// It is kept as its significant digits and the exponent of the first one,
// which is all that formatting, ordering, key encoding and size accounting
// need; arithmetic converts to an apd.Decimal (see arith.go). The zero
// value is the number 0. Equal numbers are equal values, so == and map
// keys work ("1", "1.0" and "10E-1" parse to the same Number).
type Number struct {
	neg bool
	n   int8  // number of significant digits in d; 0 for zero
	adj int16 // exponent of d[0]: the value is d[0].d[1]d[2]... × 10^adj
	// d holds the significant digits as ASCII, without leading or trailing
	// zeros, so equal numbers have equal fields.
	d [MaxDigits]byte
}

// ParseNumber parses a DynamoDB number. Its error is an apierr
// ValidationException with DynamoDB's exact message.
//
// The accepted syntax is Java's BigDecimal(String), which DynamoDB uses: an
// optional sign, digits with at most one '.', at least one digit, and an
// optional exponent (e or E, optional sign, digits) that fits in 32 bits.
// No spaces, "NaN", "Infinity" or hexadecimal. Like Java (and DynamoDB
// Local, which echoes "１２" back as "12"), Unicode decimal digits count
// as digits; we could not check that against DynamoDB itself.
//
// Parsing is one pass over s with no allocation, so hostile input such as
// "1e100000000000" or a 100,000-digit string costs time linear in its
// length and no memory; nothing is handed to a bignum library.
func ParseNumber(s string) (Number, error) {
	var x Number
	code := x.parse(s)
	if code != parseOK {
		return Number{}, numberError(code, s)
	}
	return x, nil
}

// parse outcomes, in the order DynamoDB checks them: text that is not a
// number at all, then precision, then magnitude.
const (
	parseOK = iota
	parseSyntax
	parsePrecision
	parseOverflow
	parseUnderflow
)

func numberError(code int, s string) error {
	switch code {
	case parseSyntax:
		if s == "" {
			return apierr.Validation(msgNotNumber)
		}
		return apierr.Validation(msgNotNumber + ": " + s)
	case parsePrecision:
		return apierr.Validation(msgPrecision)
	case parseOverflow:
		return apierr.Validation(msgOverflow)
	default:
		return apierr.Validation(msgUnderflow)
	}
}

// parse sets x from s and reports a parse outcome.
func (x *Number) parse(s string) int {
	*x = Number{}
	if s == "" {
		return parseSyntax
	}
	i := 0
	neg := false
	if s[0] == '+' || s[0] == '-' {
		neg = s[0] == '-'
		i++
	}

	// Coefficient. Positions count every digit (including zeros) from the
	// left, ignoring the point; first/last are the positions of the first
	// and last non-zero digit.
	var (
		nDigits    int
		fracDigits int
		sawPoint   bool
		first      = -1
		last       = -1
		tooMany    bool
	)
	for i < len(s) {
		c := s[i]
		if c == '.' {
			if sawPoint {
				return parseSyntax
			}
			sawPoint = true
			i++
			continue
		}
		if c == 'e' || c == 'E' {
			break
		}
		v, w := digitAt(s, i)
		if v < 0 {
			return parseSyntax
		}
		i += w
		pos := nDigits
		nDigits++
		if sawPoint {
			fracDigits++
		}
		if v == 0 {
			if first >= 0 && pos-first < MaxDigits {
				x.d[pos-first] = '0'
			}
			continue
		}
		if first < 0 {
			first = pos
		}
		last = pos
		if pos-first < MaxDigits {
			x.d[pos-first] = byte('0' + v)
		} else {
			// Keep scanning: text that is not a number at all is
			// reported before precision.
			tooMany = true
		}
	}
	if nDigits == 0 {
		return parseSyntax
	}

	// Exponent: Java skips leading zeros, then needs it to fit in an int.
	var exp int64
	if i < len(s) {
		i++ // 'e' or 'E'
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		expDigits := 0
		for i < len(s) {
			v, w := digitAt(s, i)
			if v < 0 {
				return parseSyntax
			}
			i += w
			expDigits++
			// Saturate instead of overflowing; anything past int32 is
			// rejected below.
			if exp <= math.MaxInt32+1 {
				exp = exp*10 + int64(v)
			}
		}
		if expDigits == 0 {
			return parseSyntax
		}
		if expNeg {
			exp = -exp
		}
		if exp > math.MaxInt32 || exp < math.MinInt32 {
			return parseSyntax
		}
	}
	// Java keeps the value as an int scale: digits after the point minus the
	// exponent. A scale outside int32 is a parse failure there, so it is
	// "not a number" here too, not an overflow.
	if scale := int64(fracDigits) - exp; scale > math.MaxInt32 || scale < math.MinInt32 {
		return parseSyntax
	}

	if first < 0 { // zero, whatever its sign or exponent
		return parseOK
	}
	if tooMany {
		return parsePrecision
	}
	intDigits := int64(nDigits - fracDigits)
	adj := intDigits - 1 - int64(first) + exp
	if adj > MaxExponent {
		return parseOverflow
	}
	if adj < MinExponent {
		return parseUnderflow
	}
	x.neg = neg
	x.n = int8(last - first + 1)
	x.adj = int16(adj)
	// Zeros after the last significant digit were stored on the way; clear
	// them so that equal numbers are equal values (==, map keys).
	clear(x.d[x.n:])
	return parseOK
}

// digitAt returns the decimal value of the character at s[i] (-1 if it is
// not a decimal digit) and its width in bytes.
func digitAt(s string, i int) (int, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		if '0' <= c && c <= '9' {
			return int(c - '0'), 1
		}
		return -1, 1
	}
	r, w := utf8.DecodeRuneInString(s[i:])
	return unicodeDigit(r), w
}

// unicodeDigit is Java's Character.digit(char, 10) for non-ASCII runes:
// the value of a Unicode decimal digit (category Nd), or -1. BigDecimal
// reads UTF-16 code units, so digits outside the Basic Multilingual Plane
// (the mathematical digits, "𝟏𝟐") are surrogate pairs and not digits;
// DynamoDB Local rejects them and accepts "１２" and "٣.٥".
//
// Unicode encodes every decimal digit set as ten consecutive code points
// from zero, so within a maximal run of Nd code points the value is the
// distance from the run's start modulo ten.
func unicodeDigit(r rune) int {
	if r > 0xFFFF || !unicode.IsDigit(r) {
		return -1
	}
	start := r
	for start > 0 && unicode.IsDigit(start-1) {
		start--
	}
	return int(r-start) % 10
}

// String returns the canonical text DynamoDB returns for n: plain decimal
// notation (no exponent), no leading zeros other than the one before a
// point, no trailing fractional zeros, no '+', and "0" for any zero.
// "1.50" is "1.5", "1e2" is "100", "1.23E-10" is "0.000000000123".
func (n Number) String() string {
	var buf [2 + MaxDigits + 132]byte
	return string(n.appendText(buf[:0]))
}

// textLen is len(n.String()).
func (n *Number) textLen() int {
	if n.n == 0 {
		return 1
	}
	l := 0
	if n.neg {
		l++
	}
	nd, adj := int(n.n), int(n.adj)
	switch {
	case adj < 0: // 0.000ddd
		l += 2 + (-adj - 1) + nd
	case nd > adj+1: // ddd.ddd
		l += nd + 1
	default: // ddd000
		l += adj + 1
	}
	return l
}

// appendText appends n.String() to dst.
func (n *Number) appendText(dst []byte) []byte {
	if n.n == 0 {
		return append(dst, '0')
	}
	if n.neg {
		dst = append(dst, '-')
	}
	nd, adj := int(n.n), int(n.adj)
	d := n.d[:nd]
	switch {
	case adj < 0:
		dst = append(dst, '0', '.')
		for range -adj - 1 {
			dst = append(dst, '0')
		}
		dst = append(dst, d...)
	case nd > adj+1:
		dst = append(dst, d[:adj+1]...)
		dst = append(dst, '.')
		dst = append(dst, d[adj+1:]...)
	default:
		dst = append(dst, d...)
		for range adj + 1 - nd {
			dst = append(dst, '0')
		}
	}
	return dst
}

// Cmp compares two numbers numerically: -1, 0 or +1.
func (n Number) Cmp(m Number) int {
	sn, sm := n.sign(), m.sign()
	if sn != sm {
		if sn < sm {
			return -1
		}
		return 1
	}
	if sn == 0 {
		return 0
	}
	c := n.cmpAbs(&m)
	if sn < 0 {
		return -c
	}
	return c
}

// cmpAbs compares magnitudes of two non-zero numbers.
func (n *Number) cmpAbs(m *Number) int {
	if n.adj != m.adj {
		if n.adj < m.adj {
			return -1
		}
		return 1
	}
	// Without trailing zeros, digit strings compare like the values: a
	// proper prefix is the smaller one (1.2 < 1.23).
	return bytes.Compare(n.d[:n.n], m.d[:m.n])
}

// Sign returns -1, 0 or +1.
func (n Number) Sign() int { return n.sign() }

func (n *Number) sign() int {
	switch {
	case n.n == 0:
		return 0
	case n.neg:
		return -1
	default:
		return 1
	}
}

// CanonicalNumber is ParseNumber followed by String.
func CanonicalNumber(s string) (string, error) {
	if isCanonical(s) {
		return s, nil // the common case on every write: no parse, no copy
	}
	var x Number
	if code := x.parse(s); code != parseOK {
		return "", numberError(code, s)
	}
	return x.String(), nil
}

// isCanonical reports whether s is exactly the canonical text of a valid
// number, that is, whether ParseNumber(s) succeeds and String gives s back.
func isCanonical(s string) bool {
	_, _, _, ok := canonicalShape(s)
	return ok
}

// canonicalShape checks that s is canonical text in one pass, cheaper than
// parsing and formatting, and returns what size accounting needs: the
// number of significant digits, the exponent of the first one, and the
// sign.
func canonicalShape(s string) (digits, adj int, neg, ok bool) {
	i := 0
	if len(s) > 0 && s[0] == '-' {
		i, neg = 1, true
	}
	if i == len(s) || s[i] < '0' || s[i] > '9' {
		return 0, 0, false, false
	}
	if s[i] == '0' {
		// "0", or "0." and a fraction: zeros, then significant digits
		// ending in a non-zero digit.
		if i+1 == len(s) {
			return 0, 0, false, i == 0 // "-0" is not canonical
		}
		if s[i+1] != '.' {
			return 0, 0, false, false
		}
		j := i + 2
		for j < len(s) && s[j] == '0' {
			j++
		}
		digits, adj = len(s)-j, -(j-i-2)-1
		ok = digits > 0 && digits <= MaxDigits && adj >= MinExponent &&
			allDigits(s[j:]) && s[len(s)-1] != '0'
		return digits, adj, neg, ok
	}
	// An integer part without leading zeros, and maybe a fraction.
	j := i
	for j < len(s) && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	intLen := j - i
	adj = intLen - 1
	if adj > MaxExponent {
		return 0, 0, false, false
	}
	if j == len(s) {
		k := j
		for s[k-1] == '0' {
			k--
		}
		digits = k - i
		return digits, adj, neg, digits <= MaxDigits
	}
	if s[j] != '.' {
		return 0, 0, false, false
	}
	frac := s[j+1:]
	digits = intLen + len(frac)
	ok = len(frac) > 0 && digits <= MaxDigits && allDigits(frac) && frac[len(frac)-1] != '0'
	return digits, adj, neg, ok
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
