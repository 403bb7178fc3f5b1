package validate

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

var enumAttributeAction = []string{"ADD", "PUT", "DELETE"}

// UpdateItem checks everything of an UpdateItem request that does not
// depend on the table.
func UpdateItem(in *dynamodb.UpdateItemInput) error {
	var c collector
	c.structure(
		member{"key", func() {
			if in.Key == nil {
				c.add(null, "key", notNull)
			}
		}},
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"attributeUpdates", func() {
			for _, name := range sortedKeys(in.AttributeUpdates) {
				c.checkEnum(string(in.AttributeUpdates[name].Action), "attributeUpdates."+name+".member.action", enumAttributeAction...)
			}
		}},
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
		member{"updateExpression", nil},
	)
	if err := c.err(); err != nil {
		return err
	}
	if err := legacyMix(
		[]string{"AttributeUpdates", "Expected"},
		[]bool{in.AttributeUpdates != nil, in.Expected != nil},
		[]string{"UpdateExpression", "ConditionExpression"},
		[]bool{in.UpdateExpression != nil, in.ConditionExpression != nil},
	); err != nil {
		return err
	}
	if in.ExpressionAttributeNames != nil && in.UpdateExpression == nil && in.ConditionExpression == nil {
		return apierr.Validation("ExpressionAttributeNames can only be specified when using expressions")
	}
	if in.ExpressionAttributeValues != nil && in.UpdateExpression == nil && in.ConditionExpression == nil {
		return apierr.Validation("ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null")
	}
	if in.ConditionalOperator != "" && in.Expected == nil {
		return errConditionalOperator
	}
	if err := checkItem(in.Key); err != nil {
		return err
	}
	for _, name := range sortedKeys(in.AttributeUpdates) {
		u := in.AttributeUpdates[name]
		if u.Value != nil {
			if err := checkValue(u.Value); err != nil {
				return err
			}
		}
		if u.Action != types.AttributeActionDelete && u.Value == nil {
			return apierr.Validation(invalid + "Only DELETE action is allowed when no attribute value is specified")
		}
	}
	if err := expected(in.Expected); err != nil {
		return err
	}
	return expressions(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		expression{"UpdateExpression", in.UpdateExpression},
		expression{"ConditionExpression", in.ConditionExpression})
}
