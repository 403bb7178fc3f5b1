package wire

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// fakeBackend is a small in-memory Backend for the wire tests: tables with
// a string hash key, items in maps. It returns the SDK's error types the way
// the engine does; it validates nothing else.
type fakeBackend struct {
	// Backend is nil: operations the fake does not implement panic, which
	// the handler turns into a 500.
	Backend
	mu     sync.Mutex
	tables map[string]*fakeTable
	// panicOn makes the named table's operations panic; failOn makes them
	// return an error with no API code.
	panicOn, failOn string
	// lastPut records the last PutItem input, for decoder assertions.
	lastPut *dynamodb.PutItemInput
}

type fakeTable struct {
	desc  types.TableDescription
	hash  string
	items map[string]map[string]types.AttributeValue
}

func newFakeBackend() *fakeBackend {
	return &fakeBackend{tables: map[string]*fakeTable{}}
}

var fakeCreated = time.Date(2024, 3, 1, 12, 0, 0, 123e6, time.UTC)

func (f *fakeBackend) check(name *string) error {
	switch aws.ToString(name) {
	case "":
		return apierr.Validation("1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null")
	case f.panicOn:
		panic("fake backend panic")
	case f.failOn:
		return errors.New("disk on fire: /var/lib/secret")
	}
	return nil
}

func (f *fakeBackend) table(name *string) (*fakeTable, error) {
	if err := f.check(name); err != nil {
		return nil, err
	}
	t, ok := f.tables[aws.ToString(name)]
	if !ok {
		return nil, apierr.TableNotFound()
	}
	return t, nil
}

func (f *fakeBackend) CreateTable(_ context.Context, in *dynamodb.CreateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.check(in.TableName); err != nil {
		return nil, err
	}
	name := aws.ToString(in.TableName)
	if _, ok := f.tables[name]; ok {
		return nil, apierr.ResourceInUse("Table already exists: " + name)
	}
	if len(in.KeySchema) == 0 {
		return nil, apierr.Validation("1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null")
	}
	t := &fakeTable{
		hash:  aws.ToString(in.KeySchema[0].AttributeName),
		items: map[string]map[string]types.AttributeValue{},
		desc: types.TableDescription{
			TableName:            in.TableName,
			TableStatus:          types.TableStatusActive,
			KeySchema:            in.KeySchema,
			AttributeDefinitions: in.AttributeDefinitions,
			CreationDateTime:     aws.Time(fakeCreated),
			ItemCount:            aws.Int64(0),
			TableSizeBytes:       aws.Int64(0),
			TableArn:             aws.String("arn:aws:dynamodb:us-east-1:000000000000:table/" + name),
			BillingModeSummary: &types.BillingModeSummary{
				BillingMode: types.BillingModePayPerRequest,
			},
			ProvisionedThroughput: &types.ProvisionedThroughputDescription{
				NumberOfDecreasesToday: aws.Int64(0),
				ReadCapacityUnits:      aws.Int64(0),
				WriteCapacityUnits:     aws.Int64(0),
			},
		},
	}
	f.tables[name] = t
	return &dynamodb.CreateTableOutput{TableDescription: &t.desc}, nil
}

func (f *fakeBackend) DescribeTable(_ context.Context, in *dynamodb.DescribeTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	d := t.desc
	d.ItemCount = aws.Int64(int64(len(t.items)))
	return &dynamodb.DescribeTableOutput{Table: &d}, nil
}

func (f *fakeBackend) ListTables(_ context.Context, in *dynamodb.ListTablesInput, _ ...func(*dynamodb.Options)) (*dynamodb.ListTablesOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := []string{}
	for n := range f.tables {
		if n > aws.ToString(in.ExclusiveStartTableName) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	out := &dynamodb.ListTablesOutput{TableNames: names}
	if in.Limit != nil && *in.Limit > 0 && int(*in.Limit) < len(names) {
		out.TableNames = names[:*in.Limit]
		out.LastEvaluatedTableName = aws.String(names[*in.Limit-1])
	}
	return out, nil
}

func (f *fakeBackend) DeleteTable(_ context.Context, in *dynamodb.DeleteTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	delete(f.tables, aws.ToString(in.TableName))
	d := t.desc
	d.TableStatus = types.TableStatusDeleting
	return &dynamodb.DeleteTableOutput{TableDescription: &d}, nil
}

func (t *fakeTable) key(item map[string]types.AttributeValue) (string, error) {
	s, ok := item[t.hash].(*types.AttributeValueMemberS)
	if !ok {
		return "", apierr.Validation("One or more parameter values were invalid: Missing the key " + t.hash + " in the item")
	}
	return s.Value, nil
}

func (f *fakeBackend) PutItem(_ context.Context, in *dynamodb.PutItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.lastPut = in
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	for _, av := range in.Item {
		switch av.(type) {
		case nil:
			return nil, apierr.Validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes")
		case *types.UnknownUnionMember:
			return nil, apierr.Validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes")
		}
	}
	k, err := t.key(in.Item)
	if err != nil {
		return nil, err
	}
	old := t.items[k]
	if in.ConditionExpression != nil && aws.ToString(in.ConditionExpression) == "attribute_not_exists(pk)" && old != nil {
		var item map[string]types.AttributeValue
		if in.ReturnValuesOnConditionCheckFailure == types.ReturnValuesOnConditionCheckFailureAllOld {
			item = old
		}
		return nil, apierr.ConditionalCheckFailed(item)
	}
	t.items[k] = in.Item
	out := &dynamodb.PutItemOutput{}
	if in.ReturnValues == types.ReturnValueAllOld {
		out.Attributes = old
	}
	if in.ReturnConsumedCapacity == types.ReturnConsumedCapacityTotal {
		out.ConsumedCapacity = &types.ConsumedCapacity{TableName: in.TableName, CapacityUnits: aws.Float64(1)}
	}
	return out, nil
}

func (f *fakeBackend) GetItem(_ context.Context, in *dynamodb.GetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	k, err := t.key(in.Key)
	if err != nil {
		return nil, err
	}
	out := &dynamodb.GetItemOutput{Item: t.items[k]}
	if in.ReturnConsumedCapacity == types.ReturnConsumedCapacityTotal {
		out.ConsumedCapacity = &types.ConsumedCapacity{TableName: in.TableName, CapacityUnits: aws.Float64(0.5)}
	}
	return out, nil
}

func (f *fakeBackend) DeleteItem(_ context.Context, in *dynamodb.DeleteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	k, err := t.key(in.Key)
	if err != nil {
		return nil, err
	}
	old := t.items[k]
	delete(t.items, k)
	out := &dynamodb.DeleteItemOutput{}
	if in.ReturnValues == types.ReturnValueAllOld {
		out.Attributes = old
	}
	return out, nil
}

// Scan returns every item in key order: enough to exercise the codec on
// lists of items.
func (f *fakeBackend) Scan(_ context.Context, in *dynamodb.ScanInput, _ ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	items := t.sorted(func(map[string]types.AttributeValue) bool { return true })
	return &dynamodb.ScanOutput{Items: items, Count: int32(len(items)), ScannedCount: int32(len(items))}, nil
}

// Query returns the items whose hash key equals one of the request's
// ExpressionAttributeValues (the fake does not parse expressions).
func (f *fakeBackend) Query(_ context.Context, in *dynamodb.QueryInput, _ ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	items := t.sorted(func(item map[string]types.AttributeValue) bool {
		for _, v := range in.ExpressionAttributeValues {
			if reflect.DeepEqual(v, item[t.hash]) {
				return true
			}
		}
		return false
	})
	return &dynamodb.QueryOutput{Items: items, Count: int32(len(items)), ScannedCount: int32(len(items))}, nil
}

func (t *fakeTable) sorted(keep func(map[string]types.AttributeValue) bool) []map[string]types.AttributeValue {
	keys := make([]string, 0, len(t.items))
	for k := range t.items {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := []map[string]types.AttributeValue{}
	for _, k := range keys {
		if keep(t.items[k]) {
			out = append(out, t.items[k])
		}
	}
	return out
}

// UpdateItem applies legacy PUT AttributeUpdates only: the fake does not
// parse expressions.
func (f *fakeBackend) UpdateItem(_ context.Context, in *dynamodb.UpdateItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.table(in.TableName)
	if err != nil {
		return nil, err
	}
	k, err := t.key(in.Key)
	if err != nil {
		return nil, err
	}
	item := map[string]types.AttributeValue{}
	maps.Copy(item, t.items[k])
	maps.Copy(item, in.Key)
	for name, u := range in.AttributeUpdates {
		item[name] = u.Value
	}
	t.items[k] = item
	return &dynamodb.UpdateItemOutput{}, nil
}

// BatchGetItem reads each key as GetItem does.
func (f *fakeBackend) BatchGetItem(_ context.Context, in *dynamodb.BatchGetItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
	for name, ka := range in.RequestItems {
		t, err := f.table(aws.String(name))
		if err != nil {
			return nil, err
		}
		for _, key := range ka.Keys {
			k, err := t.key(key)
			if err != nil {
				return nil, err
			}
			if item, ok := t.items[k]; ok {
				out.Responses[name] = append(out.Responses[name], item)
			}
		}
	}
	return out, nil
}

// BatchWriteItem applies each put and delete in turn.
func (f *fakeBackend) BatchWriteItem(_ context.Context, in *dynamodb.BatchWriteItemInput, _ ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for name, reqs := range in.RequestItems {
		t, err := f.table(aws.String(name))
		if err != nil {
			return nil, err
		}
		for _, r := range reqs {
			switch {
			case r.PutRequest != nil:
				k, err := t.key(r.PutRequest.Item)
				if err != nil {
					return nil, err
				}
				t.items[k] = r.PutRequest.Item
			case r.DeleteRequest != nil:
				k, err := t.key(r.DeleteRequest.Key)
				if err != nil {
					return nil, err
				}
				delete(t.items, k)
			}
		}
	}
	return &dynamodb.BatchWriteItemOutput{UnprocessedItems: map[string][]types.WriteRequest{}}, nil
}

// TransactGetItems reads each key as GetItem does.
func (f *fakeBackend) TransactGetItems(_ context.Context, in *dynamodb.TransactGetItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := &dynamodb.TransactGetItemsOutput{}
	for _, it := range in.TransactItems {
		t, err := f.table(it.Get.TableName)
		if err != nil {
			return nil, err
		}
		k, err := t.key(it.Get.Key)
		if err != nil {
			return nil, err
		}
		out.Responses = append(out.Responses, types.ItemResponse{Item: t.items[k]})
	}
	return out, nil
}

// TransactWriteItems applies puts and deletes only: the fake does not parse
// expressions.
func (f *fakeBackend) TransactWriteItems(_ context.Context, in *dynamodb.TransactWriteItemsInput, _ ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, it := range in.TransactItems {
		switch {
		case it.Put != nil:
			t, err := f.table(it.Put.TableName)
			if err != nil {
				return nil, err
			}
			k, err := t.key(it.Put.Item)
			if err != nil {
				return nil, err
			}
			t.items[k] = it.Put.Item
		case it.Delete != nil:
			t, err := f.table(it.Delete.TableName)
			if err != nil {
				return nil, err
			}
			k, err := t.key(it.Delete.Key)
			if err != nil {
				return nil, err
			}
			delete(t.items, k)
		}
	}
	return &dynamodb.TransactWriteItemsOutput{}, nil
}

// DescribeLimits answers DynamoDB's defaults.
func (f *fakeBackend) DescribeLimits(context.Context, *dynamodb.DescribeLimitsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeLimitsOutput, error) {
	return &dynamodb.DescribeLimitsOutput{AccountMaxReadCapacityUnits: aws.Int64(80000)}, nil
}
