package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// Query reads the items of one partition whose sort keys satisfy the key
// condition, in sort key order (or reversed), a page at a time.
func (db *DB) Query(ctx context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.Query(in); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	ex, err := db.parseRead(in.KeyConditionExpression, in.FilterExpression, in.ProjectionExpression,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	if err != nil {
		return nil, err
	}
	if err := t.nestedKeyAccess(ex.env, []expr.Cond{ex.filter, ex.key}, nil, ex.projection); err != nil {
		return nil, err
	}
	filter := ex.filter
	if filter == nil {
		filter = legacyCondition(in.QueryFilter, in.ConditionalOperator, ex.env)
	}
	src, err := t.openSource(readRequest{index: in.IndexName, consistent: aws.ToBool(in.ConsistentRead), sel: in.Select,
		projection: ex.projection, names: in.AttributesToGet, filters: []expr.Cond{filter}, env: ex.env})
	if err != nil {
		return nil, err
	}
	var conds []keyCond
	if ex.key != nil {
		if err := ex.env.CheckKeyCondition(ex.key); err != nil {
			return nil, err
		}
		conds, err = keyConds(ex.key, ex.env, nil)
	} else {
		conds, err = legacyKeyConds(in.KeyConditions)
	}
	if err != nil {
		return nil, err
	}
	keys, err := src.keys().queryRange(conds)
	if err != nil {
		return nil, err
	}
	if ex.filter != nil {
		if err := src.keys().filterOnKey(ex.filter, ex.env); err != nil {
			return nil, err
		}
	}
	reverse := in.ScanIndexForward != nil && !*in.ScanIndexForward
	if keys, err = src.startAfter(keys, in.ExclusiveStartKey, reverse); err != nil {
		return nil, err
	}
	p, err := db.readPage(ctx, pageSpec{
		src: &src, keys: keys, reverse: reverse, limit: int(aws.ToInt32(in.Limit)),
		filter: filter, projection: ex.projection, names: in.AttributesToGet, env: ex.env,
		countOnly: in.Select == types.SelectCount,
	})
	if err != nil {
		return nil, err
	}
	return &dynamodb.QueryOutput{
		Items: p.items, Count: int32(p.count), ScannedCount: int32(p.scanned), LastEvaluatedKey: p.lastKey,
		ConsumedCapacity: src.consumed(in.ReturnConsumedCapacity, readUnits(p.bytes, aws.ToBool(in.ConsistentRead))),
	}, nil
}
