package validate

import (
	"bytes"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// Structural checks of the expression parameters. Parsing and evaluating
// expressions, and the "unused in expressions" checks that need the parse,
// belong to package engine/expr; the engine runs them after these.

// paramSet names an operation's expression parameter and the legacy
// parameter it replaces.
type paramSet struct {
	expression, legacy string
	// values reports whether the expression takes ExpressionAttributeValues
	// (a ProjectionExpression does not).
	values bool
}

var (
	conditionParams  = paramSet{"ConditionExpression", "Expected", true}
	projectionParams = paramSet{"ProjectionExpression", "AttributesToGet", false}
)

// expressionParams rejects a request that mixes an expression with the
// legacy parameter it replaces, or carries ExpressionAttributeNames/Values
// without an expression that could use them.
func expressionParams(hasExpr, hasLegacy, hasNames, hasValues bool, p paramSet) error {
	if hasExpr && hasLegacy {
		return apierr.Validation("Can not use both expression and non-expression parameters in the same request: " +
			"Non-expression parameters: {" + p.legacy + "} Expression parameters: {" + p.expression + "}")
	}
	if hasNames && !hasExpr {
		return apierr.Validation("ExpressionAttributeNames can only be specified when using expressions")
	}
	if hasValues && p.values && !hasExpr {
		return apierr.Validation("ExpressionAttributeValues can only be specified when using expressions: " + p.expression + " is null")
	}
	return nil
}

// expression is one expression parameter of a request.
type expression struct {
	name string  // "ConditionExpression", ...
	text *string // nil when absent
}

// expressions checks the shape of ExpressionAttributeNames and
// ExpressionAttributeValues and that no expression is empty.
func expressions(names map[string]string, values map[string]types.AttributeValue, exprs ...expression) error {
	if names != nil {
		if len(names) == 0 {
			return apierr.Validation("ExpressionAttributeNames must not be empty")
		}
		for _, k := range sortedKeys(names) {
			if !isPlaceholder(k, '#') {
				return apierr.Validation(`ExpressionAttributeNames contains invalid key: Syntax error; key: "` + k + `"`)
			}
		}
	}
	if values != nil {
		if len(values) == 0 {
			return apierr.Validation("ExpressionAttributeValues must not be empty")
		}
		keys := sortedKeys(values)
		for _, k := range keys {
			if !isPlaceholder(k, ':') {
				return apierr.Validation(`ExpressionAttributeValues contains invalid key: Syntax error; key: "` + k + `"`)
			}
		}
		for _, k := range keys {
			if err := checkValue(values[k]); err != nil {
				_, msg := apierr.Code(err)
				return apierr.Validation("ExpressionAttributeValues contains invalid value: " + msg + " for key " + k)
			}
		}
	}
	for _, e := range exprs {
		if e.text != nil && *e.text == "" {
			return apierr.Validation("Invalid " + e.name + ": The expression can not be empty;")
		}
	}
	return nil
}

// isPlaceholder reports whether s is prefix followed by [0-9a-zA-Z_]+.
func isPlaceholder(s string, prefix byte) bool {
	if len(s) < 2 || s[0] != prefix {
		return false
	}
	for i := 1; i < len(s); i++ {
		ch := s[i]
		if !('a' <= ch && ch <= 'z' || 'A' <= ch && ch <= 'Z' || '0' <= ch && ch <= '9' || ch == '_') {
			return false
		}
	}
	return true
}

// expectedModel checks the model constraints of a legacy Expected map.
func (c *collector) expectedModel(exp map[string]types.ExpectedAttributeValue) {
	for _, name := range sortedKeys(exp) {
		e := exp[name]
		c.checkEnum(string(e.ComparisonOperator), "expected."+name+".member.comparisonOperator", enumComparisonOperator...)
	}
}

// argCounts is the number of values each legacy comparison operator takes;
// -1 means one or more.
var argCounts = map[types.ComparisonOperator]int{
	types.ComparisonOperatorEq: 1, types.ComparisonOperatorNe: 1,
	types.ComparisonOperatorLe: 1, types.ComparisonOperatorLt: 1,
	types.ComparisonOperatorGe: 1, types.ComparisonOperatorGt: 1,
	types.ComparisonOperatorContains: 1, types.ComparisonOperatorNotContains: 1,
	types.ComparisonOperatorBeginsWith: 1,
	types.ComparisonOperatorNull:       0, types.ComparisonOperatorNotNull: 0,
	types.ComparisonOperatorIn:      -1,
	types.ComparisonOperatorBetween: 2,
}

// expected checks the conditions of a legacy Expected map, attribute by
// attribute in name order.
func expected(exp map[string]types.ExpectedAttributeValue) error {
	for _, name := range sortedKeys(exp) {
		if err := expectedOne(name, exp[name]); err != nil {
			return err
		}
	}
	return nil
}

func expectedOne(name string, e types.ExpectedAttributeValue) error {
	if e.AttributeValueList != nil && e.Value != nil {
		return apierr.Validation(invalid + "Value and AttributeValueList cannot be used together for Attribute: " + name)
	}
	if op := e.ComparisonOperator; op != "" {
		if e.Exists != nil {
			return apierr.Validation(invalid + "Exists and ComparisonOperator cannot be used together for Attribute: " + name)
		}
		if op != types.ComparisonOperatorNull && op != types.ComparisonOperatorNotNull &&
			e.AttributeValueList == nil && e.Value == nil {
			return apierr.Validation(invalid + "Value or AttributeValueList must be used with ComparisonOperator: " + string(op) + " for Attribute: " + name)
		}
		args := e.AttributeValueList
		if e.Value != nil {
			args = []types.AttributeValue{e.Value}
		}
		for _, av := range args {
			if err := checkValue(av); err != nil {
				return err
			}
		}
		want := argCounts[op]
		if want >= 0 && len(args) != want || want < 0 && len(args) == 0 {
			return apierr.Validation(invalid + "Invalid number of argument(s) for the " + string(op) + " ComparisonOperator")
		}
		if len(e.AttributeValueList) > 0 {
			t := value.Type(e.AttributeValueList[0])
			for _, av := range e.AttributeValueList[1:] {
				if value.Type(av) != t {
					return apierr.Validation(invalid + "AttributeValues inside AttributeValueList must be of same type")
				}
			}
			if op == types.ComparisonOperatorBetween && compareScalars(e.AttributeValueList[0], e.AttributeValueList[1]) > 0 {
				return apierr.Validation("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound")
			}
		}
		return nil
	}
	if e.AttributeValueList != nil {
		return apierr.Validation(invalid + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name)
	}
	exists := e.Exists == nil || *e.Exists
	if exists && e.Value == nil {
		state := "null"
		if e.Exists != nil {
			state = strconv.FormatBool(*e.Exists)
		}
		return apierr.Validation(invalid + "Value must be provided when Exists is " + state + " for Attribute: " + name)
	}
	if !exists && e.Value != nil {
		return apierr.Validation(invalid + "Value cannot be used when Exists is false for Attribute: " + name)
	}
	if e.Value != nil {
		return checkValue(e.Value)
	}
	return nil
}

// compareScalars orders two values of the same scalar type (S, N or B) as
// DynamoDB does; other types compare equal.
func compareScalars(a, b types.AttributeValue) int {
	switch x := a.(type) {
	case *types.AttributeValueMemberS:
		if y, ok := b.(*types.AttributeValueMemberS); ok {
			return bytes.Compare([]byte(x.Value), []byte(y.Value))
		}
	case *types.AttributeValueMemberB:
		if y, ok := b.(*types.AttributeValueMemberB); ok {
			return bytes.Compare(x.Value, y.Value)
		}
	case *types.AttributeValueMemberN:
		if y, ok := b.(*types.AttributeValueMemberN); ok {
			nx, err1 := value.ParseNumber(x.Value)
			ny, err2 := value.ParseNumber(y.Value)
			if err1 == nil && err2 == nil {
				return nx.Cmp(ny)
			}
		}
	}
	return 0
}
