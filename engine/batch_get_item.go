package engine

import (
	"context"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// batchGetResponseBytes is DynamoDB's 16 MB cap on a BatchGetItem answer:
// keys past it come back in UnprocessedKeys.
const batchGetResponseBytes = 16 << 20

// BatchGetItem reads up to 100 items from one or more tables. Each read is
// a GetItem's; the batch is not a snapshot (as in DynamoDB).
func (db *DB) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.BatchGetItem(in); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(in.RequestItems))
	for name := range in.RequestItems {
		names = append(names, name)
	}
	slices.Sort(names)

	// Everything that can fail is checked before anything is read.
	type tableRead struct {
		t    *table
		keys [][]byte
		ex   readExprs
	}
	reads := make([]tableRead, len(names))
	for i, name := range names {
		ka := in.RequestItems[name]
		var ex readExprs
		if ka.ProjectionExpression != nil {
			var err error
			if ex, err = db.parseRead(nil, nil, ka.ProjectionExpression, ka.ExpressionAttributeNames, nil); err != nil {
				return nil, err
			}
		}
		t, err := db.table(name)
		if err != nil {
			return nil, err
		}
		if err := t.nestedKeyAccess(ex.env, nil, nil, ex.projection); err != nil {
			return nil, err
		}
		seen := make(map[string]bool, len(ka.Keys))
		keys := make([][]byte, len(ka.Keys))
		for j, k := range ka.Keys {
			if err := validate.Key(&t.meta().Description, k); err != nil {
				return nil, err
			}
			if keys[j], err = t.keyOf(nil, k); err != nil {
				return nil, err
			}
			if seen[string(keys[j])] {
				return nil, validate.DuplicateKeys()
			}
			seen[string(keys[j])] = true
		}
		reads[i] = tableRead{t, keys, ex}
	}

	out := &dynamodb.BatchGetItemOutput{
		Responses:       make(map[string][]map[string]types.AttributeValue, len(names)),
		UnprocessedKeys: map[string]types.KeysAndAttributes{},
	}
	answered := 0
	for i, r := range reads {
		name := names[i]
		ka := in.RequestItems[name]
		items := []map[string]types.AttributeValue{}
		units := 0.0
		for j, key := range r.keys {
			if answered >= batchGetResponseBytes {
				rest := ka
				rest.Keys = ka.Keys[j:]
				out.UnprocessedKeys[name] = rest
				break
			}
			raw, err := db.readStored(key)
			if err != nil {
				return nil, fmt.Errorf("engine: batch get from %s: %w", r.t.name, err)
			}
			if raw == nil {
				continue
			}
			size, err := storedItemSize(raw)
			if err != nil {
				return nil, err
			}
			item, err := decodeStoredItem(raw)
			if err != nil {
				return nil, err
			}
			switch {
			case r.ex.projection != nil:
				item = expr.Project(r.ex.projection, item, r.ex.env)
			case ka.AttributesToGet != nil:
				item = project(item, ka.AttributesToGet)
			}
			answered += size
			units += readUnits(size, aws.ToBool(ka.ConsistentRead))
			items = append(items, item)
		}
		out.Responses[name] = items
		if c := consumed(in.ReturnConsumedCapacity, r.t.name, units); c != nil {
			out.ConsumedCapacity = append(out.ConsumedCapacity, *c)
		}
	}
	return out, nil
}
