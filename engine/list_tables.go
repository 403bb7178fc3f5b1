package engine

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/validate"
)

// maxListTables is DynamoDB's default and largest ListTables page.
const maxListTables = 100

// ListTables returns table names in ascending order, a page at a time.
func (db *DB) ListTables(ctx context.Context, in *dynamodb.ListTablesInput, _ ...func(*dynamodb.Options)) (*dynamodb.ListTablesOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if in == nil {
		in = &dynamodb.ListTablesInput{}
	}
	if err := validate.ListTables(in); err != nil {
		return nil, err
	}
	limit := maxListTables
	if in.Limit != nil {
		limit = int(*in.Limit)
	}
	start := aws.ToString(in.ExclusiveStartTableName)

	db.catalogMu.RLock()
	names := make([]string, 0, len(db.tables))
	for name := range db.tables {
		if name > start {
			names = append(names, name)
		}
	}
	db.catalogMu.RUnlock()
	slices.Sort(names)

	out := &dynamodb.ListTablesOutput{TableNames: names}
	if len(names) > limit {
		out.TableNames = names[:limit]
		out.LastEvaluatedTableName = aws.String(names[limit-1])
	}
	return out, nil
}
