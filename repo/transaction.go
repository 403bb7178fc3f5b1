package repo

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TxWrite is one write of a transaction, made by a repository's PutTx or
// CheckTx. Writes of repositories of different T (and tables) mix freely
// in one Transact: a unique constraint is an item put IfAbsent beside the
// item it guards.
type TxWrite struct {
	item types.TransactWriteItem
	key  Key
	// failed is the repository's error for this write's failed condition,
	// given the item as it was (nil when there was none).
	failed func(old map[string]types.AttributeValue) error
}

// MaxTxWrites is DynamoDB's limit of actions in one transaction.
const MaxTxWrites = 100

// ErrTxConflict is returned by Transact when another transaction or write
// touched one of its items at the same time (DynamoDB's
// TransactionConflict): nothing was written, and the transaction may be
// retried.
var ErrTxConflict = errors.New("repo: transaction conflict")

// TxError says which write of a transaction failed its condition. Err is
// what the write alone would have returned (ErrNotFound,
// ErrConditionFailed, a *VersionConflictError), so errors.Is and errors.As
// see through a TxError. Nothing of the transaction was written.
type TxError struct {
	Index int
	Key   Key
	Err   error
}

func (e *TxError) Error() string {
	return fmt.Sprintf("repo: transaction write %d (%v): %v", e.Index, e.Key, e.Err)
}

func (e *TxError) Unwrap() error { return e.Err }

// PutTx is Put as one write of a transaction: it stores c whole when the
// transaction commits. It takes the same options as Put.
func (r *Repository[T]) PutTx(c Content[T], opts ...WriteOption) (TxWrite, error) {
	w, err := collectWriteOptions(opts)
	if err != nil {
		return TxWrite{}, err
	}
	in, _, err := r.putInput(c, w)
	if err != nil {
		return TxWrite{}, err
	}
	return TxWrite{
		item: types.TransactWriteItem{Update: &types.Update{
			TableName:                           in.TableName,
			Key:                                 in.Key,
			UpdateExpression:                    in.UpdateExpression,
			ConditionExpression:                 in.ConditionExpression,
			ExpressionAttributeNames:            in.ExpressionAttributeNames,
			ExpressionAttributeValues:           in.ExpressionAttributeValues,
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}},
		key:    c.Key(),
		failed: r.txFailure(c.Key(), w),
	}, nil
}

// CheckTx is a write of a transaction that writes nothing: the transaction
// commits only if the item at k exists and meets opts (IfVersion, When).
// A failed check is ErrNotFound, a *VersionConflictError or
// ErrConditionFailed, as for Delete.
func (r *Repository[T]) CheckTx(k Key, opts ...WriteOption) (TxWrite, error) {
	key, e, w, err := r.existingItemCondition("CheckTx", k, opts)
	if err != nil {
		return TxWrite{}, err
	}
	return TxWrite{
		item: types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName:                           aws.String(r.cfg.Table),
			Key:                                 key,
			ConditionExpression:                 e.Condition(),
			ExpressionAttributeNames:            e.Names(),
			ExpressionAttributeValues:           e.Values(),
			ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
		}},
		key:    k,
		failed: r.txFailure(k, w),
	}, nil
}

// txFailure reads a failed condition of a transaction's write the way the
// write's own operation would.
func (r *Repository[T]) txFailure(k Key, w writeConditions) func(map[string]types.AttributeValue) error {
	return func(old map[string]types.AttributeValue) error {
		return r.writeError(&types.ConditionalCheckFailedException{Item: old}, k, w)
	}
}

// Transact commits writes atomically: all of them or none (one DynamoDB
// TransactWriteItems, at most MaxTxWrites writes, each item at most once).
// When a write's condition fails the error is a *TxError naming it; when
// another write raced the transaction, ErrTxConflict.
func Transact(ctx context.Context, api API, writes ...TxWrite) error {
	switch {
	case len(writes) == 0:
		return nil
	case len(writes) > MaxTxWrites:
		return invalid("Transact: %d writes; at most %d fit in one transaction", len(writes), MaxTxWrites)
	}
	items := make([]types.TransactWriteItem, len(writes))
	for i, w := range writes {
		if w.failed == nil {
			return invalid("Transact: write %d was not made by PutTx or CheckTx", i)
		}
		items[i] = w.item
	}
	_, err := api.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err == nil {
		return nil
	}
	var tce *types.TransactionCanceledException
	if !errors.As(err, &tce) {
		return callError("transaction", err)
	}
	for i, reason := range tce.CancellationReasons {
		if i >= len(writes) {
			break
		}
		switch aws.ToString(reason.Code) {
		case "ConditionalCheckFailed":
			return &TxError{Index: i, Key: writes[i].key, Err: writes[i].failed(reason.Item)}
		case "TransactionConflict":
			return fmt.Errorf("%w: write %d (%v): %w", ErrTxConflict, i, writes[i].key, err)
		}
	}
	return callError("transaction", err)
}
