package expr

import (
	"strconv"
	"strings"
)

// The parser: recursive descent over DynamoDB's expression grammar, built to
// fail exactly where and how DynamoDB's parser fails.
//
// DynamoDB parses in two stages. First the text is parsed, and the first
// syntax error is reported with the offending token and the text around it
// ("Syntax error; token: \"+\", near: \"c + d\""); a doubly parenthesized
// operand or condition is rejected ("redundant parentheses") the moment its
// closing parenthesis is read. Only after the whole text parsed does it
// check names and functions: reserved words, unknown functions, functions
// where they are not allowed, list indexes, repeated update sections, each
// in the order the text has them.
//
// The grammar needs more than one token of lookahead in three places: a
// condition starting with "(" or a function call (a parenthesized condition
// or an operand to compare?), the right side of SET (an operand or
// arithmetic?), and arithmetic starting with "(". DynamoDB's parser decides
// there by scanning ahead before it parses, so a syntax error inside that
// lookahead is found before the parentheses in it are checked. predict.go
// makes the same decisions the same way.

// parser is the state of one parse.
type parser struct {
	kind Kind
	src  string
	toks []token
	pos  int

	// first is the first error of the checks DynamoDB makes after parsing
	// (reserved words, functions, list indexes, repeated sections), in text
	// order; it is reported only if the whole text parses.
	first error
	// sections are the update sections seen, for "can only be used once",
	// and order the order they came in.
	sections uint8
	order    []uint8

	memo scanMemo
}

func newParser(kind Kind, src string) *parser {
	// One token per byte is the worst case; most expressions need far fewer.
	n := len(src)/3 + 4
	return &parser{kind: kind, src: src, toks: lex(src, make([]token, 0, n))}
}

// checkText rejects an empty or too long expression, before any parsing.
func checkText(kind Kind, src string) error {
	if src == "" {
		return invalid(kind, msgEmpty)
	}
	if n := javaLen(src); n > maxExprLen {
		// Only the condition grammar's messages say how long.
		if kind == ProjectionExpr || kind == UpdateExpr {
			return invalid(kind, msgTooLong)
		}
		return invalid(kind, msgTooLong, "expression size", strconv.Itoa(n))
	}
	return nil
}

// javaLen is the length of s in UTF-16 code units, as Java counts it.
func javaLen(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// at is the kind of token i (EOF past the end).
func (p *parser) at(i int) tokKind {
	if i < len(p.toks) {
		return p.toks[i].kind
	}
	return tEOF
}

// tok is the kind of the current token.
func (p *parser) tok() tokKind { return p.at(p.pos) }

// text is the source text of token i.
func (p *parser) text(i int) string {
	t := p.toks[i]
	return p.src[t.start:t.end]
}

// expect consumes a token of kind k or fails at the current token.
func (p *parser) expect(k tokKind) error {
	if p.tok() != k {
		return p.syntaxAt(p.pos)
	}
	p.pos++
	return nil
}

// syntaxAt is DynamoDB's syntax error at token i: the token's text, and the
// text from the start of the token before it to the end of the token after
// it, whitespace included.
func (p *parser) syntaxAt(i int) error {
	if i >= len(p.toks) {
		i = len(p.toks) - 1
	}
	t := p.toks[i]
	text := "<EOF>"
	from, to := 0, len(p.src)
	if i > 0 {
		from = int(p.toks[i-1].start)
	}
	if t.kind != tEOF {
		text = p.src[t.start:t.end]
		to = int(p.toks[i+1].end)
	}
	// A token can be half a character outside the Basic Multilingual Plane
	// (see lex); DynamoDB prints that half, a lone surrogate that JSON
	// clients decode as U+FFFD, which is what is printed here.
	text = strings.ToValidUTF8(text, "\uFFFD")
	near := strings.ToValidUTF8(p.src[from:to], "\uFFFD")
	return invalid(p.kind, msgSyntax, "token", `"`+text+`"`, "near", `"`+near+`"`)
}

// note records err as the post-parse error if none came before it.
func (p *parser) note(err error) {
	if p.first == nil {
		p.first = err
	}
}

// redundant is the error for a doubly parenthesized operand, condition or
// arithmetic, raised as the outer parenthesis closes.
func (p *parser) redundant() error { return invalid(p.kind, msgRedundantParens) }
