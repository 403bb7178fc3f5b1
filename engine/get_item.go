package engine

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// GetItem reads one item by its key. Every read is strongly consistent;
// ConsistentRead only changes the capacity reported.
func (db *DB) GetItem(ctx context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.GetItem(in); err != nil {
		return nil, err
	}
	var ex readExprs // only a projection needs parsing: keep the common read free of it
	if in.ProjectionExpression != nil {
		var err error
		if ex, err = db.parseRead(nil, nil, in.ProjectionExpression, in.ExpressionAttributeNames, nil); err != nil {
			return nil, err
		}
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, err
	}
	if err := t.nestedKeyAccess(ex.env, nil, nil, ex.projection); err != nil {
		return nil, err
	}
	if err := validate.Key(&t.meta().Description, in.Key); err != nil {
		return nil, err
	}
	var buf [128]byte
	key, err := t.keyOf(buf[:0], in.Key)
	if err != nil {
		return nil, err
	}
	raw, err := db.readStored(key)
	if err != nil {
		return nil, fmt.Errorf("engine: get from %s: %w", t.name, err)
	}
	var item map[string]types.AttributeValue
	size := 0
	if raw != nil {
		if size, err = storedItemSize(raw); err != nil {
			return nil, err
		}
		if item, err = decodeStoredItem(raw); err != nil {
			return nil, err
		}
	}
	switch {
	case item == nil:
	case ex.projection != nil:
		item = expr.Project(ex.projection, item, ex.env)
	case len(in.AttributesToGet) > 0:
		item = project(item, in.AttributesToGet)
	}
	return &dynamodb.GetItemOutput{
		Item:             item,
		ConsumedCapacity: consumed(in.ReturnConsumedCapacity, t.name, readUnits(size, aws.ToBool(in.ConsistentRead))),
	}, nil
}

// project keeps the named top-level attributes (the legacy AttributesToGet).
func project(item map[string]types.AttributeValue, names []string) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(names))
	for _, n := range names {
		if v, ok := item[n]; ok {
			out[n] = v
		}
	}
	return out
}
