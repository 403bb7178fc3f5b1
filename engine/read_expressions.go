package engine

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
)

// readExprs are the parsed and bound expressions of a Query or Scan.
type readExprs struct {
	key        expr.Cond
	filter     expr.Cond
	projection expr.Projection
	env        *expr.Env
}

// parseRead parses and binds a read's expressions (any may be nil) in
// DynamoDB's order: the filter, then the projection, then the key
// condition, each parsed and bound in turn; then the unused placeholders
// are reported.
func (db *DB) parseRead(keyCond, filter, projection *string, names map[string]string, values map[string]types.AttributeValue) (readExprs, error) {
	r := readExprs{env: &expr.Env{Names: names, Values: values}}
	var err error
	if filter != nil {
		if r.filter, err = db.exprs.Condition(expr.FilterExpr, *filter); err != nil {
			return r, r.env.ParseError(err)
		}
		if err = r.env.BindCondition(expr.FilterExpr, r.filter); err != nil {
			return r, err
		}
	}
	if projection != nil {
		if r.projection, err = db.exprs.Projection(*projection); err != nil {
			return r, r.env.ParseError(err)
		}
		if err = r.env.BindProjection(r.projection); err != nil {
			return r, err
		}
	}
	if keyCond != nil {
		if r.key, err = db.exprs.Condition(expr.KeyConditionExpr, *keyCond); err != nil {
			return r, r.env.ParseError(err)
		}
		if err = r.env.BindCondition(expr.KeyConditionExpr, r.key); err != nil {
			return r, err
		}
	}
	return r, r.env.Unused()
}

// filterOnKey refuses a Query filter that names a key attribute: DynamoDB
// wants those in the key condition.
func (t *keySchema) filterOnKey(c expr.Cond, env *expr.Env) error {
	var bad string
	walkCondPaths(c, func(p expr.Path) {
		if bad != "" || len(p) == 0 {
			return
		}
		if n := env.AttributeName(p[0]); t.isKey(n) {
			bad = n
		}
	})
	if bad != "" {
		return apierr.Validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " + bad)
	}
	return nil
}

// walkCondPaths calls fn with every document path a condition reads.
func walkCondPaths(c expr.Cond, fn func(expr.Path)) {
	operand := func(o expr.Operand) { walkOperandPaths(o, fn) }
	switch n := c.(type) {
	case *expr.And:
		walkCondPaths(n.Left, fn)
		walkCondPaths(n.Right, fn)
	case *expr.Or:
		walkCondPaths(n.Left, fn)
		walkCondPaths(n.Right, fn)
	case *expr.Not:
		walkCondPaths(n.Cond, fn)
	case *expr.Comparison:
		operand(n.Left)
		operand(n.Right)
	case *expr.Between:
		operand(n.Operand)
		operand(n.Low)
		operand(n.High)
	case *expr.In:
		operand(n.Operand)
		for _, o := range n.List {
			operand(o)
		}
	case *expr.AttributeExists:
		fn(n.Path)
	case *expr.AttributeNotExists:
		fn(n.Path)
	case *expr.AttributeType:
		fn(n.Path)
	case *expr.BeginsWith:
		operand(n.Operand)
	case *expr.Contains:
		operand(n.Operand)
	}
}
