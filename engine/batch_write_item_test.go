package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Concurrent BatchWriteItems over overlapping keys (stripe locks taken in
// order), mixed with single-item updates of the same keys, neither
// deadlock nor lose count: afterwards ItemCount equals what a Scan finds.
func TestConcurrentBatchWritesKeepCountsExact(t *testing.T) {
	db := openHashTable(t, "batches")
	ctx := context.Background()
	const keys = 40
	key := func(i int) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: fmt.Sprint("k", i)}}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for range 60 {
				var reqs []types.WriteRequest
				for _, i := range rng.Perm(keys)[:1+rng.IntN(25)] {
					if rng.IntN(3) == 0 {
						reqs = append(reqs, types.WriteRequest{DeleteRequest: &types.DeleteRequest{Key: key(i)}})
					} else {
						reqs = append(reqs, types.WriteRequest{PutRequest: &types.PutRequest{Item: key(i)}})
					}
				}
				_, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{"batches": reqs}})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
					TableName: aws.String("batches"), Key: key((i*7 + w) % keys),
					UpdateExpression:          aws.String("ADD n :one"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	scan, err := db.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String("batches"), Select: types.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	desc, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("batches")})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt64(desc.Table.ItemCount); got != int64(scan.Count) {
		t.Fatalf("ItemCount %d, Scan counts %d", got, scan.Count)
	}
}
