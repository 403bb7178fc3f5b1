package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/validate"
)

// ListTagsOfResource lists a table's tags in the order they were first
// added (CreateTable's, then each TagResource's new keys); DynamoDB
// documents no order.
//
// The answer never carries a NextToken and a NextToken in the request is
// ignored: a table has at most 50 tags, and DynamoDB returns all 50 in one
// page without a NextToken (ack-api-quirks DDB-TABLE-108), so no token of
// its can lead anywhere but the whole list.
func (db *DB) ListTagsOfResource(ctx context.Context, in *dynamodb.ListTagsOfResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	target, err := validate.ListTagsOfResource(in, db.region, db.acct)
	if err != nil {
		return nil, err
	}
	t, err := db.taggedTable(target, aws.ToString(in.ResourceArn))
	if err != nil {
		return nil, err
	}
	stored := t.meta().Tags
	// Never nil: DynamoDB answers an untagged table with "Tags":[]
	// (mhart/dynalite "should succeed if valid resource and has no tags").
	// Fresh strings, so the caller cannot reach the catalog entry.
	tags := make([]types.Tag, len(stored))
	for i, s := range stored {
		tags[i] = types.Tag{Key: aws.String(aws.ToString(s.Key)), Value: aws.String(aws.ToString(s.Value))}
	}
	return &dynamodb.ListTagsOfResourceOutput{Tags: tags}, nil
}
