package repo

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
)

// Filter is a condition on stored items: a List filter, or a write's When
// condition. Build one with Eq, Ne, Lt, Le, Gt, Ge, Exists, NotExists,
// BeginsWith, In and And, or wrap any condition from aws-sdk-go-v2's
// expression package with Raw. Paths are in DynamoDB's document-path
// notation ("address.city", "tags[0]") and are checked, with the values,
// against T's fields when the filter is used; the reserved attributes
// (AttrVersion, AttrTimestamp, AttrTTL) may be named too.
type Filter struct {
	op     filterOp
	path   string
	values []any
	and    []Filter
	raw    *expression.ConditionBuilder
}

type filterOp int

const (
	opNone filterOp = iota
	opEq
	opNe
	opLt
	opLe
	opGt
	opGe
	opExists
	opNotExists
	opBeginsWith
	opIn
	opAnd
	opRaw
)

// Eq matches items whose value at path equals v.
func Eq(path string, v any) Filter { return Filter{op: opEq, path: path, values: []any{v}} }

// Ne matches items whose value at path differs from v (or is absent).
func Ne(path string, v any) Filter { return Filter{op: opNe, path: path, values: []any{v}} }

// Lt, Le, Gt and Ge compare the value at path with v (numbers by value,
// strings and binaries by bytes, as DynamoDB does).
func Lt(path string, v any) Filter { return Filter{op: opLt, path: path, values: []any{v}} }

// Le: see Lt.
func Le(path string, v any) Filter { return Filter{op: opLe, path: path, values: []any{v}} }

// Gt: see Lt.
func Gt(path string, v any) Filter { return Filter{op: opGt, path: path, values: []any{v}} }

// Ge: see Lt.
func Ge(path string, v any) Filter { return Filter{op: opGe, path: path, values: []any{v}} }

// Exists matches items that have a value at path.
func Exists(path string) Filter { return Filter{op: opExists, path: path} }

// NotExists matches items that have no value at path.
func NotExists(path string) Filter { return Filter{op: opNotExists, path: path} }

// BeginsWith matches items whose string at path begins with prefix.
func BeginsWith(path, prefix string) Filter {
	return Filter{op: opBeginsWith, path: path, values: []any{prefix}}
}

// In matches items whose value at path equals one of vs (1 to 100 values).
func In(path string, vs ...any) Filter { return Filter{op: opIn, path: path, values: vs} }

// And matches items that match every one of fs.
func And(fs ...Filter) Filter { return Filter{op: opAnd, and: fs} }

// Raw wraps a condition built with the expression package. It is sent as
// it is, unchecked.
func Raw(c expression.ConditionBuilder) Filter { return Filter{op: opRaw, raw: &c} }

// IsZero reports whether f is the zero Filter, which matches everything.
func (f Filter) IsZero() bool { return f.op == opNone }

// reservedShapes are the repository's own attributes, which filters and
// conditions may name.
var reservedShapes = map[string]*shape{
	AttrVersion:   {kind: kindNumber, goType: typeInt64},
	AttrTTL:       {kind: kindNumber, goType: typeInt64},
	AttrTimestamp: {kind: kindString, goType: typeString},
}

// condition checks f against T's shape and builds it.
func (f Filter) condition(s *shape) (expression.ConditionBuilder, error) {
	switch f.op {
	case opRaw:
		return *f.raw, nil
	case opAnd:
		if len(f.and) == 0 {
			return expression.ConditionBuilder{}, fmt.Errorf("And of no filters")
		}
		conds := make([]expression.ConditionBuilder, 0, len(f.and))
		for _, sub := range f.and {
			if sub.IsZero() {
				continue
			}
			c, err := sub.condition(s)
			if err != nil {
				return c, err
			}
			conds = append(conds, c)
		}
		if len(conds) == 1 {
			return conds[0], nil
		}
		return expression.And(conds[0], conds[1], conds[2:]...), nil
	case opNone:
		return expression.ConditionBuilder{}, fmt.Errorf("empty filter")
	}
	at, err := filterShape(s, f.path)
	if err != nil {
		return expression.ConditionBuilder{}, err
	}
	name := expression.Name(f.path)
	switch f.op {
	case opExists:
		return expression.AttributeExists(name), nil
	case opNotExists:
		return expression.AttributeNotExists(name), nil
	case opBeginsWith:
		if at.kind != kindString && at.kind != kindAny {
			return expression.ConditionBuilder{}, fmt.Errorf("BeginsWith(%q): %s is not a string", f.path, at.goType)
		}
		return expression.BeginsWith(name, f.values[0].(string)), nil
	case opIn:
		if len(f.values) == 0 || len(f.values) > 100 {
			return expression.ConditionBuilder{}, fmt.Errorf("In(%q): %d values; it takes 1 to 100", f.path, len(f.values))
		}
	}
	operands := make([]expression.OperandBuilder, len(f.values))
	for i, v := range f.values {
		av, ok, err := at.marshalAt(v)
		if err != nil {
			return expression.ConditionBuilder{}, fmt.Errorf("filter on %q: %w", f.path, err)
		}
		if !ok {
			return expression.ConditionBuilder{}, fmt.Errorf("filter on %q: the value is empty and %q omits empty values", f.path, f.path)
		}
		operands[i] = expression.Value(av)
	}
	switch f.op {
	case opEq:
		return expression.Equal(name, operands[0]), nil
	case opNe:
		return expression.NotEqual(name, operands[0]), nil
	case opLt:
		return expression.LessThan(name, operands[0]), nil
	case opLe:
		return expression.LessThanEqual(name, operands[0]), nil
	case opGt:
		return expression.GreaterThan(name, operands[0]), nil
	case opGe:
		return expression.GreaterThanEqual(name, operands[0]), nil
	case opIn:
		return expression.In(name, operands[0], operands[1:]...), nil
	}
	return expression.ConditionBuilder{}, fmt.Errorf("unknown filter")
}

// filterShape resolves a filter's path: one of T's or a reserved attribute.
func filterShape(s *shape, path string) (*shape, error) {
	if rs, ok := reservedShapes[path]; ok {
		return rs, nil
	}
	return s.resolve(path)
}
