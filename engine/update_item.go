package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// UpdateItem changes the attributes of one item, creating it when absent,
// atomically with its condition: the update is computed from the stored
// item under the item's lock.
func (db *DB) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.UpdateItem(in); err != nil {
		return nil, err
	}
	env := &expr.Env{Names: in.ExpressionAttributeNames, Values: in.ExpressionAttributeValues}
	var update *expr.Update
	if in.UpdateExpression != nil {
		u, err := db.exprs.Update(*in.UpdateExpression)
		if err != nil {
			return nil, env.ParseError(err)
		}
		if err := env.BindUpdate(u); err != nil {
			return nil, err
		}
		update = u
	}
	cond, err := db.parseCondition(conditionRequest{in.ConditionExpression, in.Expected, in.ConditionalOperator,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues, in.ReturnValuesOnConditionCheckFailure}, env)
	if err != nil {
		return nil, err
	}
	if err := env.Unused(); err != nil {
		return nil, err
	}
	if update == nil {
		update = legacyUpdate(in.AttributeUpdates, env)
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	if err := validate.Key(&t.meta().Description, in.Key); err != nil {
		return nil, err
	}
	if err := t.nestedKeyAccess(env, []expr.Cond{cond.cond}, update, nil); err != nil {
		return nil, err
	}
	if err := t.updatesKey(update, env); err != nil {
		return nil, err
	}
	var keyBuf [64]byte
	key, err := t.keyOf(keyBuf[:0], in.Key)
	if err != nil {
		return nil, err
	}

	var applied *expr.Applied
	newSize := 0
	old, err := db.writeItem(t, key, nil, 0, func(raw []byte) ([]byte, int, error) {
		enc, size, err := applyUpdate(t, raw, in.Key, cond, update, env, &applied)
		newSize = size
		return enc, size, err
	})
	if err != nil {
		return nil, err
	}
	out := &dynamodb.UpdateItemOutput{
		ConsumedCapacity: consumed(in.ReturnConsumedCapacity, t.name, writeUnits(max(newSize, old.size))),
	}
	if out.ItemCollectionMetrics, err = db.itemCollectionMetrics(t, in.ReturnItemCollectionMetrics, key, in.Key[t.hashKey]); err != nil {
		return nil, err
	}
	switch in.ReturnValues {
	case types.ReturnValueAllOld:
		if out.Attributes, err = old.returned(types.ReturnValueAllOld); err != nil {
			return nil, err
		}
	case types.ReturnValueAllNew:
		if applied.Item != nil {
			out.Attributes = applied.Item
		}
	case types.ReturnValueUpdatedOld:
		out.Attributes = applied.UpdatedOld
	case types.ReturnValueUpdatedNew:
		out.Attributes = applied.UpdatedNew
	}
	if len(out.Attributes) == 0 {
		out.Attributes = nil
	}
	return out, nil
}

var errUpdateTooLarge = apierr.Validation("Item size to update has exceeded the maximum allowed size")

// updatesKey refuses an update that changes a key attribute.
func (t *table) updatesKey(u *expr.Update, env *expr.Env) error {
	check := func(p expr.Path) error {
		if len(p) == 0 {
			return nil
		}
		if n := env.AttributeName(p[0]); n == t.hashKey || (t.rangeKey != "" && n == t.rangeKey) {
			return apierr.Validation("One or more parameter values were invalid: Cannot update attribute " + n + ". This attribute is part of the key")
		}
		return nil
	}
	for _, a := range u.Set {
		if err := check(a.Path); err != nil {
			return err
		}
	}
	for _, p := range u.Remove {
		if err := check(p); err != nil {
			return err
		}
	}
	for _, a := range u.Add {
		if err := check(a.Path); err != nil {
			return err
		}
	}
	for _, a := range u.Delete {
		if err := check(a.Path); err != nil {
			return err
		}
	}
	return nil
}
