package engine

import (
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
)

// legacyCondition turns a legacy condition map (QueryFilter, ScanFilter)
// into the AST of the equivalent expression, with its values in env (which
// a request with legacy parameters cannot otherwise use). Conditions are
// joined by op (AND unless OR), in attribute name order.
func legacyCondition(conds map[string]types.Condition, op types.ConditionalOperator, env *expr.Env) expr.Cond {
	if len(conds) == 0 {
		return nil
	}
	if env.Values == nil {
		env.Values = map[string]types.AttributeValue{}
	}
	names := make([]string, 0, len(conds))
	for n := range conds {
		names = append(names, n)
	}
	slices.Sort(names)
	var out expr.Cond
	for _, name := range names {
		c := legacyOne(name, conds[name], env)
		switch {
		case out == nil:
			out = c
		case op == types.ConditionalOperatorOr:
			out = &expr.Or{Left: out, Right: c}
		default:
			out = &expr.And{Left: out, Right: c}
		}
	}
	return out
}

func legacyOne(name string, c types.Condition, env *expr.Env) expr.Cond {
	path := expr.Path{{Name: name}}
	attr := &expr.PathOperand{Path: path}
	vals := make([]expr.Operand, len(c.AttributeValueList))
	for i, v := range c.AttributeValueList {
		ref := &expr.ValueRef{Name: ":legacy" + strconv.Itoa(len(env.Values))}
		env.Values[ref.Name] = v
		vals[i] = ref
	}
	arg := func(i int) expr.Operand { return vals[i] }
	switch c.ComparisonOperator {
	case types.ComparisonOperatorEq:
		return &expr.Comparison{Op: expr.Eq, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorNe:
		return &expr.Comparison{Op: expr.Ne, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorLt:
		return &expr.Comparison{Op: expr.Lt, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorLe:
		return &expr.Comparison{Op: expr.Le, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorGt:
		return &expr.Comparison{Op: expr.Gt, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorGe:
		return &expr.Comparison{Op: expr.Ge, Left: attr, Right: arg(0)}
	case types.ComparisonOperatorNull:
		return &expr.AttributeNotExists{Path: path}
	case types.ComparisonOperatorNotNull:
		return &expr.AttributeExists{Path: path}
	case types.ComparisonOperatorContains:
		return &expr.Contains{Operand: attr, Value: arg(0)}
	case types.ComparisonOperatorNotContains:
		return &expr.Not{Cond: &expr.Contains{Operand: attr, Value: arg(0)}}
	case types.ComparisonOperatorBeginsWith:
		return &expr.BeginsWith{Operand: attr, Prefix: arg(0)}
	case types.ComparisonOperatorIn:
		return &expr.In{Operand: attr, List: vals}
	case types.ComparisonOperatorBetween:
		return &expr.Between{Operand: attr, Low: arg(0), High: arg(1)}
	}
	return &expr.AttributeExists{Path: path} // unreachable: validate checked the operator
}

// legacyExpected turns a legacy Expected map (PutItem, UpdateItem,
// DeleteItem) into the AST of the equivalent condition, like
// legacyCondition. Without a ComparisonOperator, Exists=false means
// attribute_not_exists and a Value means equality.
func legacyExpected(exp map[string]types.ExpectedAttributeValue, op types.ConditionalOperator, env *expr.Env) expr.Cond {
	if len(exp) == 0 {
		return nil
	}
	conds := make(map[string]types.Condition, len(exp))
	for name, e := range exp {
		switch {
		case e.ComparisonOperator != "":
			list := e.AttributeValueList
			if e.Value != nil {
				list = []types.AttributeValue{e.Value}
			}
			conds[name] = types.Condition{ComparisonOperator: e.ComparisonOperator, AttributeValueList: list}
		case e.Exists != nil && !*e.Exists:
			conds[name] = types.Condition{ComparisonOperator: types.ComparisonOperatorNull}
		default:
			conds[name] = types.Condition{ComparisonOperator: types.ComparisonOperatorEq, AttributeValueList: []types.AttributeValue{e.Value}}
		}
	}
	return legacyCondition(conds, op, env)
}
