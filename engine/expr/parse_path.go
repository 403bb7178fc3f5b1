package expr

import (
	"math"
	"strconv"
)

// Document paths and operands.

// path parses a document path: a name or #name, then .name, .#name,
// .:value or [index] steps. Names written out must not be reserved words,
// and indexes must fit in 31 bits; both are checked after parsing, in text
// order, so they are noted here.
func (p *parser) path() (Path, error) {
	var path Path
	switch p.tok() {
	case tID:
		path = append(make(Path, 0, 2), p.nameElem(p.pos))
	case tName:
		path = append(make(Path, 0, 2), PathElem{Name: p.text(p.pos), Placeholder: true})
	default:
		return nil, p.syntaxAt(p.pos)
	}
	p.pos++
	for {
		switch p.tok() {
		case tDot:
			switch p.at(p.pos + 1) {
			case tID:
				path = append(path, p.nameElem(p.pos+1))
			case tName, tValue:
				// A :value step is a placeholder DynamoDB looks up among
				// names and values alike (see bind.go).
				path = append(path, PathElem{Name: p.text(p.pos + 1), Placeholder: true})
			default:
				return nil, p.syntaxAt(p.pos + 1)
			}
			p.pos += 2
		case tLBracket:
			if p.at(p.pos+1) != tIndex {
				return nil, p.syntaxAt(p.pos + 1)
			}
			if p.at(p.pos+2) != tRBracket {
				return nil, p.syntaxAt(p.pos + 2)
			}
			digits := p.text(p.pos + 1)
			n, err := strconv.ParseInt(digits, 10, 32)
			if err != nil || n > math.MaxInt32 {
				p.note(invalid(p.kind, msgListIndex, "index", "["+digits+"]"))
			}
			path = append(path, PathElem{Index: int(n), IsIndex: true})
			p.pos += 3
		default:
			return path, nil
		}
	}
}

// nameElem is the path element for the attribute name at token i, noting
// a reserved word.
func (p *parser) nameElem(i int) PathElem {
	name := p.text(i)
	if isReserved(name) {
		p.note(invalid(p.kind, msgReserved, "reserved keyword", name))
	}
	return PathElem{Name: name}
}

// operand parses an operand: a path, a :value, a function call, or an
// operand in parentheses (parens reports the last, for the redundant
// parentheses check). nest is the number of operators and functions
// around it, which decides where functions may appear.
func (p *parser) operand(nest int) (o Operand, parens bool, err error) {
	switch p.tok() {
	case tID:
		if p.at(p.pos+1) == tLParen {
			c, err := p.call(nest)
			return c.operand, false, err
		}
	case tName:
	case tValue:
		o = &ValueRef{Name: p.text(p.pos)}
		p.pos++
		return o, false, nil
	case tLParen:
		p.pos++
		o, inner, err := p.operand(nest)
		if err != nil {
			return nil, false, err
		}
		if err := p.expect(tRParen); err != nil {
			return nil, false, err
		}
		if inner {
			return nil, false, p.redundant()
		}
		return o, true, nil
	default:
		return nil, false, p.syntaxAt(p.pos)
	}
	path, err := p.path()
	if err != nil {
		return nil, false, err
	}
	return &PathOperand{Path: path}, false, nil
}

// call parses a function call name(operand, ...). The function must exist
// and be allowed where it is (checked after parsing, so noted here). The
// result is the function's AST node, or a *badCall when the AST cannot hold
// the call.
func (p *parser) call(nest int) (callNode, error) {
	name := p.text(p.pos)
	fn, known := lookupFunction(name)
	if err := p.checkFunction(name, fn, known, nest); err != nil {
		p.note(err)
	}
	p.pos += 2
	var argBuf [2]Operand
	args := argBuf[:0]
	for {
		o, _, err := p.operand(nest + 1)
		if err != nil {
			return callNode{}, err
		}
		args = append(args, o)
		switch p.tok() {
		case tComma:
			p.pos++
		case tRParen:
			p.pos++
			return newCall(fn, known, args), nil
		default:
			return callNode{}, p.syntaxAt(p.pos)
		}
	}
}

// checkFunction is DynamoDB's check of a function where it is called:
// it must exist, be a condition function in conditions and an update
// function in updates, and be one that may be nested if nest > 0; a
// condition's top-level function must return a boolean.
func (p *parser) checkFunction(name string, fn fnID, known bool, nest int) error {
	if !known {
		return invalid(p.kind, msgFunctionName, "function", name)
	}
	f := &functions[fn]
	if p.kind == UpdateExpr {
		if !f.inUpdate {
			return invalid(p.kind, msgUpdateFunction, "function", name)
		}
		if nest > 0 && !f.nestedInUpdate {
			return invalid(p.kind, msgFunctionContext, "function", name)
		}
		return nil
	}
	if !f.inCondition {
		return invalid(p.kind, msgConditionFunction, "function", name)
	}
	if nest == 0 && f.returns&typeBOOL == 0 || nest > 0 && !f.nestedInCondition {
		return invalid(p.kind, msgFunctionContext, "function", name)
	}
	return nil
}
