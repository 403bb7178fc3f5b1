package engine

import (
	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
)

// nestedKeyAccess refuses an expression path that goes inside a key
// attribute (pk.a, pk[0]): key attributes are scalars. DynamoDB checks the
// key attributes in key schema order (hash, then range) against every path
// the request's expressions read, after the unused-placeholder check.
// Update targets are not read paths: changing a key is refused by
// updatesKey with its own message.
func (t *table) nestedKeyAccess(env *expr.Env, conds []expr.Cond, update *expr.Update, proj expr.Projection) error {
	var paths []expr.Path
	add := func(p expr.Path) { paths = append(paths, p) }
	for _, c := range conds {
		if c != nil {
			walkCondPaths(c, add)
		}
	}
	if update != nil {
		for _, a := range update.Set {
			walkOperandPaths(a.Value, add)
		}
	}
	paths = append(paths, proj...)
	for _, key := range []string{t.hashKey, t.rangeKey} {
		if key == "" {
			continue
		}
		for _, p := range paths {
			if len(p) > 1 && env.AttributeName(p[0]) == key {
				return apierr.Validation("Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: " + key)
			}
		}
	}
	return nil
}

// walkOperandPaths calls fn with every document path an update operand
// reads.
func walkOperandPaths(o expr.Operand, fn func(expr.Path)) {
	switch n := o.(type) {
	case *expr.PathOperand:
		fn(n.Path)
	case *expr.Size:
		fn(n.Path)
	case *expr.IfNotExists:
		fn(n.Path)
		walkOperandPaths(n.Default, fn)
	case *expr.ListAppend:
		walkOperandPaths(n.First, fn)
		walkOperandPaths(n.Second, fn)
	case *expr.Arithmetic:
		walkOperandPaths(n.Left, fn)
		walkOperandPaths(n.Right, fn)
	}
}
