package engine

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// endpointCacheMinutes is how long DynamoDB tells clients to keep the
// endpoint it names: a day.
const endpointCacheMinutes = 1440

// DescribeEndpoints answers as DynamoDB does, naming the regional endpoint
// of the database's region. That is the right answer only in-process;
// over HTTP the wire package replaces the address with the one the client
// connected to, so that SDKs doing endpoint discovery stay on dynabase.
func (db *DB) DescribeEndpoints(ctx context.Context, _ *dynamodb.DescribeEndpointsInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	return &dynamodb.DescribeEndpointsOutput{Endpoints: []types.Endpoint{{
		Address:              aws.String(regionalEndpoint(db.region)),
		CachePeriodInMinutes: endpointCacheMinutes,
	}}}, nil
}

// regionalEndpoint is DynamoDB's host name in region; the China regions
// have their own DNS suffix.
func regionalEndpoint(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "dynamodb." + region + ".amazonaws.com.cn"
	}
	return "dynamodb." + region + ".amazonaws.com"
}
