package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// Scan reads every item of a table (or of one parallel-scan segment: a
// fixed share of the partition hash space), a page at a time.
func (db *DB) Scan(ctx context.Context, in *dynamodb.ScanInput, _ ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.Scan(in); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	ex, err := db.parseRead(nil, in.FilterExpression, in.ProjectionExpression,
		in.ExpressionAttributeNames, in.ExpressionAttributeValues)
	if err != nil {
		return nil, err
	}
	if err := t.nestedKeyAccess(ex.env, []expr.Cond{ex.filter}, nil, ex.projection); err != nil {
		return nil, err
	}
	filter := ex.filter
	if filter == nil {
		filter = legacyCondition(in.ScanFilter, in.ConditionalOperator, ex.env)
	}
	src, err := t.openSource(readRequest{index: in.IndexName, consistent: aws.ToBool(in.ConsistentRead), sel: in.Select,
		projection: ex.projection, names: in.AttributesToGet, filters: []expr.Cond{filter}, env: ex.env})
	if err != nil {
		return nil, err
	}
	keys, err := src.startAfter(src.keys().scanRange(in.Segment, in.TotalSegments), in.ExclusiveStartKey, false)
	if err != nil {
		return nil, err
	}
	p, err := db.readPage(ctx, pageSpec{
		src: &src, keys: keys, limit: int(aws.ToInt32(in.Limit)),
		filter: filter, projection: ex.projection, names: in.AttributesToGet, env: ex.env,
		countOnly: in.Select == types.SelectCount,
	})
	if err != nil {
		return nil, err
	}
	return &dynamodb.ScanOutput{
		Items: p.items, Count: int32(p.count), ScannedCount: int32(p.scanned), LastEvaluatedKey: p.lastKey,
		ConsumedCapacity: src.consumed(in.ReturnConsumedCapacity, readUnits(p.bytes, aws.ToBool(in.ConsistentRead))),
	}, nil
}
