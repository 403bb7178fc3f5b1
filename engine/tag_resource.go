package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/validate"
)

// TagResource adds tags to a table, replacing the values of keys it
// already carries. The tags live in the table's catalog entry, so they are
// durable with it and go when it is deleted. Unlike DynamoDB's, the change
// is visible to ListTagsOfResource at once (DynamoDB documents it as
// eventually consistent, about two seconds: ack-api-quirks DDB-TABLE-102).
func (db *DB) TagResource(ctx context.Context, in *dynamodb.TagResourceInput, _ ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	target, err := validate.TagResource(in, db.region, db.acct)
	if err != nil {
		return nil, err
	}
	arn := aws.ToString(in.ResourceArn)
	t, err := db.taggedTable(target, arn)
	if err != nil {
		return nil, err
	}
	_, err = db.updateMeta(t, func(m *tableMeta) error {
		tags := mergeTags(m.Tags, in.Tags)
		// The limit applies to the table's tags once the request's are
		// added: at 50 tags, re-setting existing keys succeeds and any new
		// key fails, with nothing applied (ack-api-quirks DDB-TABLE-108).
		if len(tags) > validate.MaxTags {
			return apierr.Validation(validate.MsgTagLimit)
		}
		m.Tags = tags
		return nil
	})
	if err != nil {
		return nil, tagUpdateError(err, arn)
	}
	return &dynamodb.TagResourceOutput{}, nil
}

// taggedTable returns the table a checked tagging ARN names, or the
// ResourceNotFoundException the tagging operations answer, which names the
// ARN as given.
func (db *DB) taggedTable(target validate.TagTarget, arn string) (*table, error) {
	if target.Stream {
		return nil, tagResourceNotFound(arn)
	}
	db.catalogMu.RLock()
	t := db.tables[target.Table]
	db.catalogMu.RUnlock()
	if t == nil {
		return nil, tagResourceNotFound(arn)
	}
	return t, nil
}

func tagResourceNotFound(arn string) error {
	return apierr.ResourceNotFound(fmt.Sprintf(validate.MsgTagResourceNotFoundFmt, arn))
}

// tagUpdateError turns updateMeta's answer for a table deleted meanwhile
// into the tagging operations' wording; other errors pass unchanged.
func tagUpdateError(err error, arn string) error {
	var nf *types.ResourceNotFoundException
	if errors.As(err, &nf) {
		return tagResourceNotFound(arn)
	}
	return err
}

// mergeTags returns tags with add applied: a key already present keeps
// its place and takes the new value, a new key is appended. The result
// shares no pointers with add, which belongs to the caller. add has been
// validated (keys and values present, no key twice).
func mergeTags(tags, add []types.Tag) []types.Tag {
	out := make([]types.Tag, len(tags), len(tags)+len(add))
	copy(out, tags)
	for _, a := range add {
		k, v := aws.ToString(a.Key), aws.ToString(a.Value)
		found := false
		for i := range out {
			if aws.ToString(out[i].Key) == k {
				out[i].Value = aws.String(v)
				found = true
				break
			}
		}
		if !found {
			out = append(out, types.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
	}
	return out
}
