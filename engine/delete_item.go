package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

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
	if err := unsupportedConditions(in.ConditionExpression, len(in.Expected)); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	if err := validate.DeleteItemKey(&t.meta.Description, in); err != nil {
		return nil, err
	}
	var keyBuf [64]byte // enough for most keys: the key then needs no allocation
	key, err := t.keyOf(keyBuf[:0], in.Key)
	if err != nil {
		return nil, err
	}
	old, err := db.writeItem(t, key, nil, 0)
	if err != nil {
		return nil, err
	}
	out := &dynamodb.DeleteItemOutput{
		ConsumedCapacity: consumed(in.ReturnConsumedCapacity, t.name, writeUnits(old.size)),
	}
	if out.Attributes, err = old.returned(in.ReturnValues); err != nil {
		return nil, err
	}
	return out, nil
}
