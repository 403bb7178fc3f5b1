package repo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Get reads one item; ErrNotFound when there is none.
func (r *Repository[T]) Get(ctx context.Context, k Key) (Content[T], error) {
	key, err := r.key(k)
	if err != nil {
		return Content[T]{}, err
	}
	out, err := r.api.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(r.cfg.Table),
		Key:            key,
		ConsistentRead: aws.Bool(r.cfg.ConsistentRead),
	})
	if err != nil {
		return Content[T]{}, callError(fmt.Sprintf("Get %v", k), err)
	}
	if out.Item == nil {
		return Content[T]{}, fmt.Errorf("%w: %v", ErrNotFound, k)
	}
	return r.decodeKnown(out.Item, &k)
}
