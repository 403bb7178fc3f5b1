package expr

import (
	"strconv"
	"strings"
)

// Printing: an AST back to expression text, deterministically and with no
// more parentheses than the tree's shape needs, so that parsing the text
// gives the same tree (the fuzz test checks it) and golden files read like
// the expressions they test.

// CondString prints a condition.
func CondString(c Cond) string {
	var b strings.Builder
	printCond(&b, c)
	return b.String()
}

// OperandString prints an operand.
func OperandString(o Operand) string {
	var b strings.Builder
	printOperand(&b, o)
	return b.String()
}

// PathString prints a document path.
func PathString(p Path) string {
	var b strings.Builder
	printPath(&b, p)
	return b.String()
}

// UpdateString prints an update, its sections in the order SET, REMOVE,
// ADD, DELETE.
func UpdateString(u *Update) string {
	var b strings.Builder
	section := func(name string, n int, action func(i int)) {
		if n == 0 {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(name)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte(' ')
			action(i)
		}
	}
	section("SET", len(u.Set), func(i int) {
		printPath(&b, u.Set[i].Path)
		b.WriteString(" = ")
		printOperand(&b, u.Set[i].Value)
	})
	section("REMOVE", len(u.Remove), func(i int) { printPath(&b, u.Remove[i]) })
	section("ADD", len(u.Add), func(i int) {
		printPath(&b, u.Add[i].Path)
		b.WriteByte(' ')
		b.WriteString(u.Add[i].Value.Name)
	})
	section("DELETE", len(u.Delete), func(i int) {
		printPath(&b, u.Delete[i].Path)
		b.WriteByte(' ')
		b.WriteString(u.Delete[i].Value.Name)
	})
	return b.String()
}

// ProjectionString prints a projection.
func ProjectionString(p Projection) string {
	var b strings.Builder
	for i, path := range p {
		if i > 0 {
			b.WriteString(", ")
		}
		printPath(&b, path)
	}
	return b.String()
}

// printCond prints c. A child condition gets parentheses only where
// precedence or associativity (left, for AND and OR) needs them.
func printCond(b *strings.Builder, c Cond) {
	switch c := c.(type) {
	case *Comparison:
		printOperand(b, c.Left)
		b.WriteByte(' ')
		b.WriteString(c.Op.String())
		b.WriteByte(' ')
		printOperand(b, c.Right)
	case *Between:
		printOperand(b, c.Operand)
		b.WriteString(" BETWEEN ")
		printOperand(b, c.Low)
		b.WriteString(" AND ")
		printOperand(b, c.High)
	case *In:
		printOperand(b, c.Operand)
		b.WriteString(" IN (")
		for i, o := range c.List {
			if i > 0 {
				b.WriteString(", ")
			}
			printOperand(b, o)
		}
		b.WriteByte(')')
	case *And:
		printChild(b, c.Left, isOr(c.Left))
		b.WriteString(" AND ")
		printChild(b, c.Right, isOr(c.Right) || isAnd(c.Right))
	case *Or:
		printCond(b, c.Left)
		b.WriteString(" OR ")
		printChild(b, c.Right, isOr(c.Right))
	case *Not:
		b.WriteString("NOT ")
		printChild(b, c.Cond, isOr(c.Cond) || isAnd(c.Cond))
	case *AttributeExists:
		printCall(b, "attribute_exists", &PathOperand{Path: c.Path})
	case *AttributeNotExists:
		printCall(b, "attribute_not_exists", &PathOperand{Path: c.Path})
	case *AttributeType:
		if c.Value != nil {
			printCall(b, "attribute_type", c.Value, c.Type)
		} else {
			printCall(b, "attribute_type", &PathOperand{Path: c.Path}, c.Type)
		}
	case *BeginsWith:
		printCall(b, "begins_with", c.Operand, c.Prefix)
	case *Contains:
		printCall(b, "contains", c.Operand, c.Value)
	case *badCall:
		printCall(b, functions[c.fn].name, c.args...)
	default:
		b.WriteString("<nil>")
	}
}

func isAnd(c Cond) bool { _, ok := c.(*And); return ok }
func isOr(c Cond) bool  { _, ok := c.(*Or); return ok }

func printChild(b *strings.Builder, c Cond, parens bool) {
	if parens {
		b.WriteByte('(')
	}
	printCond(b, c)
	if parens {
		b.WriteByte(')')
	}
}

func printOperand(b *strings.Builder, o Operand) {
	switch o := o.(type) {
	case *PathOperand:
		printPath(b, o.Path)
	case *ValueRef:
		b.WriteString(o.Name)
	case *Size:
		if o.Value != nil {
			printCall(b, "size", o.Value)
		} else {
			printCall(b, "size", &PathOperand{Path: o.Path})
		}
	case *IfNotExists:
		printCall(b, "if_not_exists", &PathOperand{Path: o.Path}, o.Default)
	case *ListAppend:
		printCall(b, "list_append", o.First, o.Second)
	case *Arithmetic:
		printOperand(b, o.Left)
		b.WriteByte(' ')
		b.WriteByte(o.Op)
		b.WriteByte(' ')
		printOperand(b, o.Right)
	case *badCall:
		printCall(b, functions[o.fn].name, o.args...)
	default:
		b.WriteString("<nil>")
	}
}

func printCall(b *strings.Builder, name string, args ...Operand) {
	b.WriteString(name)
	b.WriteByte('(')
	for i, a := range args {
		if i > 0 {
			b.WriteString(", ")
		}
		printOperand(b, a)
	}
	b.WriteByte(')')
}

func printPath(b *strings.Builder, p Path) {
	for i, el := range p {
		switch {
		case el.IsIndex:
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(el.Index))
			b.WriteByte(']')
		default:
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(el.Name)
		}
	}
}
