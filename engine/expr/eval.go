package expr

import (
	"bytes"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

// Eval reports whether the condition c (a ConditionExpression or
// FilterExpression) holds for item. item may be nil: the item does not
// exist, so every path is absent.
//
// The rules are DynamoDB's (checked against DynamoDB Local, and against
// the ScyllaDB Alternator suite where it records Amazon DynamoDB):
//
//   - An operand whose path does not resolve is absent. Every comparison,
//     BETWEEN, IN and function with an absent operand is false, except <>,
//     which is true: "a <> :v" and "a <> b" hold when a (or b) is missing.
//     NOT inverts whatever its operand gave.
//   - = and <> compare any types: values of different types are unequal,
//     numbers compare numerically, sets as sets, lists and maps deeply.
//   - <, <=, >, >= and BETWEEN order two S (by UTF-8 bytes), two N or two B
//     (by unsigned bytes); any other pair, or BETWEEN bounds in the wrong
//     order, is simply false.
//   - size() is the UTF-16 length of an S (what Java's String.length()
//     returns, and what Amazon DynamoDB returns too: "é𝄞" has size 3), the
//     byte length of a B, and the number of members, elements or entries
//     of a set, list or map. A number, boolean or null has no size: the
//     comparison it is in is false.
//
// Type errors that involve the request's own values (':v' of type BOOL in
// "a < :v", an attribute_type name that is no type) are ValidationExceptions
// DynamoDB raises before evaluating anything, even for a branch an OR would
// skip; they belong to binding. Evaluation never fails: data of the wrong
// type only makes the condition false. The error result is kept for the
// callers' sake and is always nil.
//
// Eval does not allocate.
func Eval(c Cond, item map[string]types.AttributeValue, env *Env) (bool, error) {
	return eval(c, item, env), nil
}

func eval(c Cond, item map[string]types.AttributeValue, env *Env) bool {
	switch c := c.(type) {
	case *Comparison:
		if c == nil {
			return false
		}
		return evalComparison(c.Op, evalOperand(c.Left, item, env), evalOperand(c.Right, item, env))
	case *Between:
		if c == nil {
			return false
		}
		o := evalOperand(c.Operand, item, env)
		lo, okLo := o.compare(evalOperand(c.Low, item, env))
		hi, okHi := o.compare(evalOperand(c.High, item, env))
		return okLo && okHi && lo >= 0 && hi <= 0
	case *In:
		if c == nil {
			return false
		}
		o := evalOperand(c.Operand, item, env)
		for _, x := range c.List {
			if o.equal(evalOperand(x, item, env)) {
				return true
			}
		}
		return false
	case *And:
		return c != nil && eval(c.Left, item, env) && eval(c.Right, item, env)
	case *Or:
		return c != nil && (eval(c.Left, item, env) || eval(c.Right, item, env))
	case *Not:
		return c != nil && !eval(c.Cond, item, env)
	case *AttributeExists:
		return c != nil && resolve(item, c.Path, env) != nil
	case *AttributeNotExists:
		return c != nil && resolve(item, c.Path, env) == nil
	case *AttributeType:
		if c == nil {
			return false
		}
		subject := resolve(item, c.Path, env)
		if c.Value != nil {
			subject = valueOf(env, c.Value)
		}
		return hasType(subject, evalOperand(c.Type, item, env))
	case *BeginsWith:
		if c == nil {
			return false
		}
		return beginsWith(evalOperand(c.Operand, item, env), evalOperand(c.Prefix, item, env))
	case *Contains:
		if c == nil {
			return false
		}
		return contains(evalOperand(c.Operand, item, env), evalOperand(c.Value, item, env))
	}
	return false
}

func evalComparison(op CompareOp, l, r operand) bool {
	switch op {
	case Eq:
		return l.equal(r)
	case Ne:
		return !l.equal(r)
	}
	c, ok := l.compare(r)
	if !ok {
		return false
	}
	switch op {
	case Lt:
		return c < 0
	case Le:
		return c <= 0
	case Gt:
		return c > 0
	case Ge:
		return c >= 0
	}
	return false
}

// evalOperand evaluates an operand of a condition: a path, a value or
// size(path). The update-only operands (if_not_exists, list_append, + and
// -) are not allowed in conditions; parsing rejects them, and here they
// are absent.
func evalOperand(op Operand, item map[string]types.AttributeValue, env *Env) operand {
	switch op := op.(type) {
	case *PathOperand:
		if op != nil {
			return valueOperand(resolve(item, op.Path, env))
		}
	case *ValueRef:
		return valueOperand(valueOf(env, op))
	case *Size:
		if op != nil && op.Value != nil {
			return sizeOf(valueOf(env, op.Value))
		}
		if op != nil {
			return sizeOf(resolve(item, op.Path, env))
		}
	}
	return operand{}
}

// sizeOf is size() of av: absent for a value without a size.
func sizeOf(av types.AttributeValue) operand {
	n := -1
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		n = utf16Len(v.Value)
	case *types.AttributeValueMemberB:
		n = len(v.Value)
	case *types.AttributeValueMemberSS:
		n = len(v.Value)
	case *types.AttributeValueMemberNS:
		n = len(v.Value)
	case *types.AttributeValueMemberBS:
		n = len(v.Value)
	case *types.AttributeValueMemberL:
		n = len(v.Value)
	case *types.AttributeValueMemberM:
		n = len(v.Value)
	}
	if n < 0 {
		return operand{}
	}
	return operand{size: n, kind: isSize}
}

// utf16Len is the length of s in UTF-16 code units: characters outside the
// Basic Multilingual Plane count twice.
func utf16Len(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			n = i
			for _, r := range s[i:] {
				n++
				if r >= 0x10000 {
					n++
				}
			}
			break
		}
	}
	return n
}

// hasType is attribute_type(path, :type): the value at path has the type
// named by :type, an S such as "SS" or "NULL".
func hasType(av types.AttributeValue, t operand) bool {
	name, ok := t.av.(*types.AttributeValueMemberS)
	return av != nil && t.kind == isValue && ok && value.Type(av) == name.Value
}

// beginsWith is begins_with(a, prefix): two S or two B values.
func beginsWith(a, prefix operand) bool {
	if a.kind != isValue || prefix.kind != isValue {
		return false
	}
	switch x := a.av.(type) {
	case *types.AttributeValueMemberS:
		p, ok := prefix.av.(*types.AttributeValueMemberS)
		return ok && strings.HasPrefix(x.Value, p.Value)
	case *types.AttributeValueMemberB:
		p, ok := prefix.av.(*types.AttributeValueMemberB)
		return ok && bytes.HasPrefix(x.Value, p.Value)
	}
	return false
}

// contains is contains(a, v): a substring of an S, a byte sequence within
// a B, a member of a set of v's type, or an element of a list equal to v
// (any type, compared as = compares).
func contains(a, v operand) bool {
	if a.kind != isValue || v.kind == absent {
		return false
	}
	switch x := a.av.(type) {
	case *types.AttributeValueMemberS:
		s, ok := v.av.(*types.AttributeValueMemberS)
		return ok && strings.Contains(x.Value, s.Value)
	case *types.AttributeValueMemberB:
		b, ok := v.av.(*types.AttributeValueMemberB)
		return ok && bytes.Contains(x.Value, b.Value)
	case *types.AttributeValueMemberSS:
		s, ok := v.av.(*types.AttributeValueMemberS)
		if !ok {
			return false
		}
		for _, m := range x.Value {
			if m == s.Value {
				return true
			}
		}
	case *types.AttributeValueMemberNS:
		return numberSetContains(x.Value, v)
	case *types.AttributeValueMemberBS:
		b, ok := v.av.(*types.AttributeValueMemberB)
		if !ok {
			return false
		}
		for _, m := range x.Value {
			if bytes.Equal(m, b.Value) {
				return true
			}
		}
	case *types.AttributeValueMemberL:
		for _, el := range x.Value {
			if valueOperand(el).equal(v) {
				return true
			}
		}
	}
	return false
}

// numberSetContains reports whether a number set has a member numerically
// equal to v, an N or a size.
func numberSetContains(members []string, v operand) bool {
	var want value.Number
	switch {
	case v.kind == isSize:
		want = sizeNumber(v.size)
	default:
		n, ok := v.av.(*types.AttributeValueMemberN)
		if !ok {
			return false
		}
		num, err := value.ParseNumber(n.Value)
		if err != nil {
			return false
		}
		want = num
	}
	for _, m := range members {
		if num, err := value.ParseNumber(m); err == nil && num == want {
			return true
		}
	}
	return false
}
