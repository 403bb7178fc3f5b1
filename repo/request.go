package repo

import (
	"context"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// maxRune sorts after every character a key can hold in practice, so
// "x" + maxRune bounds everything that begins with "x".
const maxRune = "\U0010FFFF"

// request is a Query made ready to send: a QueryInput or ScanInput without
// its Limit and ExclusiveStartKey, what binds cursors to it, and the
// attributes that give an item's position (its LastEvaluatedKey).
type request struct {
	query    *dynamodb.QueryInput
	scan     *dynamodb.ScanInput
	bind     queryBinding
	keyAttrs []string
}

// request checks q and builds its request.
func (r *Repository[T]) request(ctx context.Context, q Query) (*request, error) {
	if q.Limit < 0 {
		return nil, invalid("Limit %d is negative", q.Limit)
	}
	b := expression.NewBuilder()
	var filter []expression.ConditionBuilder
	if !q.Filter.IsZero() {
		f, err := q.Filter.condition(r.shape)
		if err != nil {
			return nil, invalid("filter: %v", err)
		}
		filter = append(filter, f)
	}
	keyAttrs := []string{r.cfg.PartitionKey}
	if r.cfg.SortKey != "" {
		keyAttrs = append(keyAttrs, r.cfg.SortKey)
	}
	switch {
	case q.Scan:
		if q.Index != "" || q.Descending || q.PartitionIDs != nil || q.Prefix != nil || q.Range != nil {
			return nil, invalid("a Scan query takes no Index, Descending, PartitionIDs, Prefix or Range")
		}
		// Only this repository's items: the table may hold others.
		var mine []expression.ConditionBuilder
		if h := r.partition.head; h != "" {
			mine = append(mine, expression.BeginsWith(expression.NameNoDotSplit(r.cfg.PartitionKey), h))
		}
		if h := r.content.head; h != "" && r.cfg.SortKey != "" {
			mine = append(mine, expression.BeginsWith(expression.NameNoDotSplit(r.cfg.SortKey), h))
		}
		filter = append(mine, filter...)
	case q.Index != "":
		if q.PartitionIDs != nil || q.Prefix != nil || q.Range != nil {
			return nil, invalid("an Index query selects with IndexKey, not PartitionIDs, Prefix or Range")
		}
		if !q.IndexKey.IsSet() {
			return nil, invalid("an Index query needs an IndexKey")
		}
		b = b.WithKeyCondition(q.IndexKey)
		ik, err := r.indexKeys(ctx, q.Index)
		if err != nil {
			return nil, err
		}
		keyAttrs = append(keyAttrs, ik...)
	default:
		kc, err := r.keyCondition(q)
		if err != nil {
			return nil, err
		}
		b = b.WithKeyCondition(kc)
	}
	switch len(filter) {
	case 0:
	case 1:
		b = b.WithFilter(filter[0])
	default:
		b = b.WithFilter(expression.And(filter[0], filter[1], filter[2:]...))
	}
	e, err := b.Build()
	if err != nil && !isEmptyBuilder(err) {
		return nil, invalid("query: %v", err)
	}
	req := &request{keyAttrs: keyAttrs}
	parts := []string{r.cfg.Table, q.Index, strconv.FormatBool(q.Scan), strconv.FormatBool(q.Descending),
		aws.ToString(e.KeyCondition()), aws.ToString(e.Filter())}
	for _, ph := range sortedKeys(e.Names()) {
		parts = append(parts, ph, e.Names()[ph])
	}
	req.bind = bindQuery(parts, e.Values())
	if q.Scan {
		req.scan = &dynamodb.ScanInput{
			TableName:                 aws.String(r.cfg.Table),
			FilterExpression:          e.Filter(),
			ExpressionAttributeNames:  e.Names(),
			ExpressionAttributeValues: e.Values(),
			ConsistentRead:            aws.Bool(r.cfg.ConsistentRead),
		}
		return req, nil
	}
	req.query = &dynamodb.QueryInput{
		TableName:                 aws.String(r.cfg.Table),
		KeyConditionExpression:    e.KeyCondition(),
		FilterExpression:          e.Filter(),
		ExpressionAttributeNames:  e.Names(),
		ExpressionAttributeValues: e.Values(),
		ScanIndexForward:          aws.Bool(!q.Descending),
	}
	if q.Index != "" {
		req.query.IndexName = aws.String(q.Index)
	} else {
		// Global indexes cannot be read consistently; local ones could,
		// but one rule is simpler to state: only the table is.
		req.query.ConsistentRead = aws.Bool(r.cfg.ConsistentRead)
	}
	return req, nil
}

// isEmptyBuilder reports the expression package's complaint about a
// builder with nothing in it (a Scan without a filter).
func isEmptyBuilder(err error) bool {
	_, ok := err.(expression.UnsetParameterError)
	return ok
}

// keyCondition selects q's partition and content IDs.
func (r *Repository[T]) keyCondition(q Query) (expression.KeyConditionBuilder, error) {
	pk := r.partition.value(q.PartitionIDs)
	if pk == "" {
		return expression.KeyConditionBuilder{}, invalid("the partition key of %q would be empty", q.PartitionIDs)
	}
	kc := expression.Key(r.cfg.PartitionKey).Equal(expression.Value(pk))
	if r.cfg.SortKey == "" {
		if q.Prefix != nil || q.Range != nil {
			return kc, invalid("table %s has no sort key: a query takes no Prefix or Range", r.cfg.Table)
		}
		return kc, nil
	}
	sk := expression.Key(r.cfg.SortKey)
	if q.Range != nil {
		if q.Prefix != nil {
			return kc, invalid("a query takes Prefix or Range, not both")
		}
		lo, hi := r.content.prefix(q.Range.From), r.content.prefix(q.Range.To)+maxRune
		if lo > hi {
			return kc, invalid("content range from %q to %q is empty", q.Range.From, q.Range.To)
		}
		if lo == "" {
			return kc.And(sk.LessThanEqual(expression.Value(hi))), nil
		}
		return kc.And(sk.Between(expression.Value(lo), expression.Value(hi))), nil
	}
	if p := r.content.prefix(q.Prefix); p != "" {
		return kc.And(sk.BeginsWith(p)), nil
	}
	return kc, nil
}

// call sends one page's request.
func (q *request) call(ctx context.Context, api API, start map[string]types.AttributeValue, limit int) ([]map[string]types.AttributeValue, map[string]types.AttributeValue, error) {
	var lim *int32
	if limit > 0 {
		lim = aws.Int32(int32(min(limit, 1<<31-1)))
	}
	if q.scan != nil {
		in := *q.scan
		in.ExclusiveStartKey, in.Limit = start, lim
		out, err := api.Scan(ctx, &in)
		if err != nil {
			return nil, nil, callError("Scan", err)
		}
		return out.Items, out.LastEvaluatedKey, nil
	}
	in := *q.query
	in.ExclusiveStartKey, in.Limit = start, lim
	out, err := api.Query(ctx, &in)
	if err != nil {
		return nil, nil, callError("Query", err)
	}
	return out.Items, out.LastEvaluatedKey, nil
}

// position is the ExclusiveStartKey that resumes reading after item.
func (q *request) position(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	key := make(map[string]types.AttributeValue, len(q.keyAttrs))
	for _, a := range q.keyAttrs {
		if v, ok := item[a]; ok {
			key[a] = v
		}
	}
	return key
}

// indexKeys returns the key attributes of a secondary index, read once
// from DescribeTable and remembered.
func (r *Repository[T]) indexKeys(ctx context.Context, index string) ([]string, error) {
	if v, ok := r.indexKeyCache.Load(index); ok {
		return v.([]string), nil
	}
	out, err := r.api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(r.cfg.Table)})
	if err != nil {
		return nil, callError("DescribeTable", err)
	}
	var schema []types.KeySchemaElement
	for _, g := range out.Table.GlobalSecondaryIndexes {
		if aws.ToString(g.IndexName) == index {
			schema = g.KeySchema
		}
	}
	for _, l := range out.Table.LocalSecondaryIndexes {
		if aws.ToString(l.IndexName) == index {
			schema = l.KeySchema
		}
	}
	if schema == nil {
		return nil, invalid("table %s has no index %q", r.cfg.Table, index)
	}
	var names []string
	for _, k := range schema {
		names = append(names, aws.ToString(k.AttributeName))
	}
	r.indexKeyCache.Store(index, names)
	return names, nil
}
