package engine

import (
	"slices"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/expr"
)

// legacyUpdate turns a legacy AttributeUpdates map into the AST of the
// equivalent UpdateExpression, with its values in env: PUT is SET, ADD is
// ADD, DELETE with a value is DELETE and without one REMOVE.
func legacyUpdate(updates map[string]types.AttributeValueUpdate, env *expr.Env) *expr.Update {
	if env.Values == nil {
		env.Values = map[string]types.AttributeValue{}
	}
	names := make([]string, 0, len(updates))
	for n := range updates {
		names = append(names, n)
	}
	slices.Sort(names)
	u := &expr.Update{}
	for _, name := range names {
		a := updates[name]
		path := expr.Path{{Name: name}}
		var ref *expr.ValueRef
		if a.Value != nil {
			ref = &expr.ValueRef{Name: ":update" + strconv.Itoa(len(env.Values))}
			env.Values[ref.Name] = a.Value
		}
		switch a.Action {
		case types.AttributeActionAdd:
			u.Add = append(u.Add, expr.AddAction{Path: path, Value: ref})
		case types.AttributeActionDelete:
			if ref == nil {
				u.Remove = append(u.Remove, path)
			} else {
				u.Delete = append(u.Delete, expr.DeleteAction{Path: path, Value: ref})
			}
		default: // PUT, the default action
			u.Set = append(u.Set, expr.SetAction{Path: path, Value: ref})
		}
	}
	return u
}
