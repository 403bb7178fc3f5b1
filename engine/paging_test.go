package engine_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// openCompositeTable opens an in-memory database with table "paging":
// hash key "pk" (S), sort key "sk" (N).
func openCompositeTable(t *testing.T) *engine.DB {
	t.Helper()
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	_, err = db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String("paging"),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("sk"), AttributeType: types.ScalarAttributeTypeN},
		},
		KeySchema: []types.KeySchemaElement{
			{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
		},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func itemID(item map[string]types.AttributeValue) string {
	return item["pk"].(*types.AttributeValueMemberS).Value + "/" + item["sk"].(*types.AttributeValueMemberN).Value
}

// Paging with Limit and ExclusiveStartKey visits every item exactly once:
// Query in sort key order both ways, Scan over all segments of a parallel
// scan. The model is the list of items written.
func TestPagingVisitsEveryItemOnce(t *testing.T) {
	db := openCompositeTable(t)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string][]float64{} // partition -> sort keys
	for i := range 400 {
		pk := fmt.Sprint("p", rng.IntN(13))
		sk := float64(i) - 200 + float64(rng.IntN(7))/8
		if slices.Contains(model[pk], sk) {
			continue
		}
		model[pk] = append(model[pk], sk)
		_, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("paging"), Item: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: pk},
			"sk": &types.AttributeValueMemberN{Value: strconv.FormatFloat(sk, 'f', -1, 64)},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}

	for pk, sks := range model {
		slices.Sort(sks)
		for _, forward := range []bool{true, false} {
			var got []string
			var start map[string]types.AttributeValue
			for pages := 0; ; pages++ {
				out, err := db.Query(ctx, &dynamodb.QueryInput{
					TableName:                 aws.String("paging"),
					KeyConditionExpression:    aws.String("pk = :p"),
					ExpressionAttributeValues: map[string]types.AttributeValue{":p": &types.AttributeValueMemberS{Value: pk}},
					ScanIndexForward:          aws.Bool(forward),
					Limit:                     aws.Int32(int32(1 + rng.IntN(7))),
					ExclusiveStartKey:         start,
				})
				if err != nil {
					t.Fatal(err)
				}
				for _, item := range out.Items {
					got = append(got, itemID(item))
				}
				if start = out.LastEvaluatedKey; start == nil || pages > 1000 {
					break
				}
			}
			var want []string
			for _, sk := range sks {
				want = append(want, pk+"/"+strconv.FormatFloat(sk, 'f', -1, 64))
			}
			if !forward {
				slices.Reverse(want)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("Query %s forward=%v:\n got %v\nwant %v", pk, forward, got, want)
			}
		}
	}

	var all []string
	for pk, sks := range model {
		for _, sk := range sks {
			all = append(all, pk+"/"+strconv.FormatFloat(sk, 'f', -1, 64))
		}
	}
	slices.Sort(all)
	for _, total := range []int32{1, 2, 3, 7, 50} {
		var got []string
		for seg := range total {
			var start map[string]types.AttributeValue
			for pages := 0; ; pages++ {
				out, err := db.Scan(ctx, &dynamodb.ScanInput{
					TableName: aws.String("paging"), Segment: aws.Int32(seg), TotalSegments: aws.Int32(total),
					Limit: aws.Int32(int32(1 + rng.IntN(40))), ExclusiveStartKey: start,
				})
				if err != nil {
					t.Fatal(err)
				}
				for _, item := range out.Items {
					got = append(got, itemID(item))
				}
				if start = out.LastEvaluatedKey; start == nil || pages > 1000 {
					break
				}
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, all) {
			t.Fatalf("Scan with %d segments saw %d items, want %d", total, len(got), len(all))
		}
	}
}
