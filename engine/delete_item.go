package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// DeleteItem deletes one item by its key; deleting an absent item succeeds.
func (db *DB) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.DeleteItem(in); err != nil {
		return nil, err
	}
	cond, err := db.parseCondition(conditionRequest{in.ConditionExpression, in.Expected, in.ConditionalOperator,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues, in.ReturnValuesOnConditionCheckFailure}, nil)
	if err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	if err := t.nestedKeyAccess(cond.env, []expr.Cond{cond.cond}, nil, nil); err != nil {
		return nil, err
	}
	if err := validate.DeleteItemKey(&t.meta().Description, in); err != nil {
		return nil, err
	}
	var keyBuf [64]byte // enough for most keys: the key then needs no allocation
	key, err := t.keyOf(keyBuf[:0], in.Key)
	if err != nil {
		return nil, err
	}
	var produce producer
	if cond.cond != nil {
		produce = func(old []byte) ([]byte, int, error) {
			return nil, 0, cond.checkRaw(old)
		}
	}
	old, err := db.writeItem(t, key, nil, 0, produce)
	if err != nil {
		return nil, err
	}
	out := &dynamodb.DeleteItemOutput{
		ConsumedCapacity: consumed(in.ReturnConsumedCapacity, t.name, writeUnits(old.size)),
	}
	if out.ItemCollectionMetrics, err = db.itemCollectionMetrics(t, in.ReturnItemCollectionMetrics, key, in.Key[t.hashKey]); err != nil {
		return nil, err
	}
	if out.Attributes, err = old.returned(in.ReturnValues); err != nil {
		return nil, err
	}
	return out, nil
}
