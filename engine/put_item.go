package engine

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
)

// PutItem creates or replaces an item. The write is on stable storage before
// PutItem returns.
func (db *DB) PutItem(ctx context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	size, err := validate.PutItem(in)
	if err != nil {
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
	if err := validate.PutItemItem(&t.meta().Description, in); err != nil {
		return nil, err
	}
	// The key and the encoded item share one allocation (the item cache
	// keeps both); the encoding goes after the key, in the capacity left.
	key, err := t.keyOf(make([]byte, 0, 128+size), in.Item)
	if err != nil {
		return nil, err
	}
	enc, err := encodeStoredItem(key[len(key):], in.Item, size)
	if err != nil {
		return nil, err
	}

	var produce producer
	if cond.cond != nil {
		produce = func(old []byte) ([]byte, int, error) {
			return enc, size, cond.checkRaw(old)
		}
	}
	old, err := db.writeItem(t, key, enc, size, produce)
	if err != nil {
		return nil, err
	}
	out := &dynamodb.PutItemOutput{
		ConsumedCapacity: consumed(in.ReturnConsumedCapacity, t.name, writeUnits(max(size, old.size))),
	}
	if out.ItemCollectionMetrics, err = db.itemCollectionMetrics(t, in.ReturnItemCollectionMetrics, key, in.Item[t.hashKey]); err != nil {
		return nil, err
	}
	if out.Attributes, err = old.returned(in.ReturnValues); err != nil {
		return nil, err
	}
	return out, nil
}

// oldItem is what a write replaced: raw is nil when there was no item.
type oldItem struct {
	raw  []byte
	size int
}

// returned is the Attributes a write answers with for ReturnValues rv: the
// replaced item for ALL_OLD, nothing otherwise or when there was none.
func (o oldItem) returned(rv types.ReturnValue) (map[string]types.AttributeValue, error) {
	if rv != types.ReturnValueAllOld || o.raw == nil {
		return nil, nil
	}
	return decodeStoredItem(o.raw)
}

// producer computes, under the item's lock, what a write stores from the
// stored bytes of the item it replaces (nil: none): the bytes to store (nil:
// delete) and their DynamoDB size. Its error (a failed condition, say)
// cancels the write.
type producer func(old []byte) (enc []byte, size int, err error)

// writeItem stores enc (nil: deletes) under key, or what produce computes
// when it is not nil, and returns the item it replaced. It holds the key's
// lock from the read of the old item to the durable commit, so concurrent
// writers of one key are serialised, conditions are checked against the
// item they replace, and the counters stay exact.
func (db *DB) writeItem(t *table, key, enc []byte, size int, produce producer) (oldItem, error) {
	t.dropMu.RLock()
	defer t.dropMu.RUnlock()
	if t.dropped {
		return oldItem{}, apierr.TableNotFound()
	}
	st := t.state.Load()
	mu := db.locks.lock(key)
	defer mu.Unlock()

	old, err := db.readOld(t, key)
	if err != nil {
		return oldItem{}, err
	}
	if produce != nil {
		if enc, size, err = produce(old.raw); err != nil {
			return old, err
		}
	}
	b := db.store.NewBatch()
	var deltas [2]counterDelta // the table's, and room for one index's
	ds := counterDeltas(deltas[:0])
	changed, err := db.stageWrite(b, t, st, key, enc, size, old, &ds)
	if err != nil || !changed {
		b.Abort()
		return old, err // deleting an absent item changes nothing
	}
	ds.stage(b)
	cached := db.cache.beginWrite(key)
	err = b.Commit()
	db.cache.endWrite(key, enc, err == nil, cached)
	if err != nil {
		return oldItem{}, fmt.Errorf("engine: write %s: %w", t.name, err)
	}
	ds.apply()
	return old, nil
}

// readOld reads the item stored under key in t, the one a write replaces.
func (db *DB) readOld(t *table, key []byte) (oldItem, error) {
	var old oldItem
	var err error
	if old.raw, err = db.readStored(key); err != nil {
		return oldItem{}, fmt.Errorf("engine: %s: %w", t.name, err)
	}
	if old.raw != nil {
		if old.size, err = storedItemSize(old.raw); err != nil {
			return oldItem{}, fmt.Errorf("engine: %s: %w", t.name, err)
		}
	}
	return old, nil
}
