package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// crashPayload is the content written under key: derived from the key, of a
// length that varies up to ~12 KB, so a torn or mixed-up write is detectable.
func crashPayload(key string) string {
	sum := sha256.Sum256([]byte(key))
	n := int(sum[0])*48 + 16
	return strings.Repeat(hex.EncodeToString(sum[:]), n/64+1)[:n]
}

// TestCrashLosesNoAcknowledgedWrite runs concurrent writers against a real
// server process, kills it with SIGKILL at a random moment, restarts it on
// the same data and checks that every acknowledged write is present and
// intact and that no item is partial. It repeats over several rounds so
// recovery itself is crashed into.
func TestCrashLosesNoAcknowledgedWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts server processes")
	}
	dir := t.TempDir()
	const table = "crash"
	var (
		acked     []string // acknowledged puts
		attempted []string // every put sent, acknowledged or not
	)
	rounds := 4
	for round := 0; round <= rounds; round++ {
		s := startServer(t, "--data", dir)
		c := s.client()
		ctx := context.Background()
		if round == 0 {
			createHashTable(t, c, table)
		}
		verifyCrashItems(t, c, table, acked, attempted)
		if round == rounds {
			break
		}

		var mu sync.Mutex
		// Cancelling wctx stops the writers at once, also while the SDK's
		// retryer is backing off from the dead server.
		wctx, stopWriters := context.WithCancel(ctx)
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; ; i++ {
					if wctx.Err() != nil {
						return
					}
					key := fmt.Sprintf("r%d-w%d-%d", round, w, i)
					mu.Lock()
					attempted = append(attempted, key)
					mu.Unlock()
					_, err := c.PutItem(wctx, &dynamodb.PutItemInput{TableName: aws.String(table), Item: map[string]types.AttributeValue{
						"id":      &types.AttributeValueMemberS{Value: key},
						"payload": &types.AttributeValueMemberS{Value: crashPayload(key)},
						"n":       &types.AttributeValueMemberN{Value: fmt.Sprint(i)},
					}})
					if err != nil {
						return // the server is gone
					}
					mu.Lock()
					acked = append(acked, key)
					mu.Unlock()
				}
			}()
		}
		time.Sleep(time.Duration(150+rand.IntN(500)) * time.Millisecond)
		s.kill()
		stopWriters()
		wg.Wait()
		t.Logf("round %d: %d writes acknowledged so far, %d attempted", round, len(acked), len(attempted))
	}
	if len(acked) == 0 {
		t.Fatal("no write was acknowledged: the test proved nothing")
	}
}

func verifyCrashItems(t *testing.T, c *dynamodb.Client, table string, acked, attempted []string) {
	t.Helper()
	ack := make(map[string]bool, len(acked))
	for _, k := range acked {
		ack[k] = true
	}
	missing := 0
	for _, key := range attempted {
		out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{
			TableName: aws.String(table),
			Key:       map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: key}},
		})
		if err != nil {
			t.Fatalf("GetItem %s after restart: %v", key, err)
		}
		if out.Item == nil {
			if ack[key] {
				missing++
				t.Errorf("acknowledged item %s lost", key)
			}
			continue
		}
		p, ok := out.Item["payload"].(*types.AttributeValueMemberS)
		if !ok || p.Value != crashPayload(key) || len(out.Item) != 3 {
			t.Errorf("item %s is not intact after restart: %d attributes", key, len(out.Item))
		}
	}
	if missing > 0 {
		t.Fatalf("%d acknowledged items lost", missing)
	}
}

// TestGracefulShutdown checks that SIGTERM drains and exits 0 with data kept.
func TestGracefulShutdown(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	s := startServer(t, "--data", dir)
	ctx := context.Background()
	c := s.client()
	createHashTable(t, c, "kept")
	if err := s.stop(t, syscall.SIGTERM); err != nil {
		var exit interface{ ExitCode() int }
		if errors.As(err, &exit) {
			t.Fatalf("SIGTERM: exit code %d, want 0", exit.ExitCode())
		}
		t.Fatalf("SIGTERM: %v", err)
	}
	s = startServer(t, "--data", dir, "--api=false")
	out, err := s.client().ListTables(ctx, &dynamodb.ListTablesInput{})
	if err != nil || !slices.Contains(out.TableNames, "kept") {
		t.Fatalf("after restart ListTables = %v, %v; want kept among them", out, err)
	}
}

// TestCrashLeavesTransactionsWhole kills a server process while writers
// send TransactWriteItems of three puts each; after every restart each
// transaction is entirely present (and intact) or entirely absent, in the
// table and in its global index, and every acknowledged one is present.
func TestCrashLeavesTransactionsWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test starts server processes")
	}
	dir := t.TempDir()
	const table = "txcrash"
	parts := []string{"a", "b", "c"}
	var mu sync.Mutex
	var acked, attempted []string // transaction ids
	check := func(c *dynamodb.Client) {
		t.Helper()
		ack := map[string]bool{}
		for _, id := range acked {
			ack[id] = true
		}
		for _, id := range attempted {
			present := 0
			for _, p := range parts {
				key := id + "-" + p
				out, err := c.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: aws.String(table),
					Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: key}}})
				if err != nil {
					t.Fatalf("GetItem %s after restart: %v", key, err)
				}
				if out.Item != nil {
					present++
					if v, ok := out.Item["payload"].(*types.AttributeValueMemberS); !ok || v.Value != crashPayload(key) {
						t.Errorf("item %s is not intact after restart", key)
					}
				}
			}
			if present != 0 && present != len(parts) {
				t.Fatalf("transaction %s is partly applied: %d of %d items", id, present, len(parts))
			}
			q, err := c.Query(context.Background(), &dynamodb.QueryInput{TableName: aws.String(table), IndexName: aws.String("byTx"),
				KeyConditionExpression:    aws.String("tx = :tx"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":tx": &types.AttributeValueMemberS{Value: id}}})
			if err != nil {
				t.Fatalf("Query index for %s after restart: %v", id, err)
			}
			if int(q.Count) != present {
				t.Fatalf("transaction %s: %d items in the table, %d in the index", id, present, q.Count)
			}
			if ack[id] && present == 0 {
				t.Fatalf("acknowledged transaction %s lost", id)
			}
		}
	}
	rounds := 3
	for round := 0; round <= rounds; round++ {
		s := startServer(t, "--data", dir)
		c := s.client()
		if round == 0 {
			createTxTable(t, c, table)
		}
		check(c)
		if round == rounds {
			break
		}
		wctx, stopWriters := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		for w := range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; wctx.Err() == nil; i++ {
					id := fmt.Sprintf("t%d-w%d-%d", round, w, i)
					mu.Lock()
					attempted = append(attempted, id)
					mu.Unlock()
					var items []types.TransactWriteItem
					for _, p := range parts {
						key := id + "-" + p
						items = append(items, types.TransactWriteItem{Put: &types.Put{TableName: aws.String(table), Item: map[string]types.AttributeValue{
							"id":      &types.AttributeValueMemberS{Value: key},
							"payload": &types.AttributeValueMemberS{Value: crashPayload(key)},
							"tx":      &types.AttributeValueMemberS{Value: id},
							"part":    &types.AttributeValueMemberS{Value: p},
						}}})
					}
					if _, err := c.TransactWriteItems(wctx, &dynamodb.TransactWriteItemsInput{TransactItems: items}); err != nil {
						return // the server is gone
					}
					mu.Lock()
					acked = append(acked, id)
					mu.Unlock()
				}
			}()
		}
		time.Sleep(time.Duration(150+rand.IntN(400)) * time.Millisecond)
		s.kill()
		stopWriters()
		wg.Wait()
		t.Logf("round %d: %d transactions acknowledged so far, %d attempted", round, len(acked), len(attempted))
	}
	if len(acked) == 0 {
		t.Fatal("no transaction was acknowledged: the test proved nothing")
	}
}

// createTxTable creates a table keyed by id with a global index "byTx" on
// (tx, part).
func createTxTable(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	s := func(n string) types.AttributeDefinition {
		return types.AttributeDefinition{AttributeName: aws.String(n), AttributeType: types.ScalarAttributeTypeS}
	}
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{s("id"), s("tx"), s("part")},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName: aws.String("byTx"),
			KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("tx"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("part"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
		}},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable %s: %v", name, err)
	}
}
