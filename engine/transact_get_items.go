package engine

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
	"github.com/dynabase/dynabase/internal/kv"
)

var errSameItemTwice = apierr.Validation("Transaction request cannot include multiple operations on one item")

// TransactGetItems reads up to 100 items, from one or more tables, as of
// one instant: every item comes from the same store snapshot, so no write
// (single or transactional) is seen half-applied.
func (db *DB) TransactGetItems(ctx context.Context, in *dynamodb.TransactGetItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.TransactGetItems(in); err != nil {
		return nil, err
	}
	type get struct {
		t   *table
		key []byte
		ex  readExprs
	}
	gets := make([]get, len(in.TransactItems))
	for i, it := range in.TransactItems {
		g := it.Get
		if g.ProjectionExpression != nil {
			var err error
			if gets[i].ex, err = db.parseRead(nil, nil, g.ProjectionExpression, g.ExpressionAttributeNames, nil); err != nil {
				return nil, err
			}
		}
		t, err := db.table(aws.ToString(g.TableName))
		if err != nil {
			return nil, err
		}
		gets[i].t = t
	}
	// An action whose key does not fit its table cancels the transaction,
	// reported per action (AWS-verified: reason ValidationError).
	reasons := make([]types.CancellationReason, len(gets))
	failed := false
	for i := range gets {
		g := in.TransactItems[i].Get
		reasons[i].Code = aws.String("None")
		err := gets[i].t.nestedKeyAccess(gets[i].ex.env, nil, nil, gets[i].ex.projection)
		if err == nil {
			err = validate.Key(&gets[i].t.meta().Description, g.Key)
		}
		if err == nil {
			gets[i].key, err = gets[i].t.keyOf(nil, g.Key)
		}
		if err != nil {
			_, msg := apierr.Code(err)
			reasons[i] = types.CancellationReason{Code: aws.String("ValidationError"), Message: aws.String(msg)}
			failed = true
		}
	}
	if failed {
		return nil, apierr.TransactionCanceled(reasons)
	}
	for i := range gets {
		for j := range i {
			if bytes.Equal(gets[i].key, gets[j].key) {
				return nil, errSameItemTwice
			}
		}
	}

	snap := db.store.Snapshot()
	defer snap.Close()
	out := &dynamodb.TransactGetItemsOutput{Responses: make([]types.ItemResponse, len(gets))}
	var units tableUnits
	for i, g := range gets {
		var item map[string]types.AttributeValue
		size := 0
		err := snap.Get(g.key, func(raw []byte) error {
			var err error
			if size, err = storedItemSize(raw); err != nil {
				return err
			}
			item, err = decodeStoredItem(raw)
			return err
		})
		if err != nil && !errors.Is(err, kv.ErrNotFound) {
			return nil, fmt.Errorf("engine: transact get from %s: %w", g.t.name, err)
		}
		if item != nil && g.ex.projection != nil {
			item = expr.Project(g.ex.projection, item, g.ex.env)
		}
		out.Responses[i].Item = item
		units.add(g.t, 2*readUnits(size, true)) // a transactional read costs double
	}
	out.ConsumedCapacity = units.consumed(in.ReturnConsumedCapacity)
	return out, nil
}
