package repo

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Query says which items of a repository to read. The zero Query with
// PartitionIDs set reads a whole partition of the repository's content type.
type Query struct {
	// PartitionIDs is the partition to read (not used with Index or Scan).
	PartitionIDs []string
	// Prefix keeps the items whose content IDs begin with it; the last ID
	// is a string prefix (["2023"] keeps ["2023-05-01"]). [""] is the same
	// as nil: everything, the item without content IDs included.
	Prefix []string
	// Range, when set, keeps the items whose content IDs lie between From
	// and To instead, both inclusive and both taken as prefixes: From
	// ["2023-01"] To ["2023-04"] keeps all of January to April, and From
	// equal to To is the same as Prefix.
	Range *ContentRange
	// Index reads a secondary index instead, selecting items with
	// IndexKey, a key condition on the index's keys built with the
	// expression package (expression.Key("name").Equal(expression.Value(x))).
	Index    string
	IndexKey expression.KeyConditionBuilder
	// Scan reads every item of the repository in all partitions (a
	// DynamoDB Scan; items come in no useful order).
	Scan bool
	// Descending reads from the highest sort key down.
	Descending bool
	// Limit, when positive, stops List after this many items (Page takes
	// its own size instead).
	Limit int
	// Filter keeps only the items that match it. DynamoDB applies it after
	// reading, so a filtered read may read many items to return few.
	Filter Filter
}

// ContentRange is the content-ID range of a Query.
type ContentRange struct {
	From, To []string
}

// ListOption adjusts the Query of List, ListBetween, ListIndex and ListAll.
type ListOption func(*Query)

// Descending lists from the highest sort key down.
func Descending() ListOption { return func(q *Query) { q.Descending = true } }

// Limit stops the listing after n items.
func Limit(n int) ListOption { return func(q *Query) { q.Limit = n } }

// Where keeps only the items that match f (several Where options combine
// with AND).
func Where(f Filter) ListOption {
	return func(q *Query) {
		if q.Filter.IsZero() {
			q.Filter = f
		} else {
			q.Filter = And(q.Filter, f)
		}
	}
}

func buildQuery(q Query, opts []ListOption) Query {
	for _, o := range opts {
		o(&q)
	}
	return q
}

// List streams the items of a partition whose content IDs begin with
// prefix, in sort-key order, following DynamoDB's pages as the loop asks
// for more. A failure ends the stream with its error.
func (r *Repository[T]) List(ctx context.Context, partitionIDs, prefix []string, opts ...ListOption) iter.Seq2[Content[T], error] {
	return r.Query(ctx, buildQuery(Query{PartitionIDs: partitionIDs, Prefix: prefix}, opts))
}

// ListBetween streams the items of a partition whose content IDs lie
// between from and to (see Query.Range).
func (r *Repository[T]) ListBetween(ctx context.Context, partitionIDs, from, to []string, opts ...ListOption) iter.Seq2[Content[T], error] {
	return r.Query(ctx, buildQuery(Query{PartitionIDs: partitionIDs, Range: &ContentRange{From: from, To: to}}, opts))
}

// ListIndex streams the items a secondary index selects with key.
func (r *Repository[T]) ListIndex(ctx context.Context, index string, key expression.KeyConditionBuilder, opts ...ListOption) iter.Seq2[Content[T], error] {
	return r.Query(ctx, buildQuery(Query{Index: index, IndexKey: key}, opts))
}

// ListAll streams every item of the repository, in all partitions.
func (r *Repository[T]) ListAll(ctx context.Context, opts ...ListOption) iter.Seq2[Content[T], error] {
	return r.Query(ctx, buildQuery(Query{Scan: true}, opts))
}

// Query streams the items q selects.
func (r *Repository[T]) Query(ctx context.Context, q Query) iter.Seq2[Content[T], error] {
	return func(yield func(Content[T], error) bool) {
		req, err := r.request(ctx, q)
		if err != nil {
			yield(Content[T]{}, err)
			return
		}
		n := 0
		var start map[string]types.AttributeValue
		for {
			limit := 0
			if q.Limit > 0 {
				limit = q.Limit - n
			}
			items, next, err := req.call(ctx, r.api, start, limit)
			if err != nil {
				yield(Content[T]{}, err)
				return
			}
			for _, it := range items {
				c, err := r.decode(it)
				if !yield(c, err) || err != nil {
					return
				}
				n++
				if q.Limit > 0 && n >= q.Limit {
					return
				}
			}
			if next == nil {
				return
			}
			start = next
		}
	}
}

// Page is one page of a query's items.
type Page[T any] struct {
	Items []Content[T]
	// Next is the cursor of the following page, "" on the last page.
	Next string
}

// Page reads up to size items of q, starting after cursor ("" for the
// first page). A filtered page is filled exactly, following DynamoDB's
// pages as far as it takes, and Next is "" only when no item follows, so
// a client never fetches an empty last page. The cursor is bound to q (its
// size may change from page to page) and signed: a cursor that was altered,
// forged or made for another query fails with ErrBadCursor.
func (r *Repository[T]) Page(ctx context.Context, q Query, size int, cursor string) (Page[T], error) {
	var page Page[T]
	if size <= 0 {
		return page, invalid("page size %d: it must be positive", size)
	}
	req, err := r.request(ctx, q)
	if err != nil {
		return page, err
	}
	var start map[string]types.AttributeValue
	if cursor != "" {
		if start, err = decodeCursor(r.cursorKey, req.bind, cursor); err != nil {
			return page, err
		}
	}
	// Read one item more than the page holds: whether it exists says
	// whether there is a next page.
	var raw []map[string]types.AttributeValue
	for len(raw) <= size {
		items, next, err := req.call(ctx, r.api, start, size+1-len(raw))
		if err != nil {
			return Page[T]{}, err
		}
		raw = append(raw, items...)
		if next == nil {
			break
		}
		start = next
	}
	if len(raw) > size {
		raw = raw[:size]
		if page.Next, err = encodeCursor(r.cursorKey, req.bind, req.position(raw[size-1])); err != nil {
			return Page[T]{}, err
		}
	}
	page.Items = make([]Content[T], 0, len(raw))
	for _, it := range raw {
		c, err := r.decode(it)
		if err != nil {
			return Page[T]{}, err
		}
		page.Items = append(page.Items, c)
	}
	return page, nil
}
