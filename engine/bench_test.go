package engine_test

import (
	"context"
	"fmt"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// benchItem is a typical ~200-byte item with 10 attributes.
func benchItem(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"id":       &types.AttributeValueMemberS{Value: id},
		"name":     &types.AttributeValueMemberS{Value: "Ada Lovelace"},
		"email":    &types.AttributeValueMemberS{Value: "ada@example.com"},
		"age":      &types.AttributeValueMemberN{Value: "36"},
		"balance":  &types.AttributeValueMemberN{Value: "1234.56"},
		"active":   &types.AttributeValueMemberBOOL{Value: true},
		"tags":     &types.AttributeValueMemberSS{Value: []string{"math", "poetry"}},
		"address":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"city": &types.AttributeValueMemberS{Value: "London"}, "zip": &types.AttributeValueMemberS{Value: "W1"}}},
		"scores":   &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberN{Value: "1"}, &types.AttributeValueMemberN{Value: "2"}}},
		"nickname": &types.AttributeValueMemberNULL{Value: true},
	}
}

func openBench(b *testing.B, opts engine.Options) *engine.DB {
	b.Helper()
	db, err := engine.Open(opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	_, err = db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String("bench"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		b.Fatal(err)
	}
	return db
}

// BenchmarkGetItem reads existing items in-process (data in memtable/cache).
func BenchmarkGetItem(b *testing.B) {
	db := openBench(b, engine.Options{Dir: b.TempDir(), NoSync: true})
	ctx := context.Background()
	const n = 10000
	for i := range n {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bench"), Item: benchItem(fmt.Sprint("user-", i))}); err != nil {
			b.Fatal(err)
		}
	}
	inputs := make([]*dynamodb.GetItemInput, n)
	for i := range inputs {
		inputs[i] = &dynamodb.GetItemInput{TableName: aws.String("bench"), Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: fmt.Sprint("user-", i)}}}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		out, err := db.GetItem(ctx, inputs[i%n])
		if err != nil || len(out.Item) != 10 {
			b.Fatalf("GetItem: %v, %d attributes", err, len(out.Item))
		}
	}
}

// BenchmarkPutItemNoSync measures the engine's write path without fsync.
func BenchmarkPutItemNoSync(b *testing.B) {
	benchmarkPut(b, engine.Options{Dir: b.TempDir(), NoSync: true})
}

// BenchmarkPutItemDurable is the same with an fsync per acknowledged write,
// shared among the parallel writers by group commit.
func BenchmarkPutItemDurable(b *testing.B) {
	benchmarkPut(b, engine.Options{Dir: b.TempDir()})
}

func benchmarkPut(b *testing.B, opts engine.Options) {
	db := openBench(b, opts)
	ctx := context.Background()
	var seq atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		// Each writer builds its item once and changes only the key: the
		// benchmark measures PutItem, not the caller building a map. The
		// engine keeps nothing of the input after it returns.
		in := &dynamodb.PutItemInput{TableName: aws.String("bench"), Item: benchItem("")}
		for pb.Next() {
			in.Item["id"] = &types.AttributeValueMemberS{Value: "user-" + strconv.FormatInt(seq.Add(1), 10)}
			if _, err := db.PutItem(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.StopTimer()
	d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("bench")})
	if err != nil || aws.ToInt64(d.Table.ItemCount) != seq.Load() {
		b.Fatalf("after benchmark ItemCount = %d, want %d (%v)", aws.ToInt64(d.Table.ItemCount), seq.Load(), err)
	}
}

// BenchmarkQuery20 reads a random partition of 20 items (one page).
func BenchmarkQuery20(b *testing.B) {
	db, err := engine.Open(engine.Options{Dir: b.TempDir(), NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	ctx := context.Background()
	_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("pages"),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		b.Fatal(err)
	}
	const partitions, per = 500, 20
	for i := range partitions * per {
		item := benchItem(fmt.Sprint("p", i/per))
		item["sk"] = &types.AttributeValueMemberN{Value: fmt.Sprint(i % per)}
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("pages"), Item: item}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		out, err := db.Query(ctx, &dynamodb.QueryInput{
			TableName:                 aws.String("pages"),
			KeyConditionExpression:    aws.String("id = :p"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: fmt.Sprint("p", i%partitions)}},
		})
		if err != nil || out.Count != per {
			b.Fatalf("Query: %v, %d items", err, out.Count)
		}
	}
}

// BenchmarkUpdateItemAdd is "ADD n :one" on random existing items, with
// RunParallel writers (sync off), checking the total afterwards.
func BenchmarkUpdateItemAdd(b *testing.B) {
	db := openBench(b, engine.Options{Dir: b.TempDir(), NoSync: true})
	ctx := context.Background()
	const n = 1000
	for i := range n {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bench"), Item: benchItem(fmt.Sprint("user-", i))}); err != nil {
			b.Fatal(err)
		}
	}
	var ops atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		one := map[string]types.AttributeValue{":one": &types.AttributeValueMemberN{Value: "1"}}
		for i := 0; pb.Next(); i++ {
			_, err := db.UpdateItem(ctx, &dynamodb.UpdateItemInput{
				TableName:                 aws.String("bench"),
				Key:                       map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "user-" + strconv.Itoa(i%n)}},
				UpdateExpression:          aws.String("ADD visits :one"),
				ExpressionAttributeValues: one,
			})
			if err != nil {
				b.Fatal(err)
			}
			ops.Add(1)
		}
	})
	b.StopTimer()
	total := 0
	for i := range n {
		out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("bench"),
			Key: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: fmt.Sprint("user-", i)}}})
		if err != nil {
			b.Fatal(err)
		}
		if v, ok := out.Item["visits"].(*types.AttributeValueMemberN); ok {
			c, _ := strconv.Atoi(v.Value)
			total += c
		}
	}
	if int64(total) != ops.Load() {
		b.Fatalf("visits add up to %d after %d updates", total, ops.Load())
	}
}
