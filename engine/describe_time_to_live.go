package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/validate"
)

// DescribeTimeToLive returns a table's TTL status: ENABLED with the
// attribute, or DISABLED with none, for a table whose TTL was never set as
// for one where it was disabled (DynamoDB cannot tell them apart either).
// The transitional statuses are never reported; see UpdateTimeToLive.
func (db *DB) DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.DescribeTimeToLive(in); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, tableNotFoundByName(aws.ToString(in.TableName))
	}
	d := &types.TimeToLiveDescription{TimeToLiveStatus: types.TimeToLiveStatusDisabled}
	if attr, on := ttlAttribute(t.meta()); on {
		d = &types.TimeToLiveDescription{AttributeName: aws.String(attr), TimeToLiveStatus: types.TimeToLiveStatusEnabled}
	}
	return &dynamodb.DescribeTimeToLiveOutput{TimeToLiveDescription: d}, nil
}
