package engine

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/expr"
)

// source is what a Query or Scan reads: a table, or one of its secondary
// indexes.
type source struct {
	t *table
	x *index // nil: the table itself
	// fetch reads each item from the table rather than the index: a local
	// index answering for attributes it does not project (DynamoDB fetches
	// them from the table).
	fetch bool
}

// keys is the key schema the read's key condition and order follow.
func (s *source) keys() *keySchema {
	if s.x != nil {
		return &s.x.keySchema
	}
	return &s.t.keySchema
}

// lastKey is the LastEvaluatedKey of a page that stopped at item: the
// table's key, plus the index's for an index.
func (s *source) lastKey(item map[string]types.AttributeValue) map[string]types.AttributeValue {
	if s.x != nil {
		return s.x.entryAttributes(s.t, item)
	}
	return s.t.keyAttributes(item)
}

func errNoIndex(name string) error {
	return apierr.Validation("The table does not have the specified index: " + name)
}

// readRequest is what openSource checks of a Query or Scan on an index.
type readRequest struct {
	index      *string
	consistent bool
	sel        types.Select
	projection expr.Projection
	names      []string // AttributesToGet
	filters    []expr.Cond
	env        *expr.Env
}

// openSource resolves a read's IndexName and checks what reading that
// index allows, with DynamoDB's messages: no consistent reads of a global
// index, and no attribute (selected, projected or filtered on) that a
// global index does not hold. A local index fetches what it does not hold
// from the table, except for filters.
func (t *table) openSource(r readRequest) (source, error) {
	s := source{t: t}
	if r.index == nil {
		return s, nil
	}
	x := t.state.Load().index(*r.index)
	if x == nil {
		return s, errNoIndex(*r.index)
	}
	s.x = x
	if x.global {
		if x.creating {
			return s, apierr.Validation("Cannot read from backfilling global secondary index: " + x.name)
		}
		if r.consistent {
			return s, apierr.Validation("Consistent reads are not supported on global secondary indexes")
		}
	}
	if x.projection == types.ProjectionTypeAll {
		return s, nil
	}
	if r.sel == types.SelectAllAttributes {
		if x.global {
			return s, apierr.Validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index " +
				x.name + " because its projection type is not ALL")
		}
		s.fetch = true
	}
	var missing []string
	note := func(name string) {
		if !x.projects(t, name) && !slices.Contains(missing, name) {
			missing = append(missing, name)
		}
	}
	for _, p := range r.projection {
		note(r.env.AttributeName(p[0]))
	}
	for _, n := range r.names {
		note(n)
	}
	if len(missing) > 0 {
		if x.global {
			return s, apierr.Validation("One or more parameter values were invalid: Global secondary index " + x.name +
				" does not project [" + strings.Join(missing, ", ") + "]")
		}
		s.fetch = true
	}
	missing = missing[:0]
	for _, c := range r.filters {
		if c != nil {
			walkCondPaths(c, func(p expr.Path) { note(r.env.AttributeName(p[0])) })
		}
	}
	if len(missing) > 0 {
		return s, apierr.Validation("One or more parameter values were invalid: Secondary index " + x.name +
			" does not project one or more filter attributes: [" + strings.Join(missing, ", ") + "]")
	}
	return s, nil
}

// consumed is the ConsumedCapacity of a read of s: for an index, DynamoDB
// charges the index, and with INDEXES says so.
func (s *source) consumed(mode types.ReturnConsumedCapacity, units float64) *types.ConsumedCapacity {
	c := consumed(mode, s.t.name, units)
	if c == nil || s.x == nil || mode != types.ReturnConsumedCapacityIndexes {
		return c
	}
	c.Table.CapacityUnits = aws.Float64(0)
	m := map[string]types.Capacity{s.x.name: {CapacityUnits: aws.Float64(units)}}
	if s.x.global {
		c.GlobalSecondaryIndexes = m
	} else {
		c.LocalSecondaryIndexes = m
	}
	return c
}
