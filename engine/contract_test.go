package engine_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynabase/dynabase/client"
	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/wire"
)

// API is what an application depends on: wire.Backend is exactly the
// *dynamodb.Client method set the engine implements. Both satisfy it; that
// is the point.
type API = wire.Backend

var (
	_ API = (*engine.DB)(nil)
	_ API = (*dynamodb.Client)(nil)
)

// eachBackend runs body against the in-process engine, against the engine
// over HTTP through the SDK, and against DYNABASE_REFERENCE_ENDPOINT when set.
func eachBackend(t *testing.T, body func(t *testing.T, api API)) {
	t.Run("in-process", func(t *testing.T) {
		db, err := engine.Open(engine.Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		body(t, db)
	})
	t.Run("http", func(t *testing.T) {
		db, err := engine.Open(engine.Options{InMemory: true})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(wire.NewHandler(db, wire.Options{}))
		t.Cleanup(func() { srv.Close(); db.Close() })
		body(t, client.Local(srv.URL))
	})
	t.Run("reference", func(t *testing.T) {
		ep := os.Getenv("DYNABASE_REFERENCE_ENDPOINT")
		if ep == "" {
			t.Skip("DYNABASE_REFERENCE_ENDPOINT not set (e.g. DynamoDB Local); .ci/run sets it")
		}
		body(t, client.Local(ep))
	})
}

func uniqueName(prefix string) string { return prefix + "-" + rand.Text()[:10] }

func createHashRange(t *testing.T, api API, name string) {
	t.Helper()
	_, err := api.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String(name),
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
		t.Fatalf("CreateTable: %v", err)
	}
	t.Cleanup(func() {
		api.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

func TestContractItemLifecycle(t *testing.T) {
	eachBackend(t, func(t *testing.T, api API) {
		ctx := context.Background()
		name := uniqueName("contract")
		createHashRange(t, api, name)

		d, err := api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(name)})
		if err != nil {
			t.Fatalf("DescribeTable: %v", err)
		}
		if got := aws.ToString(d.Table.TableName); got != name || d.Table.TableStatus != types.TableStatusActive {
			t.Fatalf("DescribeTable = %q %s, want %q ACTIVE", got, d.Table.TableStatus, name)
		}

		item := map[string]types.AttributeValue{
			"pk":    &types.AttributeValueMemberS{Value: "user#1"},
			"sk":    &types.AttributeValueMemberN{Value: "1.50"},
			"name":  &types.AttributeValueMemberS{Value: "Ada"},
			"empty": &types.AttributeValueMemberS{Value: ""},
			"n":     &types.AttributeValueMemberN{Value: "-0012.3400"},
			"bin":   &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 255}},
			"ok":    &types.AttributeValueMemberBOOL{Value: true},
			"nil":   &types.AttributeValueMemberNULL{Value: true},
			"ss":    &types.AttributeValueMemberSS{Value: []string{"a", "b"}},
			"ns":    &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
			"bs":    &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2}}},
			"list":  &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "x"}, &types.AttributeValueMemberN{Value: "7"}}},
			"map":   &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"deep": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"v": &types.AttributeValueMemberBOOL{Value: false}}}}},
		}
		put, err := api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: item, ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			t.Fatalf("PutItem: %v", err)
		}
		if put.Attributes != nil {
			t.Fatalf("first PutItem ALL_OLD returned %v, want nothing", put.Attributes)
		}

		key := map[string]types.AttributeValue{"pk": item["pk"], "sk": &types.AttributeValueMemberN{Value: "1.5"}}
		got, err := api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: key, ConsistentRead: aws.Bool(true)})
		if err != nil {
			t.Fatalf("GetItem: %v", err)
		}
		want := maps(item)
		want["sk"] = &types.AttributeValueMemberN{Value: "1.5"}
		want["n"] = &types.AttributeValueMemberN{Value: "-12.34"}
		if !equalItems(got.Item, want) {
			t.Fatalf("GetItem returned\n%#v\nwant\n%#v", got.Item, want)
		}

		replacement := map[string]types.AttributeValue{"pk": item["pk"], "sk": item["sk"], "v": &types.AttributeValueMemberN{Value: "2"}}
		put, err = api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: replacement, ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			t.Fatalf("replacing PutItem: %v", err)
		}
		if !equalItems(put.Attributes, want) {
			t.Fatalf("replacing PutItem ALL_OLD returned %v", put.Attributes)
		}

		del, err := api.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(name), Key: key, ReturnValues: types.ReturnValueAllOld})
		if err != nil {
			t.Fatalf("DeleteItem: %v", err)
		}
		if v, ok := del.Attributes["v"].(*types.AttributeValueMemberN); !ok || v.Value != "2" {
			t.Fatalf("DeleteItem ALL_OLD returned %v", del.Attributes)
		}
		got, err = api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(name), Key: key})
		if err != nil || got.Item != nil {
			t.Fatalf("GetItem after delete = %v, %v; want no item", got.Item, err)
		}
	})
}

func TestContractErrors(t *testing.T) {
	eachBackend(t, func(t *testing.T, api API) {
		ctx := context.Background()
		name := uniqueName("errors")
		createHashRange(t, api, name)

		_, err := api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(uniqueName("absent")),
			Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "x"}}})
		var rnf *types.ResourceNotFoundException
		if !errors.As(err, &rnf) {
			t.Fatalf("GetItem on absent table: %v, want *types.ResourceNotFoundException", err)
		}

		_, err = api.CreateTable(ctx, &dynamodb.CreateTableInput{
			TableName:            aws.String(name),
			AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
			KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			BillingMode:          types.BillingModePayPerRequest,
		})
		var inUse *types.ResourceInUseException
		if !errors.As(err, &inUse) {
			t.Fatalf("CreateTable of existing table: %v, want *types.ResourceInUseException", err)
		}

		for _, tc := range []struct {
			name string
			item map[string]types.AttributeValue
		}{
			{"missing range key", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}},
			{"wrong key type", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberN{Value: "1"}, "sk": &types.AttributeValueMemberN{Value: "1"}}},
			{"empty string key", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: ""}, "sk": &types.AttributeValueMemberN{Value: "1"}}},
			{"bad number", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}, "sk": &types.AttributeValueMemberN{Value: "1e999"}}},
			{"empty set", map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}, "sk": &types.AttributeValueMemberN{Value: "1"}, "s": &types.AttributeValueMemberSS{Value: []string{}}}},
		} {
			_, err := api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(name), Item: tc.item})
			if code := errorCode(err); code != "ValidationException" {
				t.Errorf("PutItem %s: %v, want ValidationException", tc.name, err)
			}
		}
	})
}

func TestContractListTablesPaging(t *testing.T) {
	eachBackend(t, func(t *testing.T, api API) {
		ctx := context.Background()
		prefix := uniqueName("list")
		var created []string
		for i := range 5 {
			n := fmt.Sprintf("%s-%d", prefix, i)
			createHashRange(t, api, n)
			created = append(created, n)
		}
		var seen []string
		var start *string
		for pages := 0; ; pages++ {
			if pages > 1000 {
				t.Fatal("ListTables does not terminate")
			}
			out, err := api.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(2), ExclusiveStartTableName: start})
			if err != nil {
				t.Fatalf("ListTables: %v", err)
			}
			if len(out.TableNames) > 2 {
				t.Fatalf("ListTables Limit 2 returned %d names", len(out.TableNames))
			}
			seen = append(seen, out.TableNames...)
			if out.LastEvaluatedTableName == nil {
				break
			}
			start = out.LastEvaluatedTableName
		}
		if !slices.IsSorted(seen) {
			t.Errorf("ListTables pages are not in ascending order: %v", seen)
		}
		for _, n := range created {
			if !slices.Contains(seen, n) {
				t.Errorf("table %s missing from ListTables pages", n)
			}
		}
	})
}

func maps(m map[string]types.AttributeValue) map[string]types.AttributeValue {
	out := make(map[string]types.AttributeValue, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// equalItems compares items structurally; it ignores the SDK's unexported
// no-op fields by comparing through reflect.DeepEqual on the public values.
func equalItems(a, b map[string]types.AttributeValue) bool {
	return reflect.DeepEqual(a, b)
}
