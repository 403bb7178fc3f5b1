package wire

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynabase/dynabase/engine/apierr"
)

func encodeString(v any) string {
	e := getEncoder()
	defer putEncoder(e)
	rv := reflect.ValueOf(v)
	e.encodeValue(encoderFor(rv.Type()), rv)
	return string(e.buf)
}

func TestEncodeOutputs(t *testing.T) {
	tests := []struct {
		name string
		out  any
		want string
	}{
		{"nil output", (*dynamodb.PutItemOutput)(nil), `{}`},
		{"empty output", &dynamodb.PutItemOutput{}, `{}`},
		{"absent item", &dynamodb.GetItemOutput{}, `{}`},
		{"empty list is sent", &dynamodb.ListTablesOutput{TableNames: []string{}}, `{"TableNames":[]}`},
		{"nil list is absent", &dynamodb.ListTablesOutput{}, `{}`},
		{"counts are always sent", &dynamodb.QueryOutput{Items: []map[string]types.AttributeValue{}},
			`{"Count":0,"Items":[],"ScannedCount":0}`},
		{"capacity is a Java double", &dynamodb.GetItemOutput{
			ConsumedCapacity: &types.ConsumedCapacity{CapacityUnits: aws.Float64(1), TableName: aws.String("t")},
			Item:             map[string]types.AttributeValue{"b": &types.AttributeValueMemberN{Value: "1"}, "a": &types.AttributeValueMemberS{Value: "x"}},
		}, `{"ConsumedCapacity":{"CapacityUnits":1.0,"TableName":"t"},"Item":{"a":{"S":"x"},"b":{"N":"1"}}}`},
		{"table description", &dynamodb.DescribeTableOutput{Table: &types.TableDescription{
			TableName:        aws.String("t"),
			TableStatus:      types.TableStatusActive,
			CreationDateTime: aws.Time(time.UnixMilli(1709219219557)),
			KeySchema:        []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
			ItemCount:        aws.Int64(0),
		}}, `{"Table":{"CreationDateTime":1.709219219557E9,"ItemCount":0,` +
			`"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"TableName":"t","TableStatus":"ACTIVE"}}`},
		{"every attribute type", &dynamodb.GetItemOutput{Item: map[string]types.AttributeValue{
			"s":    &types.AttributeValueMemberS{Value: "é\"\\\n\t\x01</>&\u2028"},
			"n":    &types.AttributeValueMemberN{Value: "-1.5"},
			"b":    &types.AttributeValueMemberB{Value: []byte{0, 1, 0xff}},
			"ss":   &types.AttributeValueMemberSS{Value: []string{"a"}},
			"ns":   &types.AttributeValueMemberNS{Value: []string{"1"}},
			"bs":   &types.AttributeValueMemberBS{Value: [][]byte{{1}, {}}},
			"bool": &types.AttributeValueMemberBOOL{Value: false},
			"null": &types.AttributeValueMemberNULL{Value: true},
			"l":    &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberL{}}},
			"m":    &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"z": &types.AttributeValueMemberM{}}},
			"bad":  &types.AttributeValueMemberS{Value: "a\xffb"},
		}}, `{"Item":{"b":{"B":"AAH/"},"bad":{"S":"a\uFFFDb"},"bool":{"BOOL":false},"bs":{"BS":["AQ==",""]},` +
			`"l":{"L":[{"L":[]}]},"m":{"M":{"z":{"M":{}}}},"n":{"N":"-1.5"},"ns":{"NS":["1"]},"null":{"NULL":true},` +
			`"s":{"S":"é\"\\\n\t\u0001</>&` + "\u2028" + `"},"ss":{"SS":["a"]}}}`},
		{"batch outputs", &dynamodb.BatchGetItemOutput{
			Responses: map[string][]map[string]types.AttributeValue{
				"t2": {},
				"t1": {{"a": &types.AttributeValueMemberS{Value: "x"}}},
			},
			UnprocessedKeys: map[string]types.KeysAndAttributes{},
		}, `{"Responses":{"t1":[{"a":{"S":"x"}}],"t2":[]},"UnprocessedKeys":{}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := encodeString(tc.out)
			if got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
			if !json.Valid([]byte(got)) {
				t.Errorf("not JSON: %s", got)
			}
		})
	}
}

func TestJavaDouble(t *testing.T) {
	for f, want := range map[float64]string{
		0: "0.0", 1: "1.0", 0.5: "0.5", -2.25: "-2.25", 1e-3: "0.001", 9999999: "9999999.0",
		1e7: "1.0E7", 1709219219.557: "1.709219219557E9", 1.5e-4: "1.5E-4", 123456789012: "1.23456789012E11",
		-1e20: "-1.0E20", 5e-324: "4.9E-324", math.MaxFloat64: "1.7976931348623157E308",
	} {
		if got := string(appendJavaDouble(nil, f)); got != want {
			t.Errorf("%v: got %s, want %s", f, got, want)
		}
	}
}

func encodeErrorString(err error) (int, string) {
	e := getEncoder()
	defer putEncoder(e)
	status, _ := encodeError(e, err)
	return status, string(e.buf)
}

func TestEncodeErrors(t *testing.T) {
	item := map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "a"}}
	tests := []struct {
		err    error
		status int
		want   string
	}{
		{apierr.TableNotFound(), 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`},
		{apierr.Validation("bad"), 400, `{"__type":"com.amazon.coral.validate#ValidationException","message":"bad"}`},
		{apierr.ConditionalCheckFailed(nil), 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed"}`},
		{apierr.ConditionalCheckFailed(item), 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"}}}`},
		{&types.TransactionCanceledException{
			Message: aws.String("Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"),
			CancellationReasons: []types.CancellationReason{
				{Code: aws.String("None")},
				{Code: aws.String("ConditionalCheckFailed"), Message: aws.String("The conditional request failed"), Item: item},
			},
		}, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",` +
			`"Message":"Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]",` +
			`"CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Item":{"pk":{"S":"a"}},"Message":"The conditional request failed"}]}`},
		{&types.InternalServerError{Message: aws.String("boom")}, 500,
			`{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"boom"}`},
		{&smithy.GenericAPIError{Code: "ServiceUnavailable", Message: "later"}, 503,
			`{"__type":"com.amazonaws.dynamodb.v20120810#ServiceUnavailable","message":"later"}`},
		{&smithy.OperationError{ServiceID: "DynamoDB", OperationName: "GetItem", Err: apierr.TableNotFound()}, 400,
			`{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`},
		{typeError("NUMBER_VALUE cannot be converted to String"), 400,
			`{"__type":"com.amazon.coral.service#SerializationException","Message":"NUMBER_VALUE cannot be converted to String"}`},
		{errSyntax, 400, `{"__type":"com.amazon.coral.service#SerializationException"}`},
		{errUnknownOperation, 400, `{"__type":"com.amazon.coral.service#UnknownOperationException"}`},
		{apierr.New(apierr.CodeAccessDenied, "no"), 400, `{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"no"}`},
		{&types.ResourceNotFoundException{}, 400, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"}`},
	}
	for _, tc := range tests {
		status, got := encodeErrorString(tc.err)
		if status != tc.status || got != tc.want {
			t.Errorf("%v:\n got %d %s\nwant %d %s", tc.err, status, got, tc.status, tc.want)
		}
	}
	status, got := encodeErrorString(errorsNew("secret path /var/x"))
	if status != 500 || strings.Contains(got, "secret") ||
		got != `{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"Internal server error"}` {
		t.Errorf("internal error: %d %s", status, got)
	}
}

type plainError string

func (e plainError) Error() string { return string(e) }

func errorsNew(s string) error { return plainError(s) }

// TestMessageCasingMatchesModel keeps capitalMessage in step with the
// service model shipped in the SDK: a modeled error's message member is
// spelt as the model spells it.
func TestMessageCasingMatchesModel(t *testing.T) {
	n := 0
	for id, entry := range dynamodb.TypeRegistry.Entries {
		code, ok := strings.CutPrefix(id, "com.amazonaws.dynamodb#")
		if !ok || entry.Schema == nil {
			continue
		}
		for name := range entry.Schema.Members() {
			if !strings.EqualFold(name, "message") {
				continue
			}
			n++
			if want := `"` + name + `":`; messageKey(code) != want {
				t.Errorf("%s: message key %s, model says %s", code, messageKey(code), want)
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d modeled errors found", n)
	}
}

// TestPlansConcurrent builds plans for fresh types from many goroutines at
// once and uses them straight away (run with -race).
func TestPlansConcurrent(t *testing.T) {
	inputs := []reflect.Type{
		reflect.TypeFor[dynamodb.RestoreTableFromBackupInput](),
		reflect.TypeFor[dynamodb.UpdateGlobalTableSettingsInput](),
		reflect.TypeFor[dynamodb.ImportTableInput](),
		reflect.TypeFor[dynamodb.ExportTableToPointInTimeInput](),
	}
	outputs := []any{
		&dynamodb.DescribeGlobalTableSettingsOutput{GlobalTableName: aws.String("g")},
		&dynamodb.DescribeImportOutput{ImportTableDescription: &types.ImportTableDescription{ErrorCount: 3}},
		&dynamodb.ListBackupsOutput{BackupSummaries: []types.BackupSummary{{BackupName: aws.String("b")}}},
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			if _, err := decodeAs(inputs[i%len(inputs)], `{"TableName":"x"}`); err != nil {
				t.Error(err)
			}
			if got := encodeString(outputs[i%len(outputs)]); !json.Valid([]byte(got)) {
				t.Errorf("invalid JSON %s", got)
			}
		})
	}
	wg.Wait()
}
