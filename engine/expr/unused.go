package expr

import (
	"slices"
	"strings"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Unused reports ExpressionAttributeNames, then ExpressionAttributeValues,
// that none of the request's expressions used. Call it once, after binding
// all of them: DynamoDB checks it only when every expression is otherwise
// valid.
//
// DynamoDB lists the unused keys in the iteration order of a Java HashSet
// copied from the request's map; keys that share a bucket there come in the
// request's order, which a Go map does not keep, so those are sorted.
func (e *Env) Unused() error {
	if keys := unused(e.Names, e.usedNames); keys != "" {
		return apierr.Validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {" + keys + "}")
	}
	if keys := unused(e.Values, e.usedValues); keys != "" {
		return apierr.Validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {" + keys + "}")
	}
	return nil
}

// unused lists the keys of all that are not in used, comma-separated in
// DynamoDB's order, or "" if there are none.
func unused[V any](all map[string]V, used map[string]struct{}) string {
	var keys []string
	for k := range all {
		if _, ok := used[k]; !ok {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return ""
	}
	size := javaCopySize(len(all))
	slices.SortFunc(keys, func(a, b string) int {
		ba, bb := javaBucket(javaStringHash(a), size), javaBucket(javaStringHash(b), size)
		switch {
		case ba < bb:
			return -1
		case ba > bb:
			return 1
		}
		return strings.Compare(a, b)
	})
	return strings.Join(keys, ", ")
}
