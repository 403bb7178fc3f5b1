package engine_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// openHashTable opens an in-memory database with one table keyed by "pk".
func openHashTable(t *testing.T, table string) *engine.DB {
	t.Helper()
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(table),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// N concurrent "ADD n :one" updates of one item leave n = N: each update
// reads the item it replaces under the item's lock.
func TestConcurrentAddIsExact(t *testing.T) {
	db := openHashTable(t, "counters")
	ctx := context.Background()
	const writers, each = 8, 250
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range each {
				_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
					TableName:                 aws.String("counters"),
					Key:                       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "c"}},
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
	out, err := db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String("counters"),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "c"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := out.Item["n"].(*types.AttributeValueMemberN); n == nil || n.Value != fmt.Sprint(writers*each) {
		t.Fatalf("n = %v after %d ADDs", out.Item["n"], writers*each)
	}
}

// Of many writers racing to create one item with attribute_not_exists,
// exactly one succeeds; the others get ConditionalCheckFailedException.
func TestConcurrentConditionalCreateHasOneWinner(t *testing.T) {
	db := openHashTable(t, "claims")
	ctx := context.Background()
	for round := range 50 {
		var wins, losses atomic.Int32
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := db.PutItem(ctx, &dynamodb.PutItemInput{
					TableName: aws.String("claims"),
					Item: map[string]types.AttributeValue{
						"pk":    &types.AttributeValueMemberS{Value: fmt.Sprint("item-", round)},
						"owner": &types.AttributeValueMemberN{Value: fmt.Sprint(w)},
					},
					ConditionExpression: aws.String("attribute_not_exists(pk)"),
				})
				var ccf *types.ConditionalCheckFailedException
				switch {
				case err == nil:
					wins.Add(1)
				case errors.As(err, &ccf):
					losses.Add(1)
				default:
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if wins.Load() != 1 || losses.Load() != 7 {
			t.Fatalf("round %d: %d writers succeeded, %d failed their condition; want 1 and 7", round, wins.Load(), losses.Load())
		}
	}
}
