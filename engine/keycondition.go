package engine

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
	"github.com/dynabase/dynabase/engine/value"
	"github.com/dynabase/dynabase/internal/kv"
)

// keyCond is one condition of a Query's key condition, on the hash key
// (always "=") or on the sort key.
type keyCond struct {
	name string
	op   string // "=", "<", "<=", ">", ">=", "BETWEEN", "BEGINS_WITH"
	vals []types.AttributeValue
}

// keyRange is the part of the keyspace a read covers: [start, end).
// partition is the key prefix of a Query's one partition (nil for Scan).
type keyRange struct {
	start, end []byte
	partition  []byte
}

var (
	errKeyCondNotSupported = apierr.Validation("Query key condition not supported")
	errOneCondPerKey       = apierr.Validation("KeyConditionExpressions must only contain one condition per key")
	errKeyCondType         = apierr.Validation("One or more parameter values were invalid: Condition parameter type does not match schema type")
	errMissedKeyUnnamed    = apierr.Validation("Query condition missed key schema element")
)

func errMissedKey(name string) error {
	return apierr.Validation("Query condition missed key schema element: " + name)
}

// mirrored turns "value op path" into "path op' value".
var mirrored = map[expr.CompareOp]string{expr.Eq: "=", expr.Lt: ">", expr.Le: ">=", expr.Gt: "<", expr.Ge: "<="}
var direct = map[expr.CompareOp]string{expr.Eq: "=", expr.Lt: "<", expr.Le: "<=", expr.Gt: ">", expr.Ge: ">="}

// keyConds flattens a parsed KeyConditionExpression (a conjunction; the
// parser has refused every other operator) into its conditions.
func keyConds(c expr.Cond, env *expr.Env, out []keyCond) ([]keyCond, error) {
	attr := func(o expr.Operand) (string, bool) {
		p, ok := o.(*expr.PathOperand)
		if !ok || len(p.Path) != 1 || p.Path[0].IsIndex {
			return "", false
		}
		return env.AttributeName(p.Path[0]), true
	}
	val := func(o expr.Operand) (types.AttributeValue, bool) {
		v, ok := o.(*expr.ValueRef)
		if !ok {
			return nil, false
		}
		return env.AttributeValue(v), true
	}
	switch n := c.(type) {
	case *expr.And:
		var err error
		if out, err = keyConds(n.Left, env, out); err != nil {
			return nil, err
		}
		return keyConds(n.Right, env, out)
	case *expr.Comparison:
		if name, ok := attr(n.Left); ok {
			if v, ok := val(n.Right); ok && direct[n.Op] != "" {
				return append(out, keyCond{name, direct[n.Op], []types.AttributeValue{v}}), nil
			}
		} else if name, ok := attr(n.Right); ok {
			if v, ok := val(n.Left); ok && mirrored[n.Op] != "" {
				return append(out, keyCond{name, mirrored[n.Op], []types.AttributeValue{v}}), nil
			}
		}
	case *expr.Between:
		name, ok1 := attr(n.Operand)
		lo, ok2 := val(n.Low)
		hi, ok3 := val(n.High)
		if ok1 && ok2 && ok3 {
			return append(out, keyCond{name, "BETWEEN", []types.AttributeValue{lo, hi}}), nil
		}
	case *expr.BeginsWith:
		name, ok1 := attr(n.Operand)
		v, ok2 := val(n.Prefix)
		if ok1 && ok2 {
			return append(out, keyCond{name, "BEGINS_WITH", []types.AttributeValue{v}}), nil
		}
	}
	return nil, errKeyCondNotSupported
}

// legacyOps maps the legacy comparison operators a KeyConditions map may
// use to keyCond operators.
var legacyOps = map[types.ComparisonOperator]string{
	types.ComparisonOperatorEq: "=", types.ComparisonOperatorLt: "<", types.ComparisonOperatorLe: "<=",
	types.ComparisonOperatorGt: ">", types.ComparisonOperatorGe: ">=",
	types.ComparisonOperatorBetween: "BETWEEN", types.ComparisonOperatorBeginsWith: "BEGINS_WITH",
}

// legacyKeyConds converts a KeyConditions map (already validated by
// package validate).
func legacyKeyConds(conds map[string]types.Condition) ([]keyCond, error) {
	out := make([]keyCond, 0, len(conds))
	for name, c := range conds {
		op, ok := legacyOps[c.ComparisonOperator]
		if !ok {
			return nil, errKeyCondNotSupported
		}
		out = append(out, keyCond{name, op, c.AttributeValueList})
	}
	return out, nil
}

// queryRange checks key conditions against the table's key schema and
// returns the range of keys they select: one partition, and within it the
// sort keys that satisfy the sort key condition.
func (t *keySchema) queryRange(conds []keyCond) (keyRange, error) {
	var hash, sort *keyCond
	for i := range conds {
		c := &conds[i]
		switch c.name {
		case t.hashKey:
			if hash != nil {
				return keyRange{}, errOneCondPerKey
			}
			hash = c
		case t.rangeKey:
			if sort != nil {
				return keyRange{}, errOneCondPerKey
			}
			sort = c
		}
	}
	if hash == nil {
		return keyRange{}, errMissedKey(t.hashKey)
	}
	for _, c := range conds {
		if c.name != t.hashKey && (t.rangeKey == "" || c.name != t.rangeKey) {
			if t.rangeKey == "" {
				return keyRange{}, errKeyCondNotSupported
			}
			// With the partition key present, a condition on another
			// attribute: DynamoDB Local names no attribute here, and no
			// evidence of Amazon DynamoDB's wording has been found.
			return keyRange{}, errMissedKeyUnnamed
		}
	}
	if hash.op != "=" {
		return keyRange{}, errKeyCondNotSupported
	}
	if value.Type(hash.vals[0]) != string(t.hashType) {
		return keyRange{}, errKeyCondType
	}
	partition, err := t.itemKey(nil, hash.vals[0], nil)
	if err != nil {
		return keyRange{}, err
	}
	r := keyRange{start: partition, end: kv.PrefixEnd(partition), partition: partition}
	if sort == nil {
		return r, nil
	}
	for _, v := range sort.vals {
		if value.Type(v) != string(t.rangeType) {
			return keyRange{}, errKeyCondType
		}
	}
	at := func(v types.AttributeValue) []byte {
		k, _ := value.AppendKey(bytes.Clone(partition), v) // types checked above
		return k
	}
	switch sort.op {
	case "=":
		r.start = at(sort.vals[0])
		r.end = kv.PrefixEnd(r.start)
	case "<":
		r.end = at(sort.vals[0])
	case "<=":
		r.end = kv.PrefixEnd(at(sort.vals[0]))
	case ">":
		r.start = kv.PrefixEnd(at(sort.vals[0]))
	case ">=":
		r.start = at(sort.vals[0])
	case "BETWEEN":
		r.start = at(sort.vals[0])
		r.end = kv.PrefixEnd(at(sort.vals[1]))
	case "BEGINS_WITH":
		if t.rangeType == types.ScalarAttributeTypeN {
			return keyRange{}, errKeyCondNotSupported
		}
		p, err := value.AppendKeyPrefix(bytes.Clone(partition), sort.vals[0])
		if err != nil {
			return keyRange{}, err
		}
		r.start, r.end = p, kv.PrefixEnd(p)
	}
	if bytes.Compare(r.start, r.end) > 0 {
		r.end = r.start // an empty range (BETWEEN with bounds reversed is refused earlier)
	}
	return r, nil
}

// scanRange is the range of a Scan: the whole table, or for a parallel
// scan the segment's share of the partition hash space.
func (t *keySchema) scanRange(segment, total *int32) keyRange {
	r := keyRange{start: bytes.Clone(t.prefix), end: kv.PrefixEnd(t.prefix)}
	if total == nil || *total <= 1 {
		return r
	}
	bound := func(s uint64) []byte {
		lo, _ := bits.Div64(s, 0, uint64(*total)) // s * 2^64 / total
		return binary.BigEndian.AppendUint64(bytes.Clone(t.prefix), lo)
	}
	s := uint64(*segment)
	r.start = bound(s)
	if s+1 < uint64(*total) {
		r.end = bound(s + 1)
	}
	return r
}

var (
	errStartKeySize    = apierr.Validation("Exclusive Start Key must have same size as table's key schema")
	errStartKeyType    = apierr.Validation("Type mismatch for attribute to update")
	errStartKeySchema  = apierr.Validation("The provided starting key is invalid: The provided key element does not match the schema")
	errStartKeyOutside = apierr.Validation("The provided starting key does not match the range key predicate")
	// errStartKeyInvalid is DynamoDB Local's answer to a global index
	// ExclusiveStartKey that lacks a key attribute.
	errStartKeyInvalid = apierr.Validation("The provided starting key is invalid")
)

// startAfter narrows r to the keys after (or, reading backwards, before)
// an ExclusiveStartKey. For an index it holds the index's key attributes
// and the table's.
func (s *source) startAfter(r keyRange, esk map[string]types.AttributeValue, reverse bool) (keyRange, error) {
	if esk == nil {
		return r, nil
	}
	type attr struct {
		name string
		typ  types.ScalarAttributeType
	}
	var want []attr
	for _, ks := range []*keySchema{s.keys(), &s.t.keySchema} {
		for _, a := range []attr{{ks.hashKey, ks.hashType}, {ks.rangeKey, ks.rangeType}} {
			if a.name != "" && !slices.ContainsFunc(want, func(w attr) bool { return w.name == a.name }) {
				want = append(want, a)
			}
		}
	}
	if len(esk) != len(want) {
		if s.x != nil && s.x.global {
			return r, errStartKeyInvalid
		}
		return r, errStartKeySize
	}
	for _, k := range want {
		v, ok := esk[k.name]
		if !ok {
			if s.x != nil && s.x.global {
				return r, errStartKeyInvalid
			}
			return r, errStartKeySchema
		}
		if value.Type(v) != string(k.typ) {
			return r, errStartKeyType
		}
	}
	var key []byte
	var err error
	if s.x != nil {
		key, _, err = s.x.entryKey(nil, esk)
	} else {
		key, err = s.t.keyOf(nil, esk)
	}
	if err != nil {
		return r, err
	}
	if r.partition != nil && !bytes.HasPrefix(key, r.partition) {
		return r, errStartKeyOutside
	}
	if reverse {
		if bytes.Compare(key, r.end) < 0 {
			r.end = key
		}
	} else if next := append(key, 0); bytes.Compare(next, r.start) > 0 {
		r.start = next // the smallest key after key
	}
	if bytes.Compare(r.start, r.end) > 0 {
		r.end = r.start
	}
	return r, nil
}
