package engine

import (
	"bytes"
	"context"
	"errors"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/validate"
	"github.com/dynabase/dynabase/engine/value"
)

// TransactWriteItems applies up to 100 puts, updates, deletes and
// condition checks over one or more tables, all or nothing: every
// condition is evaluated against the stored items with all of their locks
// held, and the writes commit in one atomic, durable batch. If any action
// fails, nothing is written and the TransactionCanceledException carries a
// reason per action.
//
// A ClientRequestToken makes the call idempotent for ten minutes (see
// idempotency).
func (db *DB) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.TransactWriteItems(in); err != nil {
		return nil, err
	}
	return db.idempotent.do(db.now(), in, func() (*dynamodb.TransactWriteItemsOutput, error) {
		return db.transactWrite(in)
	})
}

// transactWrite is TransactWriteItems after validation.
func (db *DB) transactWrite(in *dynamodb.TransactWriteItemsInput) (*dynamodb.TransactWriteItemsOutput, error) {
	ws := make([]itemWrite, len(in.TransactItems))
	reasons := make([]types.CancellationReason, len(ws))
	invalid := false
	for i, it := range in.TransactItems {
		a, err := db.transactAction(it)
		if err != nil {
			return nil, err
		}
		reasons[i].Code = aws.String("None")
		if a.invalid != nil {
			_, msg := apierr.Code(a.invalid)
			reasons[i] = types.CancellationReason{Code: aws.String("ValidationError"), Message: aws.String(msg)}
			invalid = true
		}
		ws[i] = a.write
	}
	if invalid {
		return nil, apierr.TransactionCanceled(reasons)
	}
	for i := range ws {
		for j := range i {
			if ws[i].t == ws[j].t && bytes.Equal(ws[i].key, ws[j].key) {
				return nil, errSameItemTwice
			}
		}
	}
	if err := db.writeItems(ws); err != nil {
		if !errors.Is(err, errItemsFailed) {
			return nil, err
		}
		for i, w := range ws {
			var ccf *types.ConditionalCheckFailedException
			switch {
			case w.err == nil:
			case errors.As(w.err, &ccf):
				reasons[i] = types.CancellationReason{Code: aws.String("ConditionalCheckFailed"), Message: ccf.Message, Item: ccf.Item}
			default:
				_, msg := apierr.Code(w.err)
				reasons[i] = types.CancellationReason{Code: aws.String("ValidationError"), Message: aws.String(msg)}
			}
		}
		return nil, apierr.TransactionCanceled(reasons)
	}
	out := &dynamodb.TransactWriteItemsOutput{}
	var units tableUnits
	for _, w := range ws {
		units.add(w.t, 2*writeUnits(max(w.size, w.old.size))) // a transactional write costs double
	}
	out.ConsumedCapacity = units.consumed(in.ReturnConsumedCapacity)
	return out, nil
}

// transactAction is one action of a transaction, ready for writeItems.
// invalid is set when the action does not fit its table: that cancels the
// transaction (reason ValidationError) rather than failing the request.
type transactAction struct {
	write   itemWrite
	invalid error
}

// transactAction parses one action's expressions (their errors fail the
// whole request, as DynamoDB does), looks its table up, and checks its key
// or item against the table.
func (db *DB) transactAction(it types.TransactWriteItem) (transactAction, error) {
	p := partsOf(it)
	env := &expr.Env{Names: p.names, Values: p.values}
	var update *expr.Update
	if p.update != nil {
		u, err := db.exprs.Update(*p.update)
		if err != nil {
			return transactAction{}, env.ParseError(err)
		}
		if err := env.BindUpdate(u); err != nil {
			return transactAction{}, err
		}
		update = u
	}
	cond, err := db.parseCondition(conditionRequest{expression: p.condition, onFailure: p.onFailure}, env)
	if err != nil {
		return transactAction{}, err
	}
	if err := env.Unused(); err != nil {
		return transactAction{}, err
	}
	t, err := db.table(aws.ToString(p.table))
	if err != nil {
		return transactAction{}, err
	}
	a := transactAction{write: itemWrite{t: t}}
	desc := &t.meta().Description
	switch {
	case it.Put != nil:
		a.invalid = validate.Item(desc, p.key)
	default:
		a.invalid = validate.Key(desc, p.key)
	}
	if a.invalid == nil {
		a.invalid = t.nestedKeyAccess(env, []expr.Cond{cond.cond}, update, nil)
	}
	if a.invalid == nil && update != nil {
		a.invalid = t.updatesKey(update, env)
	}
	if a.invalid != nil {
		return a, nil
	}
	if a.write.key, err = t.keyOf(nil, p.key); err != nil {
		return transactAction{}, err
	}

	switch {
	case it.Put != nil:
		size := value.ItemSize(p.key)
		enc, err := encodeStoredItem(nil, p.key, size)
		if err != nil {
			return transactAction{}, err
		}
		a.write.produce = func(old []byte) ([]byte, int, error) { return enc, size, cond.checkRaw(old) }
	case it.Delete != nil:
		a.write.produce = func(old []byte) ([]byte, int, error) { return nil, 0, cond.checkRaw(old) }
	case it.ConditionCheck != nil:
		a.write.checkOnly = true
		a.write.produce = func(old []byte) ([]byte, int, error) { return nil, 0, cond.checkRaw(old) }
	default:
		a.write.produce = func(raw []byte) ([]byte, int, error) {
			return applyUpdate(t, raw, p.key, cond, update, env, nil)
		}
	}
	return a, nil
}

// applyUpdate computes, from the stored bytes of an item (nil: none), what
// an update stores: it checks the condition, applies the update, adds the
// key to a new item, and re-checks the result. applied, when not nil,
// receives expr.Apply's result. (nil, 0, nil) means nothing is stored: an
// update of an absent item that writes nothing.
func applyUpdate(t *table, raw []byte, key map[string]types.AttributeValue, cond *writeCondition, update *expr.Update,
	env *expr.Env, applied **expr.Applied) ([]byte, int, error) {
	var old map[string]types.AttributeValue
	if raw != nil {
		var err error
		if old, err = decodeStoredItem(raw); err != nil {
			return nil, 0, err
		}
	}
	if err := cond.check(old); err != nil {
		return nil, 0, err
	}
	a, err := expr.Apply(update, old, env)
	if err != nil {
		return nil, 0, err
	}
	if applied != nil {
		*applied = a
	}
	if a.Item == nil {
		return nil, 0, nil
	}
	maps.Copy(a.Item, key) // a new item starts with its key
	size, err := value.CheckItemSize(a.Item)
	if err != nil {
		return nil, 0, err
	}
	if size > value.MaxItemSize {
		return nil, 0, errUpdateTooLarge
	}
	if err := validate.UpdatedIndexKeys(&t.meta().Description, a.Item); err != nil {
		return nil, 0, err
	}
	enc, err := encodeStoredItem(nil, a.Item, size)
	return enc, size, err
}

// actionParts are the members the four kinds of transaction action share.
type actionParts struct {
	kind      byte // 'P'ut, 'U'pdate, 'D'elete, 'C'onditionCheck
	table     *string
	key       map[string]types.AttributeValue // the whole item for a Put
	condition *string
	update    *string // Update only
	names     map[string]string
	values    map[string]types.AttributeValue
	onFailure types.ReturnValuesOnConditionCheckFailure
}

// partsOf takes an action apart (validate has checked it holds one kind).
func partsOf(it types.TransactWriteItem) actionParts {
	switch {
	case it.Put != nil:
		p := it.Put
		return actionParts{'P', p.TableName, p.Item, p.ConditionExpression, nil, p.ExpressionAttributeNames, p.ExpressionAttributeValues, p.ReturnValuesOnConditionCheckFailure}
	case it.Update != nil:
		u := it.Update
		return actionParts{'U', u.TableName, u.Key, u.ConditionExpression, u.UpdateExpression, u.ExpressionAttributeNames, u.ExpressionAttributeValues, u.ReturnValuesOnConditionCheckFailure}
	case it.Delete != nil:
		d := it.Delete
		return actionParts{'D', d.TableName, d.Key, d.ConditionExpression, nil, d.ExpressionAttributeNames, d.ExpressionAttributeValues, d.ReturnValuesOnConditionCheckFailure}
	}
	c := it.ConditionCheck
	return actionParts{'C', c.TableName, c.Key, c.ConditionExpression, nil, c.ExpressionAttributeNames, c.ExpressionAttributeValues, c.ReturnValuesOnConditionCheckFailure}
}
