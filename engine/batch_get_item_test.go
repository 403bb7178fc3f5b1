package engine_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// A BatchGetItem whose answer would pass 16 MB returns the rest of its keys
// in UnprocessedKeys, and asking for those returns them.
func TestBatchGetItemCapsTheAnswer(t *testing.T) {
	db := openHashTable(t, "bigitems")
	ctx := context.Background()
	payload := strings.Repeat("x", 390_000)
	var keys []map[string]types.AttributeValue
	for i := range 60 { // 60 × ~390 KB ≈ 23 MB
		key := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: fmt.Sprint("k", i)}}
		keys = append(keys, key)
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("bigitems"), Item: map[string]types.AttributeValue{
			"pk": key["pk"], "p": &types.AttributeValueMemberS{Value: payload},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	seen := map[string]bool{}
	request := map[string]types.KeysAndAttributes{"bigitems": {Keys: keys}}
	for round := 0; len(request) > 0; round++ {
		if round > 3 {
			t.Fatal("UnprocessedKeys never drained")
		}
		out, err := db.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: request})
		if err != nil {
			t.Fatal(err)
		}
		got := out.Responses["bigitems"]
		if round == 0 && (len(got) == 0 || len(got) == len(keys)) {
			t.Fatalf("first answer holds %d of %d items; want a capped part", len(got), len(keys))
		}
		for _, item := range got {
			id := item["pk"].(*types.AttributeValueMemberS).Value
			if seen[id] {
				t.Fatalf("item %s answered twice", id)
			}
			seen[id] = true
		}
		request = out.UnprocessedKeys
	}
	if len(seen) != len(keys) {
		t.Fatalf("answered %d of %d items", len(seen), len(keys))
	}
}
