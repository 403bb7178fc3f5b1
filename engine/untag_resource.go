package engine

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/validate"
)

// UntagResource removes tags from a table by key. Keys the table does not
// carry are ignored, as DynamoDB ignores them (ack-api-quirks
// DDB-TABLE-105); when none of the keys is there nothing is written.
func (db *DB) UntagResource(ctx context.Context, in *dynamodb.UntagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	target, err := validate.UntagResource(in, db.region, db.acct)
	if err != nil {
		return nil, err
	}
	arn := aws.ToString(in.ResourceArn)
	t, err := db.taggedTable(target, arn)
	if err != nil {
		return nil, err
	}
	if !slices.ContainsFunc(t.meta().Tags, func(tag types.Tag) bool { return slices.Contains(in.TagKeys, aws.ToString(tag.Key)) }) {
		return &dynamodb.UntagResourceOutput{}, nil
	}
	_, err = db.updateMeta(t, func(m *tableMeta) error {
		m.Tags = slices.DeleteFunc(m.Tags, func(tag types.Tag) bool { return slices.Contains(in.TagKeys, aws.ToString(tag.Key)) })
		return nil
	})
	if err != nil {
		return nil, tagUpdateError(err, arn)
	}
	return &dynamodb.UntagResourceOutput{}, nil
}
