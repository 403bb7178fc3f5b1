package engine

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
)

// writeCondition is the condition of a PutItem, UpdateItem or DeleteItem,
// checked against the stored item under the item's lock.
type writeCondition struct {
	cond      expr.Cond // nil: unconditional
	env       *expr.Env
	returnOld bool // ReturnValuesOnConditionCheckFailure=ALL_OLD
}

// conditionRequest is what writeCondition needs of a request.
type conditionRequest struct {
	expression *string
	expected   map[string]types.ExpectedAttributeValue
	op         types.ConditionalOperator
	names      map[string]string
	values     map[string]types.AttributeValue
	onFailure  types.ReturnValuesOnConditionCheckFailure
}

// parseCondition parses and binds a write's condition into env. With env
// nil the condition is the request's only expression (PutItem, DeleteItem):
// a new env is made from the request's names and values, and the unused
// placeholders are reported here. A caller that passes its env binds
// another expression into it (UpdateItem, a transaction action) and reports
// the unused placeholders itself.
func (db *DB) parseCondition(r conditionRequest, env *expr.Env) (*writeCondition, error) {
	only := env == nil
	if only {
		env = &expr.Env{Names: r.names, Values: r.values}
	}
	w := &writeCondition{env: env, returnOld: r.onFailure == types.ReturnValuesOnConditionCheckFailureAllOld}
	switch {
	case r.expression != nil:
		c, err := db.exprs.Condition(expr.ConditionExpr, *r.expression)
		if err != nil {
			return nil, env.ParseError(err)
		}
		if err := w.env.BindCondition(expr.ConditionExpr, c); err != nil {
			return nil, err
		}
		if only {
			if err := env.Unused(); err != nil {
				return nil, err
			}
		}
		w.cond = c
	case r.expected != nil:
		// The translated condition's values live in an env of their own:
		// they are not the request's, and a request with Expected has no
		// ExpressionAttributeValues to mix them with.
		w.env = &expr.Env{}
		w.cond = legacyExpected(r.expected, r.op, w.env)
	}
	return w, nil
}

// check evaluates the condition on the stored item (nil: none) and returns
// DynamoDB's ConditionalCheckFailedException when it is false.
func (w *writeCondition) check(old map[string]types.AttributeValue) error {
	if w == nil || w.cond == nil {
		return nil
	}
	ok, err := expr.Eval(w.cond, old, w.env)
	if err != nil {
		return err
	}
	if ok {
		return nil
	}
	if w.returnOld {
		return apierr.ConditionalCheckFailed(old)
	}
	return apierr.ConditionalCheckFailed(nil)
}

// checkRaw is check on the stored bytes of the item, decoding them only
// when there is a condition.
func (w *writeCondition) checkRaw(raw []byte) error {
	if w == nil || w.cond == nil {
		return nil
	}
	var old map[string]types.AttributeValue
	if raw != nil {
		var err error
		if old, err = decodeStoredItem(raw); err != nil {
			return err
		}
	}
	return w.check(old)
}
