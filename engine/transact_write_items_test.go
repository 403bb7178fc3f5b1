package engine_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Many goroutines transfer random amounts between a few accounts with
// conditional transactions ("balance >= :amount" on the payer), while
// others read all accounts transactionally: balances never go negative,
// every read sees the conserved total, and nothing deadlocks.
func TestConcurrentTransfersConserveTheTotal(t *testing.T) {
	db := openHashTable(t, "ledger")
	ctx := context.Background()
	const accounts, start = 5, 100
	acct := func(i int) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: fmt.Sprint("acct", i)}}
	}
	for i := range accounts {
		item := acct(i)
		item["balance"] = &types.AttributeValueMemberN{Value: strconv.Itoa(start)}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("ledger"), Item: item}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 11))
			for range 150 {
				from, to := rng.IntN(accounts), rng.IntN(accounts)
				if from == to {
					continue
				}
				amount := &types.AttributeValueMemberN{Value: strconv.Itoa(1 + rng.IntN(60))}
				_, err := db.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: []types.TransactWriteItem{
					{Update: &types.Update{TableName: aws.String("ledger"), Key: acct(from),
						UpdateExpression:          aws.String("SET balance = balance - :a"),
						ConditionExpression:       aws.String("balance >= :a"),
						ExpressionAttributeValues: map[string]types.AttributeValue{":a": amount}}},
					{Update: &types.Update{TableName: aws.String("ledger"), Key: acct(to),
						UpdateExpression:          aws.String("SET balance = balance + :a"),
						ExpressionAttributeValues: map[string]types.AttributeValue{":a": amount}}},
				}})
				var canceled *types.TransactionCanceledException
				if err != nil && !errors.As(err, &canceled) {
					errs <- err
					return
				}
			}
		}()
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			gets := make([]types.TransactGetItem, accounts)
			for i := range gets {
				gets[i] = types.TransactGetItem{Get: &types.Get{TableName: aws.String("ledger"), Key: acct(i)}}
			}
			for range 300 {
				out, err := db.TransactGetItems(ctx, &dynamodb.TransactGetItemsInput{TransactItems: gets})
				if err != nil {
					errs <- err
					return
				}
				total := 0
				for _, r := range out.Responses {
					n, _ := strconv.Atoi(r.Item["balance"].(*types.AttributeValueMemberN).Value)
					if n < 0 {
						errs <- fmt.Errorf("a balance went negative: %d", n)
						return
					}
					total += n
				}
				if total != accounts*start {
					errs <- fmt.Errorf("a read saw a total of %d, want %d", total, accounts*start)
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
}
