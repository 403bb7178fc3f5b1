package expr

import "fmt"

// UpdateExpression: SET, REMOVE, ADD and DELETE sections in any order, each
// at most once, each a comma-separated list of actions. The right side of a
// SET action is an operand, or operand + operand, operand - operand, or such
// arithmetic in parentheses; if_not_exists and list_append are its only
// functions, and only if_not_exists may appear inside another function or
// arithmetic.

// ParseUpdate parses an UpdateExpression. Errors are as ParseCondition's.
func ParseUpdate(src string) (*Update, error) {
	if err := checkText(UpdateExpr, src); err != nil {
		return nil, err
	}
	p := newParser(UpdateExpr, src)
	u, err := p.update()
	if err != nil {
		return nil, err
	}
	if p.first != nil {
		return nil, p.first
	}
	if len(p.order) > 1 {
		u.order = p.order
	}
	for i := len(u.Set) - 1; i >= 0; i-- {
		if b := firstBadOperand(u.Set[i].Value); b != nil {
			return nil, &deferredError{kind: UpdateExpr, msg: b.message(UpdateExpr), update: u}
		}
	}
	return u, nil
}

// Update sections, as bits of parser.sections.
const (
	sectionSet = 1 << iota
	sectionRemove
	sectionAdd
	sectionDelete
)

func (p *parser) update() (*Update, error) {
	u := &Update{}
	for first := true; ; first = false {
		var err error
		switch p.tok() {
		case tSet:
			err = p.section(sectionSet, "SET", func() error { return p.setAction(u) })
		case tRemove:
			err = p.section(sectionRemove, "REMOVE", func() error {
				path, err := p.path()
				u.Remove = append(u.Remove, path)
				return err
			})
		case tAdd:
			err = p.section(sectionAdd, "ADD", func() error {
				path, v, err := p.pathValue()
				u.Add = append(u.Add, AddAction{Path: path, Value: v})
				return err
			})
		case tDelete:
			err = p.section(sectionDelete, "DELETE", func() error {
				path, v, err := p.pathValue()
				u.Delete = append(u.Delete, DeleteAction{Path: path, Value: v})
				return err
			})
		default:
			if first || p.tok() != tEOF {
				return nil, p.syntaxAt(p.pos)
			}
			return u, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// section parses a section keyword and its comma-separated actions. A
// section used twice is an error DynamoDB notes at the end of the second.
func (p *parser) section(bit uint8, name string, action func() error) error {
	p.pos++
	for {
		if err := action(); err != nil {
			return err
		}
		if p.tok() != tComma {
			break
		}
		p.pos++
	}
	if p.sections&bit != 0 {
		p.note(invalid(p.kind, fmt.Sprintf(msgSectionUsedTwiceFmt, name)))
	} else {
		p.order = append(p.order, bit)
	}
	p.sections |= bit
	return nil
}

// pathValue parses the path :value of an ADD or DELETE action.
func (p *parser) pathValue() (Path, *ValueRef, error) {
	path, err := p.path()
	if err != nil {
		return nil, nil, err
	}
	if p.tok() != tValue {
		return nil, nil, p.syntaxAt(p.pos)
	}
	v := &ValueRef{Name: p.text(p.pos)}
	p.pos++
	return path, v, nil
}

// setAction parses path = value.
func (p *parser) setAction(u *Update) error {
	path, err := p.path()
	if err != nil {
		return err
	}
	if err := p.expect(tEq); err != nil {
		return err
	}
	alt, failAt := p.predictSetValue(p.pos)
	if failAt >= 0 {
		return p.syntaxAt(failAt)
	}
	var v Operand
	if alt == altOperand {
		v, _, err = p.operand(0)
	} else {
		v, _, err = p.arithmetic()
	}
	if err != nil {
		return err
	}
	u.Set = append(u.Set, SetAction{Path: path, Value: v})
	return nil
}

// arithmetic parses operand + operand, operand - operand, or arithmetic in
// parentheses. Its operands are nested one level.
func (p *parser) arithmetic() (o Operand, parens bool, err error) {
	alt, failAt := p.predictArith(p.pos)
	if failAt >= 0 {
		return nil, false, p.syntaxAt(failAt)
	}
	if alt == altParens {
		p.pos++
		inner, innerParens, err := p.arithmetic()
		if err != nil {
			return nil, false, err
		}
		if err := p.expect(tRParen); err != nil {
			return nil, false, err
		}
		if innerParens {
			return nil, false, p.redundant()
		}
		return inner, true, nil
	}
	left, _, err := p.operand(1)
	if err != nil {
		return nil, false, err
	}
	var op byte
	switch p.tok() {
	case tPlus:
		op = '+'
	case tMinus:
		op = '-'
	default:
		return nil, false, p.syntaxAt(p.pos)
	}
	p.pos++
	right, _, err := p.operand(1)
	if err != nil {
		return nil, false, err
	}
	return &Arithmetic{Op: op, Left: left, Right: right}, false, nil
}
