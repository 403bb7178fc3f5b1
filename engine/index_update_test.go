package engine_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// waitIndexActive polls DescribeTable until index name is ACTIVE.
func waitIndexActive(t *testing.T, db *engine.DB, table, name string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d, err := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range d.Table.GlobalSecondaryIndexes {
			if *g.IndexName == name && g.IndexStatus == types.IndexStatusActive {
				return
			}
		}
	}
	t.Fatalf("index %s of %s never became ACTIVE", name, table)
}

// TestAddGlobalIndexUnderWrites adds a global index to a table with
// thousands of items while writers keep adding, moving and removing index
// keys, and checks that once ACTIVE the index holds exactly what the table
// implies, with an exact ItemCount. Then it deletes the index and creates
// it again under the same name.
func TestAddGlobalIndexUnderWrites(t *testing.T) {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	tbl := aws.String("bfl")
	_, err = db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: tbl,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: "S"},
			{AttributeName: aws.String("sk"), AttributeType: "S"}},
		KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
			{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange}},
		BillingMode: types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
	item := func(rng *rand.Rand) map[string]types.AttributeValue {
		it := map[string]types.AttributeValue{"pk": s("p" + strconv.Itoa(rng.IntN(50))), "sk": s(strconv.Itoa(rng.IntN(100)))}
		if rng.IntN(4) > 0 {
			it["g"] = s("g" + strconv.Itoa(rng.IntN(5)))
		}
		if rng.IntN(4) > 0 {
			it["gs"] = n(rng.IntN(9))
		}
		if rng.IntN(8) == 0 {
			it["g"] = n(1) // the wrong type for the new index: never indexed
		}
		it["x"] = s("x")
		return it
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: item(rng)}); err != nil {
			t.Fatal(err)
		}
	}
	create := &dynamodb.UpdateTableInput{
		TableName: tbl,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("g"), AttributeType: "S"},
			{AttributeName: aws.String("gs"), AttributeType: "N"}},
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName: aws.String("byG"),
			KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("gs"), KeyType: types.KeyTypeRange}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeInclude, NonKeyAttributes: []string{"x"}},
		}}},
	}
	for round := range 2 {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rng := rand.New(rand.NewPCG(uint64(round), uint64(w)))
				for {
					select {
					case <-stop:
						return
					default:
					}
					it := item(rng)
					var err error
					if rng.IntN(3) == 0 {
						_, err = db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: tbl, Key: map[string]types.AttributeValue{"pk": it["pk"], "sk": it["sk"]}})
					} else {
						_, err = db.PutItem(ctx, &dynamodb.PutItemInput{TableName: tbl, Item: it})
					}
					var ve *types.ResourceNotFoundException
					if err != nil && !errors.As(err, &ve) && !isValidation(err) {
						t.Error(err)
						return
					}
				}
			}()
		}
		out, err := db.UpdateTable(ctx, create)
		if err != nil {
			close(stop)
			wg.Wait()
			t.Fatal(err)
		}
		if got := out.TableDescription.GlobalSecondaryIndexes; len(got) != 1 || got[0].IndexStatus != types.IndexStatusCreating {
			t.Errorf("UpdateTable answered indexes %+v, want byG CREATING", got)
		}
		waitIndexActive(t, db, "bfl", "byG")
		time.Sleep(20 * time.Millisecond) // let writers run against the ACTIVE index too
		close(stop)
		wg.Wait()

		var want []string
		for _, it := range scanAll(t, db, "bfl", nil) {
			g, ok1 := it["g"].(*types.AttributeValueMemberS)
			_, ok2 := it["gs"]
			if ok1 && ok2 && g != nil {
				want = append(want, canonical(map[string]types.AttributeValue{"pk": it["pk"], "sk": it["sk"], "g": it["g"], "gs": it["gs"], "x": it["x"]}))
			}
		}
		var got []string
		for _, it := range scanAll(t, db, "bfl", aws.String("byG")) {
			got = append(got, canonical(it))
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: index holds %d entries, the table implies %d", round, len(got), len(want))
		}
		d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: tbl})
		if err != nil {
			t.Fatal(err)
		}
		if c := *d.Table.GlobalSecondaryIndexes[0].ItemCount; c != int64(len(want)) {
			t.Fatalf("round %d: ItemCount %d, want %d", round, c, len(want))
		}

		if _, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: tbl, GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{
			{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byG")}}}}); err != nil {
			t.Fatal(err)
		}
		_, err = db.Query(ctx, &dynamodb.QueryInput{TableName: tbl, IndexName: aws.String("byG"), KeyConditionExpression: aws.String("g = :g"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":g": s("g1")}})
		if !isValidation(err) {
			t.Fatalf("round %d: Query of a deleted index: %v", round, err)
		}
	}
}

func isValidation(err error) bool {
	return err != nil && errorCode(err) == "ValidationException"
}
