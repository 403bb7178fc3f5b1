package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// DescribeLimits answers with DynamoDB's default account and table
// provisioned-throughput quotas, which dynabase reports (and enforces on
// CreateTable) but does not meter.
func (db *DB) DescribeLimits(ctx context.Context, _ *dynamodb.DescribeLimitsInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeLimitsOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	return &dynamodb.DescribeLimitsOutput{
		AccountMaxReadCapacityUnits:  aws.Int64(80000),
		AccountMaxWriteCapacityUnits: aws.Int64(80000),
		TableMaxReadCapacityUnits:    aws.Int64(40000),
		TableMaxWriteCapacityUnits:   aws.Int64(40000),
	}, nil
}
