package engine

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB meters reads in 4 KB units (half a unit when eventually
// consistent) and writes in 1 KB units, rounding up, at least one unit.

func readUnits(size int, consistent bool) float64 {
	units := float64((size + 4095) / 4096)
	if units == 0 {
		units = 1
	}
	if !consistent {
		units /= 2
	}
	return units
}

func writeUnits(size int) float64 {
	units := float64((size + 1023) / 1024)
	if units == 0 {
		units = 1
	}
	return units
}

// consumed builds the ConsumedCapacity DynamoDB returns for mode, or nil when
// the caller did not ask for it. DynamoDB reports only the total units, not
// the read/write split, for single-item operations.
func consumed(mode types.ReturnConsumedCapacity, table string, units float64) *types.ConsumedCapacity {
	switch mode {
	case types.ReturnConsumedCapacityTotal, types.ReturnConsumedCapacityIndexes:
	default:
		return nil
	}
	c := &types.ConsumedCapacity{TableName: aws.String(table), CapacityUnits: aws.Float64(units)}
	if mode == types.ReturnConsumedCapacityIndexes {
		c.Table = &types.Capacity{CapacityUnits: aws.Float64(units)}
	}
	return c
}

// tableUnits adds up the capacity a multi-table operation consumes, per
// table, remembering the order in which tables first appear.
type tableUnits struct {
	order []*table
	units map[*table]float64
}

func (u *tableUnits) add(t *table, units float64) {
	if u.units == nil {
		u.units = map[*table]float64{}
	}
	if _, seen := u.units[t]; !seen {
		u.order = append(u.order, t)
	}
	u.units[t] += units
}

// consumed is the ConsumedCapacity list for mode: one entry per table, in
// order of first appearance; nil when the caller did not ask.
func (u *tableUnits) consumed(mode types.ReturnConsumedCapacity) []types.ConsumedCapacity {
	var out []types.ConsumedCapacity
	for _, t := range u.order {
		if c := consumed(mode, t.name, u.units[t]); c != nil {
			out = append(out, *c)
		}
	}
	return out
}
