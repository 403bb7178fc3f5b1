package validate

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// MaxItemSize is the largest item DynamoDB stores, by value.ItemSize.
const MaxItemSize = 409_600

// The value checks of package value, as variables so the tests of this
// package can run while package value is young.
var (
	checkValue    = value.CheckValue
	checkItem     = value.CheckItem
	checkItemSize = value.CheckItemSize
)

// PutItem checks everything of a PutItem request that does not depend on the
// table: the model constraints, the mixing of expression and legacy
// parameters, every attribute value of the item (value.CheckItem), ReturnValues, the item
// size, Expected, and the structure of the expression parameters. DynamoDB
// makes all of these checks before it looks the table up: an oversized item
// or an empty set is a ValidationException even for a table that does not
// exist.
//
// It returns the item's size by DynamoDB's rules, which it computes for
// the size check anyway, so the caller need not walk the item again.
func PutItem(in *dynamodb.PutItemInput) (size int, err error) {
	// The member list mirrors DynamoDB's API model and repeats DeleteItem's
	// shared members on purpose: built in one place, the closures escape to
	// the heap (11 allocations more per PutItem).
	var c collector
	c.structure(
		member{"item", func() {
			if in.Item == nil {
				c.add(null, "item", notNull)
			}
		}},
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"conditionExpression", nil},
		member{"conditionalOperator", func() { c.checkEnum(string(in.ConditionalOperator), "conditionalOperator", enumConditionalOperator...) }},
		member{"expected", func() { c.expectedModel(in.Expected) }},
		member{"expressionAttributeNames", nil},
		member{"expressionAttributeValues", nil},
		member{"returnConsumedCapacity", func() {
			c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
		}},
		member{"returnItemCollectionMetrics", func() {
			c.checkEnum(string(in.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", enumReturnItemCollectionMetrics...)
		}},
		member{"returnValues", func() { c.checkEnum(string(in.ReturnValues), "returnValues", enumReturnValues...) }},
		member{"returnValuesOnConditionCheckFailure", func() {
			c.checkEnum(string(in.ReturnValuesOnConditionCheckFailure), "returnValuesOnConditionCheckFailure", enumReturnValuesOnCondition...)
		}},
	)
	if err := c.err(); err != nil {
		return 0, err
	}
	if err := expressionParams(in.ConditionExpression != nil, in.Expected != nil,
		in.ExpressionAttributeNames != nil, in.ExpressionAttributeValues != nil, conditionParams); err != nil {
		return 0, err
	}
	size, err = checkItemSize(in.Item)
	if err != nil {
		return 0, err
	}
	if in.ReturnValues != "" && in.ReturnValues != types.ReturnValueNone && in.ReturnValues != types.ReturnValueAllOld {
		return 0, errReturnValues
	}
	if size > MaxItemSize {
		return 0, errItemSize
	}
	if err := expected(in.Expected); err != nil {
		return 0, err
	}
	return size, expressions(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		expression{"ConditionExpression", in.ConditionExpression})
}

var (
	errReturnValues = apierr.Validation("ReturnValues can only be ALL_OLD or NONE")
	errItemSize     = apierr.Validation("Item size has exceeded the maximum allowed size")
)

// GetItem checks everything of a GetItem request that does not depend on the
// table.
func GetItem(in *dynamodb.GetItemInput) error {
	var c collector
	c.structure(
		member{"key", func() {
			if in.Key == nil {
				c.add(null, "key", notNull)
			}
		}},
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"attributesToGet", func() {
			if a := in.AttributesToGet; a != nil {
				if len(a) < 1 {
					c.add(renderStrings(a), "attributesToGet", minLen(1))
				} else if len(a) > 255 {
					c.add(renderStrings(a), "attributesToGet", maxLen(255))
				}
			}
		}},
		member{"consistentRead", nil},
		member{"expressionAttributeNames", nil},
		member{"projectionExpression", nil},
		member{"returnConsumedCapacity", func() {
			c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
		}},
	)
	if err := c.err(); err != nil {
		return err
	}
	if err := expressionParams(in.ProjectionExpression != nil, in.AttributesToGet != nil,
		in.ExpressionAttributeNames != nil, false, projectionParams); err != nil {
		return err
	}
	if err := checkItem(in.Key); err != nil {
		return err
	}
	seen := make(map[string]bool, len(in.AttributesToGet))
	for _, a := range in.AttributesToGet {
		if seen[a] {
			return apierr.Validation(invalid + "Duplicate value in attribute name: " + a)
		}
		seen[a] = true
	}
	return expressions(in.ExpressionAttributeNames, nil, expression{"ProjectionExpression", in.ProjectionExpression})
}

// DeleteItem checks everything of a DeleteItem request that does not depend
// on the table. Unlike PutItem, DeleteItem checks ReturnValues only after the
// table lookup; see DeleteItemKey.
func DeleteItem(in *dynamodb.DeleteItemInput) error {
	var c collector
	c.structure(
		member{"key", func() {
			if in.Key == nil {
				c.add(null, "key", notNull)
			}
		}},
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"conditionExpression", nil},
		member{"conditionalOperator", func() { c.checkEnum(string(in.ConditionalOperator), "conditionalOperator", enumConditionalOperator...) }},
		member{"expected", func() { c.expectedModel(in.Expected) }},
		member{"expressionAttributeNames", nil},
		member{"expressionAttributeValues", nil},
		member{"returnConsumedCapacity", func() {
			c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
		}},
		member{"returnItemCollectionMetrics", func() {
			c.checkEnum(string(in.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", enumReturnItemCollectionMetrics...)
		}},
		member{"returnValues", func() { c.checkEnum(string(in.ReturnValues), "returnValues", enumReturnValues...) }},
		member{"returnValuesOnConditionCheckFailure", func() {
			c.checkEnum(string(in.ReturnValuesOnConditionCheckFailure), "returnValuesOnConditionCheckFailure", enumReturnValuesOnCondition...)
		}},
	)
	if err := c.err(); err != nil {
		return err
	}
	if err := expressionParams(in.ConditionExpression != nil, in.Expected != nil,
		in.ExpressionAttributeNames != nil, in.ExpressionAttributeValues != nil, conditionParams); err != nil {
		return err
	}
	if err := checkItem(in.Key); err != nil {
		return err
	}
	if err := expected(in.Expected); err != nil {
		return err
	}
	return expressions(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		expression{"ConditionExpression", in.ConditionExpression})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
