package repo

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Put stores c whole, creating the item or replacing T's attributes in it,
// and returns it as stored (Version and Timestamp set). The version is 1
// for a new item and one more than the stored one otherwise, decided
// atomically by DynamoDB: Put is one UpdateItem that sets every attribute
// of T and removes those c.Item leaves out. With IfAbsent, IfVersion or
// When it writes only if the condition holds.
func (r *Repository[T]) Put(ctx context.Context, c Content[T], opts ...WriteOption) (Content[T], error) {
	w, err := collectWriteOptions(opts)
	if err != nil {
		return c, err
	}
	in, now, err := r.putInput(c, w)
	if err != nil {
		return c, err
	}
	out, err := r.api.UpdateItem(ctx, in)
	if err != nil {
		return c, r.writeError(err, c.Key(), w)
	}
	stored := c
	stored.Timestamp = now
	switch {
	case w.ifAbsent:
		stored.Version = 1
	case w.version > 0:
		stored.Version = w.version + 1
	default:
		if stored.Version, err = versionOf(out.Attributes); err != nil {
			return stored, err
		}
	}
	return stored, nil
}

// putInput is the UpdateItem that writes c whole.
func (r *Repository[T]) putInput(c Content[T], w writeConditions) (*dynamodb.UpdateItemInput, time.Time, error) {
	key, err := r.key(c.Key())
	if err != nil {
		return nil, time.Time{}, err
	}
	attrs, err := r.marshalItem(c.Item)
	if err != nil {
		return nil, time.Time{}, err
	}
	now, nowAV := r.timestamp()
	hash := contentHash(attrs, c.Expiry)
	if w.changed {
		w.hash = hash
	}
	upd := expression.Set(expression.NameNoDotSplit(AttrTimestamp), expression.Value(nowAV)).
		Set(expression.NameNoDotSplit(AttrContentHash), expression.Value(hash))
	version := expression.NameNoDotSplit(AttrVersion)
	switch {
	case w.ifAbsent:
		upd = upd.Set(version, expression.Value(number(1)))
	case w.version > 0:
		upd = upd.Set(version, expression.Value(number(w.version+1)))
	default:
		upd = upd.Set(version, expression.Plus(expression.IfNotExists(version, expression.Value(number(0))), expression.Value(number(1))))
	}
	if c.Expiry.IsZero() {
		upd = upd.Remove(expression.NameNoDotSplit(AttrTTL))
	} else {
		upd = upd.Set(expression.NameNoDotSplit(AttrTTL), expression.Value(number(c.Expiry.Unix())))
	}
	for _, name := range sortedKeys(attrs) {
		upd = upd.Set(expression.NameNoDotSplit(name), expression.Value(attrs[name]))
	}
	for _, name := range r.attrs {
		if _, ok := attrs[name]; !ok {
			upd = upd.Remove(expression.NameNoDotSplit(name))
		}
	}
	b := expression.NewBuilder().WithUpdate(upd)
	cond, err := r.writeCondition(w)
	if err != nil {
		return nil, now, err
	}
	if cond.IsSet() {
		b = b.WithCondition(cond)
	}
	e, err := b.Build()
	if err != nil {
		return nil, now, invalid("Put: %v", err)
	}
	in := &dynamodb.UpdateItemInput{
		TableName:                 aws.String(r.cfg.Table),
		Key:                       key,
		UpdateExpression:          e.Update(),
		ConditionExpression:       e.Condition(),
		ExpressionAttributeNames:  e.Names(),
		ExpressionAttributeValues: e.Values(),
	}
	if cond.IsSet() && !w.changed {
		in.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
	}
	if !w.ifAbsent && w.version == 0 {
		in.ReturnValues = types.ReturnValueUpdatedNew
	}
	return in, now, nil
}

// writeCondition is the ConditionExpression for w, unset when w has none.
func (r *Repository[T]) writeCondition(w writeConditions) (expression.ConditionBuilder, error) {
	var conds []expression.ConditionBuilder
	if w.exists {
		conds = append(conds, expression.AttributeExists(expression.NameNoDotSplit(r.cfg.PartitionKey)))
	}
	if w.ifAbsent {
		conds = append(conds, expression.AttributeNotExists(expression.NameNoDotSplit(r.cfg.PartitionKey)))
	}
	if w.version > 0 {
		conds = append(conds, expression.Equal(expression.NameNoDotSplit(AttrVersion), expression.Value(number(w.version))))
	}
	if w.changed {
		hash := expression.NameNoDotSplit(AttrContentHash)
		conds = append(conds, expression.Or(
			expression.AttributeNotExists(expression.NameNoDotSplit(r.cfg.PartitionKey)),
			expression.AttributeNotExists(hash),
			expression.NotEqual(hash, expression.Value(w.hash))))
	}
	if w.when != nil {
		c, err := w.when.condition(r.shape)
		if err != nil {
			return c, invalid("%v", err)
		}
		conds = append(conds, c)
	}
	switch len(conds) {
	case 0:
		return expression.ConditionBuilder{}, nil
	case 1:
		return conds[0], nil
	}
	return expression.And(conds[0], conds[1], conds[2:]...), nil
}

// writeError turns a failed write's error into the repository's: a failed
// condition becomes ErrNotFound, a *VersionConflictError or
// ErrConditionFailed according to what the write asked and what is stored.
func (r *Repository[T]) writeError(err error, k Key, w writeConditions) error {
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		return callError(fmt.Sprintf("write %v", k), err)
	}
	if ccf.Item == nil {
		if w.exists || w.version > 0 {
			return fmt.Errorf("%w: %v", ErrNotFound, k)
		}
		// IfAbsent, or a When condition. (A backend that does not return
		// the old item lands here too; IfAbsent still means it exists.)
		return fmt.Errorf("%w: %v", ErrConditionFailed, k)
	}
	current, derr := r.decode(ccf.Item)
	if derr != nil {
		return fmt.Errorf("repo: write %v: condition failed, and the current item: %w", k, derr)
	}
	if w.version > 0 && current.Version != w.version {
		return &VersionConflictError[T]{Key: k, Expected: w.version, Current: current}
	}
	if w.ifAbsent {
		return fmt.Errorf("%w: %v exists", ErrConditionFailed, k)
	}
	return fmt.Errorf("%w: %v", ErrConditionFailed, k)
}

// contentHash identifies T's attributes and the expiry as written.
func contentHash(attrs map[string]types.AttributeValue, expiry time.Time) types.AttributeValue {
	b := appendCanonicalMap(nil, attrs)
	if !expiry.IsZero() {
		b = binary.AppendVarint(append(b, 't'), expiry.Unix())
	}
	sum := sha256.Sum256(b)
	return &types.AttributeValueMemberS{Value: base64.RawStdEncoding.EncodeToString(sum[:18])}
}

// marshalItem turns T into its top-level attributes. NULLs (nil pointers,
// slices and maps) are left out: an absent attribute reads back the same,
// list_append and if_not_exists then work on it, and a NULL can never land
// in an index key, where DynamoDB refuses it.
func (r *Repository[T]) marshalItem(item T) (map[string]types.AttributeValue, error) {
	attrs, err := attributevalue.MarshalMap(item)
	if err != nil {
		return nil, invalid("marshal %T: %v", item, err)
	}
	for name, av := range attrs {
		if _, null := av.(*types.AttributeValueMemberNULL); null {
			delete(attrs, name)
		} else if r.keyAttrSet[name] {
			return nil, invalid("%T marshals an attribute named %q, which the repository reserves", item, name)
		}
	}
	return attrs, nil
}
