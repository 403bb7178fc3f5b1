package repo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Delete removes one item and returns it as it was. It fails with
// ErrNotFound when there is none, and honours IfVersion and When (IfAbsent
// makes no sense here and is refused).
func (r *Repository[T]) Delete(ctx context.Context, k Key, opts ...WriteOption) (Content[T], error) {
	key, e, w, err := r.existingItemCondition("Delete", k, opts)
	if err != nil {
		return Content[T]{}, err
	}
	out, err := r.api.DeleteItem(ctx, &dynamodb.DeleteItemInput{
		TableName:                           aws.String(r.cfg.Table),
		Key:                                 key,
		ConditionExpression:                 e.Condition(),
		ExpressionAttributeNames:            e.Names(),
		ExpressionAttributeValues:           e.Values(),
		ReturnValues:                        types.ReturnValueAllOld,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	if err != nil {
		return Content[T]{}, r.writeError(err, k, w)
	}
	return r.decode(out.Attributes)
}

// existingItemCondition is the key and condition of a write to the
// existing item at k (Delete, CheckTx): it must be there and meet opts
// (IfVersion, When; IfAbsent makes no sense and is refused).
func (r *Repository[T]) existingItemCondition(op string, k Key, opts []WriteOption) (map[string]types.AttributeValue, expression.Expression, writeConditions, error) {
	w, err := collectWriteOptions(opts)
	if err != nil {
		return nil, expression.Expression{}, w, err
	}
	if w.ifAbsent {
		return nil, expression.Expression{}, w, invalid("%s with IfAbsent", op)
	}
	key, err := r.key(k)
	if err != nil {
		return nil, expression.Expression{}, w, err
	}
	w.exists = true
	cond, err := r.writeCondition(w)
	if err != nil {
		return nil, expression.Expression{}, w, err
	}
	e, err := expression.NewBuilder().WithCondition(cond).Build()
	if err != nil {
		return nil, expression.Expression{}, w, invalid("%s: %v", op, err)
	}
	return key, e, w, nil
}
