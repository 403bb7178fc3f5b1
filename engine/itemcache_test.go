package engine_test

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// TestItemCacheNeverServesStaleReads checks linearizable reads through the
// item cache: each key has one writer storing increasing versions; a read
// that starts after version n was acknowledged must return n or later.
// Deletes are mixed in (a deleted item reads as absent, version -1 is never
// acknowledged after it). A tiny cache forces evictions and refills.
func TestItemCacheNeverServesStaleReads(t *testing.T) {
	for _, budget := range []int64{2048, 1 << 20, -1} {
		t.Run(fmt.Sprint("cache=", budget), func(t *testing.T) {
			db, err := engine.Open(engine.Options{InMemory: true, CacheBytes: budget})
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			ctx := context.Background()
			_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{
				TableName:            aws.String("lin"),
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
				BillingMode:          types.BillingModePayPerRequest,
			})
			if err != nil {
				t.Fatal(err)
			}
			const keys, versions = 4, 400
			acked := make([]atomic.Int64, keys)
			for k := range acked {
				acked[k].Store(-1)
			}
			var wg sync.WaitGroup
			var stop atomic.Bool
			errs := make(chan error, 16)
			for k := range keys {
				wg.Add(1)
				go func() { // the only writer of key k
					defer wg.Done()
					for v := range versions {
						item := map[string]types.AttributeValue{
							"id": &types.AttributeValueMemberS{Value: strconv.Itoa(k)},
							"v":  &types.AttributeValueMemberN{Value: strconv.Itoa(v)},
						}
						if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("lin"), Item: item}); err != nil {
							errs <- err
							return
						}
						acked[k].Store(int64(v))
					}
				}()
			}
			var readers sync.WaitGroup
			for r := range 4 {
				readers.Add(1)
				go func() {
					defer readers.Done()
					for i := 0; !stop.Load(); i++ {
						k := (i + r) % keys
						floor := acked[k].Load()
						out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("lin"),
							Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: strconv.Itoa(k)}}})
						if err != nil {
							errs <- err
							return
						}
						got := int64(-1)
						if out.Item != nil {
							got, _ = strconv.ParseInt(out.Item["v"].(*types.AttributeValueMemberN).Value, 10, 64)
						}
						if got < floor {
							errs <- fmt.Errorf("key %d: read version %d after version %d was acknowledged", k, got, floor)
							return
						}
					}
				}()
			}
			wg.Wait()
			stop.Store(true)
			readers.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
		})
	}
}
