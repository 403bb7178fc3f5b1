package wire

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// recorder remembers the response headers of the last request, so tests can
// see what went over the wire under the SDK.
type recorder struct {
	mu     sync.Mutex
	header http.Header
	status int
}

type recordingWriter struct {
	http.ResponseWriter
	rec *recorder
}

func (w recordingWriter) WriteHeader(status int) {
	w.rec.mu.Lock()
	w.rec.header = w.Header().Clone()
	w.rec.status = status
	w.rec.mu.Unlock()
	w.ResponseWriter.WriteHeader(status)
}

func (r *recorder) last() (http.Header, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.header, r.status
}

// testServer serves a handler over fakeBackend on a loopback listener.
func testServer(t testing.TB, opts Options) (*httptest.Server, *fakeBackend, *recorder) {
	t.Helper()
	b := newFakeBackend()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h := NewHandler(b, opts)
	rec := &recorder{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(recordingWriter{w, rec}, r)
	}))
	t.Cleanup(srv.Close)
	return srv, b, rec
}

func testClient(srv *httptest.Server, gzip bool, keyID, secret string) *dynamodb.Client {
	return dynamodb.New(dynamodb.Options{
		BaseEndpoint:             aws.String(srv.URL),
		Region:                   "us-east-1",
		Credentials:              credentials.NewStaticCredentialsProvider(keyID, secret, ""),
		EnableAcceptEncodingGzip: gzip,
		RetryMaxAttempts:         1,
		HTTPClient:               srv.Client(),
	})
}

// fullItem has every attribute type, nested.
func fullItem(pk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"pk":    &types.AttributeValueMemberS{Value: pk},
		"n":     &types.AttributeValueMemberN{Value: "-12.5E3"},
		"b":     &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 0xff}},
		"empty": &types.AttributeValueMemberB{Value: []byte{}},
		"ss":    &types.AttributeValueMemberSS{Value: []string{"a", "b\"\\\n\u2028<>&"}},
		"ns":    &types.AttributeValueMemberNS{Value: []string{"1", "2.5"}},
		"bs":    &types.AttributeValueMemberBS{Value: [][]byte{{1}, {2, 3}}},
		"t":     &types.AttributeValueMemberBOOL{Value: true},
		"f":     &types.AttributeValueMemberBOOL{Value: false},
		"null":  &types.AttributeValueMemberNULL{Value: true},
		"l": &types.AttributeValueMemberL{Value: []types.AttributeValue{
			&types.AttributeValueMemberS{Value: "x"},
			&types.AttributeValueMemberL{Value: []types.AttributeValue{}},
			&types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}},
		}},
		"m": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
			"deep":  &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"x": &types.AttributeValueMemberN{Value: "1"}}},
			"émoji": &types.AttributeValueMemberS{Value: "😀 \x01"},
		}},
	}
}

func TestSDKRoundTrip(t *testing.T) {
	for _, gzip := range []bool{false, true} {
		name := "identity"
		if gzip {
			name = "gzip"
		}
		t.Run(name, func(t *testing.T) {
			srv, backend, rec := testServer(t, Options{})
			c := testClient(srv, gzip, "AKID", "SECRET")
			ctx := context.Background()
			checkEncoding := func(t *testing.T) {
				t.Helper()
				h, _ := rec.last()
				if got := h.Get("Content-Encoding") == "gzip"; got != gzip {
					t.Errorf("Content-Encoding gzip = %v, want %v", got, gzip)
				}
				if len(h.Get("X-Amzn-Requestid")) != 52 || h.Get("X-Amz-Crc32") == "" {
					t.Errorf("missing DynamoDB headers: %v", h)
				}
			}

			lt, err := c.ListTables(ctx, &dynamodb.ListTablesInput{})
			if err != nil {
				t.Fatal(err)
			}
			if lt.TableNames == nil || len(lt.TableNames) != 0 {
				t.Errorf("ListTables = %#v, want empty non-nil", lt.TableNames)
			}
			checkEncoding(t)

			ct, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
				TableName:            aws.String("things"),
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
				BillingMode:          types.BillingModePayPerRequest,
			})
			if err != nil {
				t.Fatal(err)
			}
			d := ct.TableDescription
			if aws.ToString(d.TableName) != "things" || d.TableStatus != types.TableStatusActive ||
				aws.ToString(d.KeySchema[0].AttributeName) != "pk" || d.KeySchema[0].KeyType != types.KeyTypeHash ||
				d.AttributeDefinitions[0].AttributeType != types.ScalarAttributeTypeS ||
				!d.CreationDateTime.Equal(fakeCreated) || aws.ToInt64(d.ItemCount) != 0 ||
				d.BillingModeSummary.BillingMode != types.BillingModePayPerRequest ||
				aws.ToInt64(d.ProvisionedThroughput.NumberOfDecreasesToday) != 0 {
				t.Errorf("CreateTable description = %+v", d)
			}

			_, err = c.CreateTable(ctx, &dynamodb.CreateTableInput{
				TableName:            aws.String("things"),
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
			})
			var inUse *types.ResourceInUseException
			if !errors.As(err, &inUse) || aws.ToString(inUse.Message) != "Table already exists: things" {
				t.Errorf("second CreateTable: %v, want ResourceInUseException", err)
			}
			checkEncoding(t)

			_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("nope")})
			var notFound *types.ResourceNotFoundException
			if !errors.As(err, &notFound) || notFound.ErrorMessage() != "Requested resource not found" {
				t.Errorf("DescribeTable missing: %v, want ResourceNotFoundException", err)
			}

			item := fullItem("k1")
			put, err := c.PutItem(ctx, &dynamodb.PutItemInput{
				TableName:              aws.String("things"),
				Item:                   item,
				ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
			})
			if err != nil {
				t.Fatal(err)
			}
			if put.Attributes != nil || aws.ToFloat64(put.ConsumedCapacity.CapacityUnits) != 1 ||
				aws.ToString(put.ConsumedCapacity.TableName) != "things" {
				t.Errorf("PutItem output = %+v", put)
			}
			if !reflect.DeepEqual(backend.lastPut.Item, item) {
				t.Errorf("backend got item\n%#v\nwant\n%#v", backend.lastPut.Item, item)
			}

			get, err := c.GetItem(ctx, &dynamodb.GetItemInput{
				TableName:              aws.String("things"),
				Key:                    map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k1"}},
				ConsistentRead:         aws.Bool(true),
				ReturnConsumedCapacity: types.ReturnConsumedCapacityTotal,
			})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(get.Item, item) {
				t.Errorf("GetItem item\n%#v\nwant\n%#v", get.Item, item)
			}
			if aws.ToFloat64(get.ConsumedCapacity.CapacityUnits) != 0.5 {
				t.Errorf("GetItem capacity = %v", get.ConsumedCapacity)
			}
			checkEncoding(t)

			get, err = c.GetItem(ctx, &dynamodb.GetItemInput{
				TableName: aws.String("things"),
				Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "absent"}},
			})
			if err != nil || get.Item != nil {
				t.Errorf("GetItem absent = %+v, %v; want no item", get, err)
			}

			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
				TableName:                           aws.String("things"),
				Item:                                fullItem("k1"),
				ConditionExpression:                 aws.String("attribute_not_exists(pk)"),
				ReturnValuesOnConditionCheckFailure: types.ReturnValuesOnConditionCheckFailureAllOld,
			})
			var ccf *types.ConditionalCheckFailedException
			if !errors.As(err, &ccf) || ccf.ErrorMessage() != "The conditional request failed" || !reflect.DeepEqual(ccf.Item, item) {
				t.Errorf("conditional PutItem: %v, want ConditionalCheckFailedException with the old item", err)
			}

			_, err = c.PutItem(ctx, &dynamodb.PutItemInput{
				TableName: aws.String("things"),
				Item:      map[string]types.AttributeValue{"other": &types.AttributeValueMemberS{Value: "x"}},
			})
			var api smithy.APIError
			if !errors.As(err, &api) || api.ErrorCode() != "ValidationException" ||
				api.ErrorMessage() != "One or more parameter values were invalid: Missing the key pk in the item" {
				t.Errorf("PutItem without key: %v, want ValidationException", err)
			}

			del, err := c.DeleteItem(ctx, &dynamodb.DeleteItemInput{
				TableName:    aws.String("things"),
				Key:          map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "k1"}},
				ReturnValues: types.ReturnValueAllOld,
			})
			if err != nil || !reflect.DeepEqual(del.Attributes, item) {
				t.Errorf("DeleteItem = %+v, %v", del, err)
			}

			if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
				TableName:            aws.String("b-table"),
				KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
				AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
			}); err != nil {
				t.Fatal(err)
			}
			lt, err = c.ListTables(ctx, &dynamodb.ListTablesInput{Limit: aws.Int32(1)})
			if err != nil || !reflect.DeepEqual(lt.TableNames, []string{"b-table"}) || aws.ToString(lt.LastEvaluatedTableName) != "b-table" {
				t.Errorf("ListTables limit 1 = %+v, %v", lt, err)
			}

			dt, err := c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("things")})
			if err != nil || dt.TableDescription.TableStatus != types.TableStatusDeleting {
				t.Errorf("DeleteTable = %+v, %v", dt, err)
			}
			_, err = c.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("things")})
			if !errors.As(err, &notFound) {
				t.Errorf("DeleteTable twice: %v, want ResourceNotFoundException", err)
			}

			// Backend failures are InternalServerError, with nothing leaked.
			for _, mode := range []string{"fail", "panic"} {
				if mode == "fail" {
					backend.failOn = "broken"
				} else {
					backend.panicOn = "broken"
				}
				_, err = c.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("broken")})
				var ise *types.InternalServerError
				if !errors.As(err, &ise) || ise.ErrorMessage() != "Internal server error" || strings.Contains(err.Error(), "fire") {
					t.Errorf("%s: %v, want InternalServerError", mode, err)
				}
				if _, status := rec.last(); status != http.StatusInternalServerError {
					t.Errorf("%s: status %d, want 500", mode, status)
				}
			}
		})
	}
}

// TestSDKSignedWithCredentials runs the SDK against a handler that verifies
// signatures: the right secret works, a wrong one or an unknown key fails
// with DynamoDB's errors.
func TestSDKSignedWithCredentials(t *testing.T) {
	srv, _, _ := testServer(t, Options{Credentials: map[string]string{"AKIDGOOD": "good-secret"}})
	ctx := context.Background()

	if _, err := testClient(srv, false, "AKIDGOOD", "good-secret").ListTables(ctx, &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("good credentials: %v", err)
	}
	if _, err := testClient(srv, true, "AKIDGOOD", "good-secret").ListTables(ctx, &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("good credentials with gzip: %v", err)
	}
	_, err := testClient(srv, false, "AKIDGOOD", "bad-secret").ListTables(ctx, &dynamodb.ListTablesInput{})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" || api.ErrorMessage() != msgSignatureInvalid {
		t.Errorf("wrong secret: %v", err)
	}
	_, err = testClient(srv, false, "AKIDNOPE", "good-secret").ListTables(ctx, &dynamodb.ListTablesInput{})
	if !errors.As(err, &api) || api.ErrorCode() != "UnrecognizedClientException" || api.ErrorMessage() != msgUnrecognized {
		t.Errorf("unknown key: %v", err)
	}

	// A body changed after signing fails verification.
	tamper := dynamodb.New(dynamodb.Options{
		BaseEndpoint:     aws.String(srv.URL),
		Region:           "us-east-1",
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDGOOD", "good-secret", ""),
		RetryMaxAttempts: 1,
		HTTPClient: &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			b, _ := io.ReadAll(r.Body)
			b = bytes.Replace(b, []byte("aaa"), []byte("bbb"), 1)
			r.Body = io.NopCloser(bytes.NewReader(b))
			return http.DefaultTransport.RoundTrip(r)
		})},
	})
	_, err = tamper.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("aaa")})
	if !errors.As(err, &api) || api.ErrorCode() != "InvalidSignatureException" {
		t.Errorf("tampered body: %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestSDKConcurrent shares one handler between many clients at once (run
// with -race: the codec's plan caches and pools are shared state).
func TestSDKConcurrent(t *testing.T) {
	srv, _, _ := testServer(t, Options{})
	ctx := context.Background()
	c := testClient(srv, false, "AKID", "SECRET")
	if _, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String("shared"),
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
	}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			c := testClient(srv, g%2 == 0, "AKID", "SECRET")
			for i := range 25 {
				key := strings.Repeat("k", g+1) + string(rune('a'+i))
				item := fullItem(key)
				if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("shared"), Item: item}); err != nil {
					t.Error(err)
					return
				}
				got, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("shared"),
					Key: map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: key}}})
				if err != nil || !reflect.DeepEqual(got.Item, item) {
					t.Errorf("GetItem %s: %v", key, err)
					return
				}
			}
		})
	}
	wg.Wait()
}
