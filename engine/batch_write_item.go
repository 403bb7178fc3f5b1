package engine

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/validate"
	"github.com/dynabase/dynabase/engine/value"
)

// BatchWriteItem puts and deletes up to 25 items over one or more tables.
// All of them commit in one atomic, durable batch (DynamoDB promises only
// each item's atomicity; one commit costs one fsync instead of 25), so
// UnprocessedItems is always empty.
func (db *DB) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.BatchWriteItem(in); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(in.RequestItems))
	for name := range in.RequestItems {
		names = append(names, name)
	}
	slices.Sort(names)

	var ws []itemWrite
	seen := map[string]bool{}
	for _, name := range names {
		t, err := db.table(name)
		if err != nil {
			return nil, err
		}
		for _, r := range in.RequestItems[name] {
			w := itemWrite{t: t}
			if p := r.PutRequest; p != nil {
				if err := validate.Item(&t.meta().Description, p.Item); err != nil {
					return nil, err
				}
				if w.key, err = t.keyOf(nil, p.Item); err != nil {
					return nil, err
				}
				w.size = value.ItemSize(p.Item)
				if w.enc, err = encodeStoredItem(nil, p.Item, w.size); err != nil {
					return nil, err
				}
			} else {
				if err := validate.Key(&t.meta().Description, r.DeleteRequest.Key); err != nil {
					return nil, err
				}
				if w.key, err = t.keyOf(nil, r.DeleteRequest.Key); err != nil {
					return nil, err
				}
			}
			if seen[string(w.key)] {
				return nil, validate.DuplicateKeys()
			}
			seen[string(w.key)] = true
			ws = append(ws, w)
		}
	}
	if err := db.writeItems(ws); err != nil {
		return nil, err
	}
	out := &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{}}
	var units tableUnits // tables in name order, as ws holds them
	for _, w := range ws {
		units.add(w.t, writeUnits(max(w.size, w.old.size)))
	}
	out.ConsumedCapacity = units.consumed(in.ReturnConsumedCapacity)
	return out, nil
}
