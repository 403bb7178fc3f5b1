package engine

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/validate"
)

// DescribeTable returns a table's description.
func (db *DB) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.DescribeTable(in); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, tableNotFoundByName(aws.ToString(in.TableName))
	}
	return &dynamodb.DescribeTableOutput{Table: t.description()}, nil
}

// tableNotFoundByName is the control-plane form of the not-found error:
// DescribeTable and DeleteTable name the table, data-plane operations don't.
func tableNotFoundByName(name string) error {
	return apierr.ResourceNotFound(fmt.Sprintf(validate.MsgTableNotFoundFmt, name))
}
