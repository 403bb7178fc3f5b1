package expr

import "strconv"

// Function calls become AST nodes when the AST can hold them. Some calls it
// cannot hold: a wrong number of operands, or an operand DynamoDB requires
// to be a document path that is not one (attribute_exists(:v),
// if_not_exists(:v, :w)). DynamoDB rejects those only when it checks the
// expression against the request's values, after any undefined placeholder
// met earlier in that check; so such a call becomes a *badCall, which
// binding reports in its turn. A few calls DynamoDB accepts have no AST
// node either (size of a value, attribute_type of a value); they become a
// *badCall too, which binding reports as unsupported if nothing before it
// fails.

// badCall is a function call the AST cannot hold. It appears only inside
// a deferredError, never in a tree that Parse returns.
type badCall struct {
	fn   fnID
	args []Operand
}

func (*badCall) isOperand() {}
func (*badCall) isCond()    {}

// callNode is a parsed call as the AST node it became, seen as an Operand
// and as a Cond. Only a *badCall is both; for the others one is nil: a
// call where its kind cannot appear has been noted as a function error,
// and the parse fails with that.
type callNode struct {
	operand Operand
	cond    Cond
}

// newCall builds the node for a call of fn (known false: an unknown
// function, already noted) with args.
func newCall(fn fnID, known bool, args []Operand) callNode {
	if !known {
		return newBadCall(fn, args)
	}
	path := func(i int) (Path, bool) {
		po, ok := args[i].(*PathOperand)
		if !ok {
			return nil, false
		}
		return po.Path, true
	}
	if len(args) != functions[fn].operands {
		return newBadCall(fn, args)
	}
	switch fn {
	case fnAttributeExists, fnAttributeNotExists:
		p, ok := path(0)
		if !ok {
			return newBadCall(fn, args)
		}
		if fn == fnAttributeExists {
			return callNode{cond: &AttributeExists{Path: p}}
		}
		return callNode{cond: &AttributeNotExists{Path: p}}
	case fnAttributeType:
		if p, ok := path(0); ok {
			return callNode{cond: &AttributeType{Path: p, Type: args[1]}}
		}
		if v, ok := args[0].(*ValueRef); ok {
			return callNode{cond: &AttributeType{Value: v, Type: args[1]}}
		}
		return newBadCall(fn, args)
	case fnBeginsWith:
		return callNode{cond: &BeginsWith{Operand: args[0], Prefix: args[1]}}
	case fnContains:
		return callNode{cond: &Contains{Operand: args[0], Value: args[1]}}
	case fnSize:
		if p, ok := path(0); ok {
			return callNode{operand: &Size{Path: p}}
		}
		if v, ok := args[0].(*ValueRef); ok {
			return callNode{operand: &Size{Value: v}}
		}
		return newBadCall(fn, args)
	case fnIfNotExists:
		p, ok := path(0)
		if !ok {
			return newBadCall(fn, args)
		}
		return callNode{operand: &IfNotExists{Path: p, Default: args[1]}}
	}
	return callNode{operand: &ListAppend{First: args[0], Second: args[1]}}
}

func newBadCall(fn fnID, args []Operand) callNode {
	b := &badCall{fn: fn, args: append([]Operand(nil), args...)}
	return callNode{operand: b, cond: b}
}

// asOperand is c where an operand is expected.
func (c callNode) asOperand() Operand {
	if c.operand == nil {
		return newBadCall(0, nil).operand
	}
	return c.operand
}

// asCond is c where a condition is expected.
func (c callNode) asCond() Cond {
	if c.cond == nil {
		return newBadCall(0, nil).cond
	}
	return c.cond
}

// firstBadCond is the first *badCall under c in DynamoDB's checking order
// (operands before the operator that takes them, left to right), or nil.
func firstBadCond(c Cond) *badCall {
	switch c := c.(type) {
	case *Comparison:
		return firstBad(c.Left, c.Right)
	case *Between:
		return firstBad(c.Operand, c.Low, c.High)
	case *In:
		if b := firstBadOperand(c.Operand); b != nil {
			return b
		}
		return firstBad(c.List...)
	case *And:
		if b := firstBadCond(c.Left); b != nil {
			return b
		}
		return firstBadCond(c.Right)
	case *Or:
		if b := firstBadCond(c.Left); b != nil {
			return b
		}
		return firstBadCond(c.Right)
	case *Not:
		return firstBadCond(c.Cond)
	case *AttributeType:
		return firstBadOperand(c.Type)
	case *BeginsWith:
		return firstBad(c.Operand, c.Prefix)
	case *Contains:
		return firstBad(c.Operand, c.Value)
	case *badCall:
		if b := firstBad(c.args...); b != nil {
			return b
		}
		return c
	}
	return nil
}

func firstBad(os ...Operand) *badCall {
	for _, o := range os {
		if b := firstBadOperand(o); b != nil {
			return b
		}
	}
	return nil
}

// firstBadOperand is firstBadCond for an operand.
func firstBadOperand(o Operand) *badCall {
	switch o := o.(type) {
	case *IfNotExists:
		return firstBadOperand(o.Default)
	case *ListAppend:
		return firstBad(o.First, o.Second)
	case *Arithmetic:
		return firstBad(o.Left, o.Right)
	case *badCall:
		if b := firstBad(o.args...); b != nil {
			return b
		}
		return o
	}
	return nil
}

// message is the error b stands for when nothing else fails first: the
// operand count, a missing path, a path or function result of the wrong
// type; otherwise the call is valid but has no AST node.
func (b *badCall) message(kind Kind) string {
	f := &functions[b.fn]
	if len(b.args) != f.operands {
		return invalidMessage(kind, msgOperandCount, "operator or function", f.name, "number of operands", strconv.Itoa(len(b.args)))
	}
	for _, a := range b.args {
		if t := staticTypes(a); t&f.accepts == 0 {
			return invalidMessage(kind, msgOperandType, "operator or function", f.name, "operand type", typesName(t))
		}
	}
	if f.firstIsPath {
		if _, ok := b.args[0].(*PathOperand); !ok {
			return invalidMessage(kind, msgPathRequired, "operator or function", f.name)
		}
	}
	return unsupportedMessage(kind, f.name+" of an operand that is not a document path")
}

// unsupportedMessage is the error for what DynamoDB accepts but the AST
// cannot hold: size or attribute_type of something other than a document
// path, a :value step in a document path.
func unsupportedMessage(kind Kind, what string) string {
	return "Invalid " + kind.String() + ": " + what + " is not supported by dynabase"
}

// staticTypes is the possible types of o known without the request's
// values (all types for a value placeholder).
func staticTypes(o Operand) typeSet {
	switch o := o.(type) {
	case *Size:
		return typeN
	case *ListAppend:
		return typeL
	case *Arithmetic:
		return typeN
	case *badCall:
		return functions[o.fn].returns
	}
	return typesAll
}

// typesName is how DynamoDB prints a set of possible types.
func typesName(t typeSet) string {
	if n := t.name(); n != "" {
		return n
	}
	return pathTypes
}
