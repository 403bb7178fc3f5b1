package expr

// Conditions: ConditionExpression, FilterExpression and
// KeyConditionExpression share this grammar.
//
// NOT binds tighter than AND, and AND tighter than OR; comparisons, IN,
// BETWEEN and functions bind tighter than all three. As in DynamoDB's
// parser, a condition of precedence prec continues with AND only if
// prec <= 2 and with OR only if prec <= 1: the right of AND is parsed at
// 3, the right of OR at 2, the operand of NOT at 3.

// ParseCondition parses a ConditionExpression, FilterExpression or
// KeyConditionExpression (kind says which; messages name it). Errors are
// ValidationExceptions with DynamoDB's messages. A few errors DynamoDB
// finds only while checking the request's names and values; see
// Env.ParseError.
func ParseCondition(kind Kind, src string) (Cond, error) {
	if err := checkText(kind, src); err != nil {
		return nil, err
	}
	p := newParser(kind, src)
	c, _, err := p.condition(0)
	if err == nil && p.tok() != tEOF {
		err = p.syntaxAt(p.pos)
	}
	if err != nil {
		return nil, err
	}
	if p.first != nil {
		return nil, p.first
	}
	if b := firstBadCond(c); b != nil {
		return nil, &deferredError{kind: kind, msg: b.message(kind), cond: c}
	}
	return c, nil
}

// condition parses a condition of precedence prec. parens reports a
// condition in parentheses (for the redundant parentheses check).
func (p *parser) condition(prec int) (c Cond, parens bool, err error) {
	alt, failAt := p.predictPrimary(p.pos)
	if failAt >= 0 {
		return nil, false, p.syntaxAt(failAt)
	}
	switch alt {
	case altNot:
		p.pos++
		inner, _, err := p.condition(3)
		if err != nil {
			return nil, false, err
		}
		c = &Not{Cond: inner}
	case altFunction:
		call, err := p.call(0)
		if err != nil {
			return nil, false, err
		}
		c = call.asCond()
	case altGroup:
		p.pos++
		inner, innerParens, err := p.condition(0)
		if err != nil {
			return nil, false, err
		}
		if err := p.expect(tRParen); err != nil {
			return nil, false, err
		}
		if innerParens {
			return nil, false, p.redundant()
		}
		c, parens = inner, true
	default:
		if c, err = p.operandCondition(alt); err != nil {
			return nil, false, err
		}
	}
	for {
		switch k := p.tok(); {
		case k == tAnd && prec <= 2:
			p.pos++
			right, _, err := p.condition(3)
			if err != nil {
				return nil, false, err
			}
			c, parens = &And{Left: c, Right: right}, false
		case k == tOr && prec <= 1:
			p.pos++
			right, _, err := p.condition(2)
			if err != nil {
				return nil, false, err
			}
			c, parens = &Or{Left: c, Right: right}, false
		default:
			return c, parens, nil
		}
	}
}

// compareOps maps comparator tokens to operators.
var compareOps = [...]CompareOp{tEq - tEq: Eq, tNe - tEq: Ne, tLt - tEq: Lt, tLe - tEq: Le, tGt - tEq: Gt, tGe - tEq: Ge}

// operandCondition parses a comparison, IN or BETWEEN (alt, as predicted).
// Its operands are nested one level (functions in them must be nestable).
func (p *parser) operandCondition(alt int) (Cond, error) {
	left, _, err := p.operand(1)
	if err != nil {
		return nil, err
	}
	switch alt {
	case altCompare:
		op := compareOps[p.tok()-tEq]
		p.pos++
		right, _, err := p.operand(1)
		if err != nil {
			return nil, err
		}
		return &Comparison{Op: op, Left: left, Right: right}, nil
	case altBetween:
		p.pos++
		low, _, err := p.operand(1)
		if err != nil {
			return nil, err
		}
		if err := p.expect(tAnd); err != nil {
			return nil, err
		}
		high, _, err := p.operand(1)
		if err != nil {
			return nil, err
		}
		return &Between{Operand: left, Low: low, High: high}, nil
	}
	p.pos++ // IN
	if err := p.expect(tLParen); err != nil {
		return nil, err
	}
	in := &In{Operand: left}
	for {
		o, _, err := p.operand(1)
		if err != nil {
			return nil, err
		}
		in.List = append(in.List, o)
		switch p.tok() {
		case tComma:
			p.pos++
		case tRParen:
			p.pos++
			return in, nil
		default:
			return nil, p.syntaxAt(p.pos)
		}
	}
}
