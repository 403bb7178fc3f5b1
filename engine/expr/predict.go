package expr

// Lookahead for the grammar's three non-LL(1) decisions, made as DynamoDB's
// parser (ANTLR's adaptive prediction) makes them: every alternative is
// followed over the tokens ahead until only one can go on. If all of them
// stop at the same token, that token is the syntax error, reported before
// anything in between is parsed; except that an alternative which had
// already completed its rule is taken anyway, and parsing finds the error
// when it gets there.
//
// The scans are recognizers over the tokens: each returns the index just
// after the construct, or the index of the token where the construct
// cannot go on (ok false). Scans of operands, conditions and arithmetic are
// memoized by start index, so prediction stays linear however deeply the
// text nests.

// alternative is one alternative of a decision, as scanned.
type alternative struct {
	alt int
	// stop is the index of the first token the alternative cannot take, or
	// stopNever if it goes on past all the tokens the others can take.
	stop int
	// done: the alternative had completed its rule before stop.
	done bool
}

const stopNever = 1 << 30

// decide picks the alternative DynamoDB's parser takes at token start, or
// returns the index of the token where all of them fail. alts are in the
// grammar's order (which breaks ties, as in ANTLR).
func decide(start int, alts []alternative) (alt, failAt int) {
	// Only the alternatives that can take the first token are considered.
	n := 0
	for _, a := range alts {
		if a.stop > start {
			alts[n] = a
			n++
		}
	}
	alts = alts[:n]
	switch len(alts) {
	case 0:
		return -1, start
	case 1:
		return alts[0].alt, -1
	}
	// The decision is made at the second-latest stop: after it at most one
	// alternative is left.
	first, second := -1, -1
	for i, a := range alts {
		if first < 0 || a.stop > alts[first].stop {
			first, second = i, first
		} else if second < 0 || a.stop > alts[second].stop {
			second = i
		}
	}
	if alts[first].stop > alts[second].stop {
		return alts[first].alt, -1
	}
	// The last ones stop together: that token is the error, unless one of
	// them had completed its rule.
	stop := alts[first].stop
	for _, a := range alts {
		if a.stop == stop && a.done {
			return a.alt, -1
		}
	}
	return -1, stop
}

// scanMemo caches scan results by start token: 0 unknown, end+1 for a
// construct ending before end, -(at+1) for a failure at token at.
type scanMemo struct {
	operand []int32
	arith   []int32
	cond    [3][]int32 // by condition precedence: 0, 2, 3
}

func memoGet(m []int32, i int) (end int, ok, known bool) {
	if m == nil || m[i] == 0 {
		return 0, false, false
	}
	if v := m[i]; v > 0 {
		return int(v - 1), true, true
	}
	return int(-m[i] - 1), false, true
}

func (p *parser) memoPut(m *[]int32, i, end int, ok bool) {
	if *m == nil {
		*m = make([]int32, len(p.toks))
	}
	if ok {
		(*m)[i] = int32(end + 1)
	} else {
		(*m)[i] = int32(-end - 1)
	}
}

// scanPath recognizes a document path at i: a name, then .name, .#name,
// .:value or [index] steps.
func (p *parser) scanPath(i int) (int, bool) {
	if k := p.at(i); k != tID && k != tName {
		return i, false
	}
	i++
	for {
		switch p.at(i) {
		case tDot:
			if k := p.at(i + 1); k != tID && k != tName && k != tValue {
				return i + 1, false
			}
			i += 2
		case tLBracket:
			if p.at(i+1) != tIndex {
				return i + 1, false
			}
			if p.at(i+2) != tRBracket {
				return i + 2, false
			}
			i += 3
		default:
			return i, true
		}
	}
}

// scanOperand recognizes an operand at i: a path, a :value, a function call
// or a parenthesized operand.
func (p *parser) scanOperand(i int) (int, bool) {
	if end, ok, known := memoGet(p.memo.operand, i); known {
		return end, ok
	}
	var end int
	var ok bool
	switch p.at(i) {
	case tID:
		if p.at(i+1) == tLParen {
			end, ok = p.scanCall(i)
		} else {
			end, ok = p.scanPath(i)
		}
	case tName:
		end, ok = p.scanPath(i)
	case tValue:
		end, ok = i+1, true
	case tLParen:
		end, ok = p.scanOperand(i + 1)
		if ok {
			if p.at(end) == tRParen {
				end++
			} else {
				ok = false
			}
		}
	default:
		end, ok = i, false
	}
	p.memoPut(&p.memo.operand, i, end, ok)
	return end, ok
}

// scanCall recognizes a function call name(operand, ...) at i.
func (p *parser) scanCall(i int) (int, bool) {
	i += 2
	for {
		end, ok := p.scanOperand(i)
		if !ok {
			return end, false
		}
		switch p.at(end) {
		case tComma:
			i = end + 1
		case tRParen:
			return end + 1, true
		default:
			return end, false
		}
	}
}

// Alternatives of a condition's first part (its "primary"), in the
// grammar's order.
const (
	altCompare = iota
	altIn
	altBetween
	altFunction
	altGroup
	altNot
)

// condFollows reports whether k may follow a complete condition somewhere.
func condFollows(k tokKind) bool {
	return k == tAnd || k == tOr || k == tRParen || k == tEOF
}

func isComparator(k tokKind) bool { return k >= tEq && k <= tGe }

// predictPrimary decides how the condition at token i starts: a comparison,
// IN or BETWEEN (all starting with an operand), a function, a parenthesized
// condition or NOT.
func (p *parser) predictPrimary(i int) (alt, failAt int) {
	if p.at(i) == tNot {
		return altNot, -1
	}
	var buf [5]alternative
	alts := buf[:0]
	// The three alternatives that start with an operand part at the token
	// after it, which only one of them takes.
	end, ok := p.scanOperand(i)
	for alt, kw := range [...]tokKind{altCompare: tEq, altIn: tIn, altBetween: tBetween} {
		stop := end
		if ok {
			next := p.at(end)
			if alt == altCompare && isComparator(next) || next == kw && alt != altCompare {
				stop = stopNever
			}
		}
		alts = append(alts, alternative{alt: alt, stop: stop})
	}
	if p.at(i) == tID && p.at(i+1) == tLParen {
		end, ok := p.scanCall(i)
		alts = append(alts, completed(altFunction, end, ok, condFollows(p.at(end))))
	}
	if p.at(i) == tLParen {
		end, ok := p.scanCond(i+1, 0)
		if ok {
			if p.at(end) == tRParen {
				end++
			} else {
				ok = false
			}
		}
		alts = append(alts, completed(altGroup, end, ok, condFollows(p.at(end))))
	}
	return decide(i, alts)
}

// completed is the alternative alt that ends at end (ok) and may then be
// followed by the token there (follows), or fails at end.
func completed(alt, end int, ok, follows bool) alternative {
	switch {
	case !ok:
		return alternative{alt: alt, stop: end}
	case follows:
		return alternative{alt: alt, stop: stopNever}
	}
	return alternative{alt: alt, stop: end, done: true}
}

// scanCond recognizes a condition of precedence prec at i (0 for a whole
// condition, 2 for the right of OR, 3 for the right of AND and the operand
// of NOT).
func (p *parser) scanCond(i, prec int) (int, bool) {
	slot := &p.memo.cond[precSlot(prec)]
	if end, ok, known := memoGet(*slot, i); known {
		return end, ok
	}
	end, ok := p.scanCondUncached(i, prec)
	p.memoPut(slot, i, end, ok)
	return end, ok
}

func precSlot(prec int) int {
	switch prec {
	case 0:
		return 0
	case 2:
		return 1
	}
	return 2
}

func (p *parser) scanCondUncached(i, prec int) (int, bool) {
	alt, failAt := p.predictPrimary(i)
	if failAt >= 0 {
		return failAt, false
	}
	var end int
	var ok bool
	switch alt {
	case altNot:
		end, ok = p.scanCond(i+1, 3)
	case altFunction:
		end, ok = p.scanCall(i)
	case altGroup:
		end, ok = p.scanCond(i+1, 0)
		if ok {
			if p.at(end) != tRParen {
				return end, false
			}
			end++
		}
	default:
		end, ok = p.scanOperandCondition(i, alt)
	}
	for ok {
		switch k := p.at(end); {
		case k == tAnd && prec <= 2:
			end, ok = p.scanCond(end+1, 3)
		case k == tOr && prec <= 1:
			end, ok = p.scanCond(end+1, 2)
		default:
			return end, true
		}
	}
	return end, false
}

// scanOperandCondition recognizes a comparison, IN or BETWEEN at i.
func (p *parser) scanOperandCondition(i, alt int) (int, bool) {
	end, _ := p.scanOperand(i)
	end++ // the comparator, IN or BETWEEN, as predicted
	switch alt {
	case altCompare:
		return p.scanOperand(end)
	case altBetween:
		end, ok := p.scanOperand(end)
		if !ok {
			return end, false
		}
		if p.at(end) != tAnd {
			return end, false
		}
		return p.scanOperand(end + 1)
	}
	if p.at(end) != tLParen {
		return end, false
	}
	i = end + 1
	for {
		end, ok := p.scanOperand(i)
		if !ok {
			return end, false
		}
		switch p.at(end) {
		case tComma:
			i = end + 1
		case tRParen:
			return end + 1, true
		default:
			return end, false
		}
	}
}

// Alternatives of the right side of SET and of arithmetic.
const (
	altOperand = iota // set_value: an operand
	altArith          // set_value: arithmetic

	altPlusMinus = 0 // arithmetic: operand + or - operand
	altParens    = 1 // arithmetic: ( arithmetic )
)

// setFollows reports whether k may follow a complete SET action.
func setFollows(k tokKind) bool {
	switch k {
	case tComma, tSet, tAdd, tDelete, tRemove, tEOF:
		return true
	}
	return false
}

// predictSetValue decides whether the right side of SET at i is an operand
// or arithmetic.
func (p *parser) predictSetValue(i int) (alt, failAt int) {
	end, ok := p.scanOperand(i)
	aend, aok := p.scanArith(i)
	alts := [...]alternative{
		completed(altOperand, end, ok, setFollows(p.at(end))),
		completed(altArith, aend, aok, setFollows(p.at(aend))),
	}
	return decide(i, alts[:])
}

// predictArith decides how arithmetic at i starts: with an operand, or with
// a parenthesis around more arithmetic.
func (p *parser) predictArith(i int) (alt, failAt int) {
	if p.at(i) != tLParen {
		return altPlusMinus, -1
	}
	end, ok := p.scanPlusMinus(i)
	pend, pok := p.scanArith(i + 1)
	if pok {
		if p.at(pend) == tRParen {
			pend++
		} else {
			pok = false
		}
	}
	// Arithmetic is followed by what follows a SET action or, nested, by ")".
	alts := [...]alternative{
		completed(altPlusMinus, end, ok, setFollows(p.at(end)) || p.at(end) == tRParen),
		completed(altParens, pend, pok, setFollows(p.at(pend)) || p.at(pend) == tRParen),
	}
	return decide(i, alts[:])
}

// scanArith recognizes arithmetic at i.
func (p *parser) scanArith(i int) (int, bool) {
	if end, ok, known := memoGet(p.memo.arith, i); known {
		return end, ok
	}
	var end int
	var ok bool
	alt, failAt := p.predictArith(i)
	switch {
	case failAt >= 0:
		end, ok = failAt, false
	case alt == altPlusMinus:
		end, ok = p.scanPlusMinus(i)
	default:
		end, ok = p.scanArith(i + 1)
		if ok {
			if p.at(end) == tRParen {
				end++
			} else {
				ok = false
			}
		}
	}
	p.memoPut(&p.memo.arith, i, end, ok)
	return end, ok
}

// scanPlusMinus recognizes operand + operand or operand - operand at i.
func (p *parser) scanPlusMinus(i int) (int, bool) {
	end, ok := p.scanOperand(i)
	if !ok {
		return end, false
	}
	if k := p.at(end); k != tPlus && k != tMinus {
		return end, false
	}
	return p.scanOperand(end + 1)
}
