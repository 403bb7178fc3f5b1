package engine_test

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// TransactGetItems reads as of one instant: while batches move amounts
// between two items (each batch rewrites both, keeping the total), every
// transactional read of the pair sees the same total.
func TestTransactGetItemsSeesOneInstant(t *testing.T) {
	db := openHashTable(t, "accounts")
	ctx := context.Background()
	account := func(name string, balance int) types.WriteRequest {
		return types.WriteRequest{PutRequest: &types.PutRequest{Item: map[string]types.AttributeValue{
			"pk":      &types.AttributeValueMemberS{Value: name},
			"balance": &types.AttributeValueMemberN{Value: strconv.Itoa(balance)},
		}}}
	}
	move := func(a int) error {
		_, err := db.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{
			"accounts": {account("a", a), account("b", 100-a)},
		}})
		return err
	}
	if err := move(50); err != nil {
		t.Fatal(err)
	}
	var stop atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			if err := move(i % 101); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	key := func(name string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: name}}
	}
	for range 2000 {
		out, err := db.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: []types.TransactGetItem{
			{Get: &types.Get{TableName: aws.String("accounts"), Key: key("a")}},
			{Get: &types.Get{TableName: aws.String("accounts"), Key: key("b")}},
		}})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, r := range out.Responses {
			n, _ := strconv.Atoi(r.Item["balance"].(*types.AttributeValueMemberN).Value)
			total += n
		}
		if total != 100 {
			stop.Store(true)
			wg.Wait()
			t.Fatalf("a transactional read saw a total of %d, want 100", total)
		}
	}
	stop.Store(true)
	wg.Wait()
}
