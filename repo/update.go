package repo

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// UpdateCommand changes parts of an item. Paths are in DynamoDB's
// document-path notation ("name", "address.city", "scores[2]"); every path
// and value is checked against T's fields before anything is sent, and no
// two paths may overlap.
type UpdateCommand struct {
	// Set writes values at paths. A value must fit the field (its Go type,
	// or a number for a number field); an empty value for a field tagged
	// omitempty, or nil for a top-level field, removes the attribute, as
	// Put would leave it out.
	Set map[string]any
	// Increment adds a number (negative to subtract) to numeric fields; a
	// missing attribute counts as 0.
	Increment map[string]any
	// Append adds elements (a slice) to the end of list fields; a missing
	// attribute counts as an empty list.
	Append map[string]any
	// Remove deletes attributes.
	Remove []string
	// ExpectedVersion, when not 0, makes the update happen only if the item
	// is at that version (*VersionConflictError otherwise).
	ExpectedVersion int64
	// Condition, when set, makes the update happen only if the item matches
	// it (ErrConditionFailed otherwise).
	Condition Filter
	// Expiry: nil leaves _ttl alone, the zero time removes it, any other
	// time sets it.
	Expiry *time.Time
}

// Update applies cmd to an existing item (ErrNotFound when there is none),
// increments its version, and returns the item as it is afterwards.
func (r *Repository[T]) Update(ctx context.Context, k Key, cmd UpdateCommand) (Content[T], error) {
	key, err := r.key(k)
	if err != nil {
		return Content[T]{}, err
	}
	upd, err := r.updateBuilder(cmd)
	if err != nil {
		return Content[T]{}, err
	}
	w := writeConditions{version: cmd.ExpectedVersion, exists: true}
	if !cmd.Condition.IsZero() {
		w.when = &cmd.Condition
	}
	if w.version < 0 {
		return Content[T]{}, invalid("ExpectedVersion %d: versions start at 1", w.version)
	}
	cond, err := r.writeCondition(w)
	if err != nil {
		return Content[T]{}, err
	}
	e, err := expression.NewBuilder().WithUpdate(upd).WithCondition(cond).Build()
	if err != nil {
		return Content[T]{}, invalid("Update: %v", err)
	}
	out, err := r.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                           aws.String(r.cfg.Table),
		Key:                                 key,
		UpdateExpression:                    e.Update(),
		ConditionExpression:                 e.Condition(),
		ExpressionAttributeNames:            e.Names(),
		ExpressionAttributeValues:           e.Values(),
		ReturnValues:                        types.ReturnValueAllNew,
		ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
	})
	if err != nil {
		return Content[T]{}, r.writeError(err, k, w)
	}
	return r.decode(out.Attributes)
}

// updateBuilder checks cmd against T and builds its update expression,
// with the repository's own attributes.
func (r *Repository[T]) updateBuilder(cmd UpdateCommand) (expression.UpdateBuilder, error) {
	var upd expression.UpdateBuilder
	var paths [][]pathStep
	claim := func(path string) (*shape, error) {
		at, err := r.shape.resolve(path)
		if err != nil {
			return nil, invalid("Update: %v", err)
		}
		steps, _ := parsePath(path)
		for _, other := range paths {
			if overlaps(steps, other) {
				return nil, invalid("Update: paths %q and %q overlap", path, formatPath(other))
			}
		}
		paths = append(paths, steps)
		return at, nil
	}
	for _, path := range sortedKeys(cmd.Set) {
		at, err := claim(path)
		if err != nil {
			return upd, err
		}
		av, ok, err := at.marshalAt(cmd.Set[path])
		if err != nil {
			return upd, invalid("Update: set %q: %v", path, err)
		}
		_, null := av.(*types.AttributeValueMemberNULL)
		if ok && !(null && !strings.ContainsAny(path, ".[")) {
			upd = upd.Set(expression.Name(path), expression.Value(av))
		} else { // omitted, or a top-level NULL, which Put leaves out too
			upd = upd.Remove(expression.Name(path))
		}
	}
	for _, path := range sortedKeys(cmd.Increment) {
		at, err := claim(path)
		if err != nil {
			return upd, err
		}
		delta := cmd.Increment[path]
		if at.kind != kindNumber && at.kind != kindAny {
			return upd, invalid("Update: increment %q: %s is not a number", path, at.goType)
		}
		if delta == nil || !isNumberKind(reflect.TypeOf(delta).Kind()) {
			return upd, invalid("Update: increment %q by %T: not a number", path, delta)
		}
		av, _, err := (&shape{kind: kindAny}).marshalAt(delta)
		if err != nil {
			return upd, invalid("Update: increment %q: %v", path, err)
		}
		name := expression.Name(path)
		upd = upd.Set(name, expression.Plus(expression.IfNotExists(name, expression.Value(number(0))), expression.Value(av)))
	}
	for _, path := range sortedKeys(cmd.Append) {
		at, err := claim(path)
		if err != nil {
			return upd, err
		}
		if at.kind != kindList && at.kind != kindAny {
			return upd, invalid("Update: append to %q: %s is not a list", path, at.goType)
		}
		elems := reflect.ValueOf(cmd.Append[path])
		if k := elems.Kind(); k != reflect.Slice && k != reflect.Array {
			return upd, invalid("Update: append to %q: %T is not a slice", path, cmd.Append[path])
		}
		elemShape := at.elem
		if elemShape == nil {
			elemShape = &shape{kind: kindAny}
		}
		list := make([]types.AttributeValue, 0, elems.Len())
		for i := range elems.Len() {
			av, _, err := elemShape.marshalAt(elems.Index(i).Interface())
			if err != nil {
				return upd, invalid("Update: append to %q: element %d: %v", path, i, err)
			}
			list = append(list, av)
		}
		name := expression.Name(path)
		empty := &types.AttributeValueMemberL{Value: []types.AttributeValue{}}
		upd = upd.Set(name, expression.ListAppend(expression.IfNotExists(name, expression.Value(empty)),
			expression.Value(&types.AttributeValueMemberL{Value: list})))
	}
	for _, path := range slices.Sorted(slices.Values(cmd.Remove)) {
		if _, err := claim(path); err != nil {
			return upd, err
		}
		upd = upd.Remove(expression.Name(path))
	}
	_, now := r.timestamp()
	version := expression.NameNoDotSplit(AttrVersion)
	upd = upd.Set(expression.NameNoDotSplit(AttrTimestamp), expression.Value(now)).
		Set(version, expression.Plus(expression.IfNotExists(version, expression.Value(number(0))), expression.Value(number(1)))).
		Remove(expression.NameNoDotSplit(AttrContentHash))
	if cmd.Expiry != nil {
		if cmd.Expiry.IsZero() {
			upd = upd.Remove(expression.NameNoDotSplit(AttrTTL))
		} else {
			upd = upd.Set(expression.NameNoDotSplit(AttrTTL), expression.Value(number(cmd.Expiry.Unix())))
		}
	}
	return upd, nil
}

// overlaps reports whether one path is the other or lies inside it, which
// DynamoDB refuses in one update expression.
func overlaps(a, b []pathStep) bool {
	n := min(len(a), len(b))
	return slices.Equal(a[:n], b[:n])
}

func formatPath(steps []pathStep) string {
	var s string
	for i, st := range steps {
		switch {
		case st.index >= 0:
			s += fmt.Sprintf("[%d]", st.index)
		case i > 0:
			s += "." + st.name
		default:
			s += st.name
		}
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
