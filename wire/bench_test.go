package wire

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// benchItem is a typical 10-attribute item: keys, a few scalars, a set, a
// list and a small map.
func benchItem() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":       &types.AttributeValueMemberS{Value: "customer#0000012345"},
		"sk":       &types.AttributeValueMemberS{Value: "order#2024-05-06T07:08:09Z"},
		"status":   &types.AttributeValueMemberS{Value: "SHIPPED"},
		"total":    &types.AttributeValueMemberN{Value: "1234.56"},
		"quantity": &types.AttributeValueMemberN{Value: "3"},
		"gift":     &types.AttributeValueMemberBOOL{Value: false},
		"tags":     &types.AttributeValueMemberSS{Value: []string{"express", "fragile"}},
		"checksum": &types.AttributeValueMemberB{Value: []byte("0123456789abcdef")},
		"lines": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "sku-1"}, &types.AttributeValueMemberS{Value: "sku-2"},
		}},
		"address": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"city": &types.AttributeValueMemberS{Value: "Lyon"},
			"zip":  &types.AttributeValueMemberS{Value: "69001"},
		}},
	}
}

func benchPutItemBody() []byte {
	e := getEncoder()
	defer putEncoder(e)
	e.encodeValue(encoderFor(reflect.TypeFor[*dynamodb.PutItemInput]()), reflect.ValueOf(&dynamodb.PutItemInput{
		TableName:           aws.String("orders"),
		Item:                benchItem(),
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	}))
	return append([]byte(nil), e.buf...)
}

// BenchmarkDecodePutItem decodes a PutItem request with a 10-attribute item.
func BenchmarkDecodePutItem(b *testing.B) {
	body := benchPutItemBody()
	plan := decoderFor(reflect.TypeFor[dynamodb.PutItemInput]())
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	var in *dynamodb.PutItemInput
	for b.Loop() {
		in = new(dynamodb.PutItemInput)
		if err := decodeBody(body, plan, reflect.ValueOf(in).Elem()); err != nil {
			b.Fatal(err)
		}
	}
	if !reflect.DeepEqual(in.Item, benchItem()) || aws.ToString(in.TableName) != "orders" {
		b.Fatalf("decoded %+v", in)
	}
}

// BenchmarkEncodeGetItem encodes a GetItem response with a 10-attribute item.
func BenchmarkEncodeGetItem(b *testing.B) {
	out := &dynamodb.GetItemOutput{Item: benchItem()}
	plan := encoderFor(reflect.TypeFor[*dynamodb.GetItemOutput]())
	v := reflect.ValueOf(out)
	e := getEncoder()
	b.ReportAllocs()
	for b.Loop() {
		e.buf = e.buf[:0]
		e.encodeValue(plan, v)
	}
	b.SetBytes(int64(len(e.buf)))
	got, err := decodeInto[dynamodb.GetItemOutput](string(e.buf))
	if err != nil || !reflect.DeepEqual(got.Item, out.Item) {
		b.Fatalf("encoded %s: %v", e.buf, err)
	}
}

// BenchmarkHandlerGetItem is a whole GetItem request through ServeHTTP
// (headers, request ID, authentication check, decode, backend, encode, CRC),
// without the network.
func BenchmarkHandlerGetItem(b *testing.B) {
	backend := newFakeBackend()
	ctx := context.Background()
	if _, err := backend.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName: aws.String("orders"),
		KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	}); err != nil {
		b.Fatal(err)
	}
	if _, err := backend.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), Item: benchItem()}); err != nil {
		b.Fatal(err)
	}
	h := NewHandler(backend, Options{})
	body := `{"TableName":"orders","Key":{"pk":{"S":"customer#0000012345"}}}`
	r := httptest.NewRequest("POST", "/", nil)
	r.Header.Set("X-Amz-Target", getItem)
	r.Header.Set("Content-Type", amz)
	r.Header.Set("Authorization", anyAuth)
	r.Header.Set("X-Amz-Date", anyDate)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		r.Body = nopCloser{strings.NewReader(body)}
		r.ContentLength = int64(len(body))
		clear(w.header)
		h.ServeHTTP(w, r)
		if w.status != 200 {
			b.Fatalf("status %d", w.status)
		}
	}
}

// discardWriter is a minimal ResponseWriter, so the benchmark measures the
// handler rather than httptest.ResponseRecorder.
type discardWriter struct {
	header http.Header
	status int
}

func (w *discardWriter) Header() http.Header         { return w.header }
func (w *discardWriter) WriteHeader(status int)      { w.status = status }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
