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
