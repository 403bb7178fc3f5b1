package wire

import (
	"context"
	"reflect"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

// Backend is what the handler serves: *engine.DB implements it, and so does
// *dynamodb.Client (which makes the handler a recording or filtering proxy in
// front of any DynamoDB endpoint).
type Backend interface {
	CreateTable(context.Context, *dynamodb.CreateTableInput, ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error)
	DescribeTable(context.Context, *dynamodb.DescribeTableInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error)
	ListTables(context.Context, *dynamodb.ListTablesInput, ...func(*dynamodb.Options)) (*dynamodb.ListTablesOutput, error)
	DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
	PutItem(context.Context, *dynamodb.PutItemInput, ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	GetItem(context.Context, *dynamodb.GetItemInput, ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	DeleteItem(context.Context, *dynamodb.DeleteItemInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(context.Context, *dynamodb.QueryInput, ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	Scan(context.Context, *dynamodb.ScanInput, ...func(*dynamodb.Options)) (*dynamodb.ScanOutput, error)
	UpdateItem(context.Context, *dynamodb.UpdateItemInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	BatchGetItem(context.Context, *dynamodb.BatchGetItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error)
	BatchWriteItem(context.Context, *dynamodb.BatchWriteItemInput, ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error)
	TransactGetItems(context.Context, *dynamodb.TransactGetItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactGetItemsOutput, error)
	TransactWriteItems(context.Context, *dynamodb.TransactWriteItemsInput, ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
	DescribeLimits(context.Context, *dynamodb.DescribeLimitsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeLimitsOutput, error)
	UpdateTable(context.Context, *dynamodb.UpdateTableInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error)
	UpdateTimeToLive(context.Context, *dynamodb.UpdateTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error)
	DescribeTimeToLive(context.Context, *dynamodb.DescribeTimeToLiveInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error)
	TagResource(context.Context, *dynamodb.TagResourceInput, ...func(*dynamodb.Options)) (*dynamodb.TagResourceOutput, error)
	UntagResource(context.Context, *dynamodb.UntagResourceInput, ...func(*dynamodb.Options)) (*dynamodb.UntagResourceOutput, error)
	ListTagsOfResource(context.Context, *dynamodb.ListTagsOfResourceInput, ...func(*dynamodb.Options)) (*dynamodb.ListTagsOfResourceOutput, error)
	DescribeEndpoints(context.Context, *dynamodb.DescribeEndpointsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error)
}

// operations maps each operation name (the part of X-Amz-Target after the
// '.') to its implementation on b. Adding an operation is one line here (and
// its method in Backend): the codec is generic over SDK input and output
// types.
func operations(b Backend) map[string]operationFunc {
	return map[string]operationFunc{
		"CreateTable":        operation(b.CreateTable),
		"DescribeTable":      operation(b.DescribeTable),
		"ListTables":         operation(b.ListTables),
		"DeleteTable":        operation(b.DeleteTable),
		"PutItem":            operation(b.PutItem),
		"GetItem":            operation(b.GetItem),
		"DeleteItem":         operation(b.DeleteItem),
		"Query":              operation(b.Query),
		"Scan":               operation(b.Scan),
		"UpdateItem":         operation(b.UpdateItem),
		"BatchGetItem":       operation(b.BatchGetItem),
		"BatchWriteItem":     operation(b.BatchWriteItem),
		"TransactGetItems":   operation(b.TransactGetItems),
		"TransactWriteItems": operation(b.TransactWriteItems),
		"DescribeLimits":     operation(b.DescribeLimits),
		"UpdateTable":        operation(b.UpdateTable),
		"UpdateTimeToLive":   operation(b.UpdateTimeToLive),
		"DescribeTimeToLive": operation(b.DescribeTimeToLive),
		"TagResource":        operation(b.TagResource),
		"UntagResource":      operation(b.UntagResource),
		"ListTagsOfResource": operation(b.ListTagsOfResource),
		"DescribeEndpoints":  operation(describeEndpoints(b.DescribeEndpoints)),
	}
}

// operationFunc decodes a request body, calls the backend and encodes its
// output into e. Its error is a decoding error (*serializationError) or
// whatever the backend returned.
type operationFunc func(ctx context.Context, body []byte, e *encoder) error

// operation adapts one SDK-shaped method to an operationFunc. The codec
// plans for In and Out are built here, once, not per request.
func operation[In, Out any](fn func(context.Context, *In, ...func(*dynamodb.Options)) (*Out, error)) operationFunc {
	dec := decoderFor(reflect.TypeFor[In]())
	enc := encoderFor(reflect.TypeFor[*Out]())
	return func(ctx context.Context, body []byte, e *encoder) error {
		in := new(In)
		if err := decodeBody(body, dec, reflect.ValueOf(in).Elem()); err != nil {
			return err
		}
		out, err := fn(ctx, in)
		if err != nil {
			return err
		}
		e.encodeValue(enc, reflect.ValueOf(out))
		return nil
	}
}
