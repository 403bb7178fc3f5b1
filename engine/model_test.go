package engine_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine"
)

// TestAgainstModel runs random puts, deletes and gets against a map and
// checks every read, ReturnValues ALL_OLD and the exact ItemCount. The
// database is closed and reopened every few hundred operations, so writes
// also race the background rebuild of the key filter and the item cache
// starts cold.
func TestAgainstModel(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 2))
	model := map[string]string{}
	open := func() *engine.DB {
		db, err := engine.Open(engine.Options{Dir: dir, NoSync: true, CacheBytes: 4096})
		if err != nil {
			t.Fatal(err)
		}
		return db
	}
	db := open()
	_, err := db.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("model"),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatal(err)
	}
	key := func(id string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: id}}
	}
	valueOf := func(item map[string]types.AttributeValue) (string, bool) {
		if item == nil {
			return "", false
		}
		return item["v"].(*types.AttributeValueMemberS).Value, true
	}
	for step := range 3000 {
		if step%400 == 399 {
			db.Close()
			db = open()
		}
		id := strconv.Itoa(rng.IntN(300))
		want, exists := model[id]
		switch rng.IntN(3) {
		case 0:
			v := strconv.Itoa(step)
			out, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("model"), ReturnValues: types.ReturnValueAllOld,
				Item: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: id}, "v": &types.AttributeValueMemberS{Value: v}}})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := valueOf(out.Attributes); ok != exists || got != want {
				t.Fatalf("step %d: PutItem %s ALL_OLD = %q,%v; model %q,%v", step, id, got, ok, want, exists)
			}
			model[id] = v
		case 1:
			out, err := db.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String("model"), Key: key(id), ReturnValues: types.ReturnValueAllOld})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := valueOf(out.Attributes); ok != exists || got != want {
				t.Fatalf("step %d: DeleteItem %s ALL_OLD = %q,%v; model %q,%v", step, id, got, ok, want, exists)
			}
			delete(model, id)
		default:
			out, err := db.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("model"), Key: key(id)})
			if err != nil {
				t.Fatal(err)
			}
			if got, ok := valueOf(out.Item); ok != exists || got != want {
				t.Fatalf("step %d: GetItem %s = %q,%v; model %q,%v", step, id, got, ok, want, exists)
			}
		}
	}
	d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("model")})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt64(d.Table.ItemCount); got != int64(len(model)) {
		t.Fatalf("ItemCount = %d, model has %d", got, len(model))
	}
	db.Close()
}
