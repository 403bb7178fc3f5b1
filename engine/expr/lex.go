package expr

// The lexer. It splits an expression into the tokens of DynamoDB's
// expression grammar, which decide what a syntax error reports: the
// offending token's text and the source text around it. Every character
// belongs to some token (a character no rule matches is a token of its
// own), so lexing never fails. Tokens are offsets into the source, so lexing
// allocates only the token slice.

// tokKind is the kind of a token.
type tokKind uint8

const (
	tEOF      tokKind = iota
	tComma            // ,
	tLParen           // (
	tRParen           // )
	tDot              // .
	tLBracket         // [
	tRBracket         // ]
	tEq               // =
	tNe               // <>
	tLt               // <
	tLe               // <=
	tGt               // >
	tGe               // >=
	tPlus             // +
	tMinus            // -
	tIn               // IN, any case
	tBetween          // BETWEEN
	tNot              // NOT
	tAnd              // AND
	tOr               // OR
	tSet              // SET
	tAdd              // ADD
	tDelete           // DELETE
	tRemove           // REMOVE
	tIndex            // 0 or a decimal without leading zeros: list indexes
	tID               // a letter, then letters, digits and underscores
	tName             // #name: ExpressionAttributeNames placeholder
	tValue            // :name: ExpressionAttributeValues placeholder
	tUnknown          // one character no other rule matches
)

// token is one token: its kind and its byte offsets in the source.
type token struct {
	kind       tokKind
	start, end int32
}

// keywords are the words the lexer makes keyword tokens, in any case.
var keywords = [...]struct {
	word string
	kind tokKind
}{
	{"in", tIn}, {"between", tBetween}, {"not", tNot}, {"and", tAnd}, {"or", tOr},
	{"set", tSet}, {"add", tAdd}, {"delete", tDelete}, {"remove", tRemove},
}

// lex appends src's tokens to toks, then an EOF token at len(src).
// Whitespace (space, tab, CR, LF) separates tokens and is not a token.
func lex(src string, toks []token) []token {
	i := 0
	for i < len(src) {
		c := src[i]
		start := i
		kind := tUnknown
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
			continue
		case isLetter(c):
			i++
			for i < len(src) && isWordChar(src[i]) {
				i++
			}
			kind = wordKind(src[start:i])
		case c == '0':
			i++
			kind = tIndex
		case '1' <= c && c <= '9':
			i++
			for i < len(src) && isDigit(src[i]) {
				i++
			}
			kind = tIndex
		case (c == '#' || c == ':') && i+1 < len(src) && isWordChar(src[i+1]):
			i += 2
			for i < len(src) && isWordChar(src[i]) {
				i++
			}
			kind = tName
			if c == ':' {
				kind = tValue
			}
		case isSupplementary(src, i):
			// Two tokens, as DynamoDB's two surrogates: bytes 0-1 and 2-3.
			toks = append(toks, token{kind: tUnknown, start: int32(i), end: int32(i + 2)})
			start, i = i+2, i+4
		default:
			kind, i = punctuation(src, i)
		}
		toks = append(toks, token{kind: kind, start: int32(start), end: int32(i)})
	}
	return append(toks, token{kind: tEOF, start: int32(len(src)), end: int32(len(src))})
}

// punctuation lexes the operator or unknown character at src[i] and
// returns its kind and the offset after it.
func punctuation(src string, i int) (tokKind, int) {
	c := src[i]
	next := byte(0)
	if i+1 < len(src) {
		next = src[i+1]
	}
	switch c {
	case ',':
		return tComma, i + 1
	case '(':
		return tLParen, i + 1
	case ')':
		return tRParen, i + 1
	case '.':
		return tDot, i + 1
	case '[':
		return tLBracket, i + 1
	case ']':
		return tRBracket, i + 1
	case '=':
		return tEq, i + 1
	case '+':
		return tPlus, i + 1
	case '-':
		return tMinus, i + 1
	case '<':
		switch next {
		case '>':
			return tNe, i + 2
		case '=':
			return tLe, i + 2
		}
		return tLt, i + 1
	case '>':
		if next == '=' {
			return tGe, i + 2
		}
		return tGt, i + 1
	}
	return tUnknown, i + unknownLen(src, i)
}

// unknownLen is the length of the unknown character at src[i]: one UTF-8
// sequence, or one byte of invalid UTF-8. (Characters outside the Basic
// Multilingual Plane are split by lex before this is called.)
func unknownLen(src string, i int) int {
	c := src[i]
	switch {
	case c >= 0xE0 && c < 0xF0 && i+2 < len(src) && isCont(src[i+1]) && isCont(src[i+2]):
		return 3
	case c >= 0xC0 && c < 0xE0 && i+1 < len(src) && isCont(src[i+1]):
		return 2
	}
	return 1
}

// isSupplementary reports whether src[i:] starts with a 4-byte UTF-8
// sequence: a character DynamoDB, lexing UTF-16, sees as two unknown
// tokens (a surrogate pair).
func isSupplementary(src string, i int) bool {
	return src[i] >= 0xF0 && src[i] < 0xF8 && i+3 < len(src) &&
		isCont(src[i+1]) && isCont(src[i+2]) && isCont(src[i+3])
}

func isCont(c byte) bool { return c&0xC0 == 0x80 }

// wordKind is tID or the keyword w spells, in any case.
func wordKind(w string) tokKind {
	if len(w) < 2 || len(w) > 7 {
		return tID
	}
	for _, k := range keywords {
		if equalFold(w, k.word) {
			return k.kind
		}
	}
	return tID
}

// equalFold reports whether w equals the lower-case ASCII word lower,
// ignoring ASCII case.
func equalFold(w, lower string) bool {
	if len(w) != len(lower) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if w[i]|0x20 != lower[i] {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool   { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isWordChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '_' }
