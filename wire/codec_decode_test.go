package wire

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// inputTypes are the SDK input structures of the operations named in
// testdata/serialization-types.txt. The codec is generic, so it is tested
// against operations the handler does not serve yet.
var inputTypes = map[string]reflect.Type{
	"BatchGetItem":       reflect.TypeFor[dynamodb.BatchGetItemInput](),
	"BatchWriteItem":     reflect.TypeFor[dynamodb.BatchWriteItemInput](),
	"CreateTable":        reflect.TypeFor[dynamodb.CreateTableInput](),
	"DeleteItem":         reflect.TypeFor[dynamodb.DeleteItemInput](),
	"DeleteTable":        reflect.TypeFor[dynamodb.DeleteTableInput](),
	"DescribeTable":      reflect.TypeFor[dynamodb.DescribeTableInput](),
	"DescribeTimeToLive": reflect.TypeFor[dynamodb.DescribeTimeToLiveInput](),
	"GetItem":            reflect.TypeFor[dynamodb.GetItemInput](),
	"ListTables":         reflect.TypeFor[dynamodb.ListTablesInput](),
	"ListTagsOfResource": reflect.TypeFor[dynamodb.ListTagsOfResourceInput](),
	"PutItem":            reflect.TypeFor[dynamodb.PutItemInput](),
	"Query":              reflect.TypeFor[dynamodb.QueryInput](),
	"Scan":               reflect.TypeFor[dynamodb.ScanInput](),
	"TagResource":        reflect.TypeFor[dynamodb.TagResourceInput](),
	"UntagResource":      reflect.TypeFor[dynamodb.UntagResourceInput](),
	"UpdateItem":         reflect.TypeFor[dynamodb.UpdateItemInput](),
	"UpdateTable":        reflect.TypeFor[dynamodb.UpdateTableInput](),
}

// decodeAs decodes body into a new value of structure type t.
func decodeAs(t reflect.Type, body string) (reflect.Value, error) {
	v := reflect.New(t)
	err := decodeBody([]byte(body), decoderFor(t), v.Elem())
	return v, err
}

func decodeInto[T any](body string) (*T, error) {
	v, err := decodeAs(reflect.TypeFor[T](), body)
	return v.Interface().(*T), err
}

// wrongValue is a JSON value and DynamoDB's message when it is sent for a
// member of some type.
type wrongValue struct {
	json string
	msg  string
}

// wrongValues expands a type from serialization-types.txt into the values
// DynamoDB was observed to reject and its message for each. AttrStruct
// returns nil: it stands for several paths (see attrPaths).
func wrongValues(typ string) []wrongValue {
	kind, sub, _ := strings.Cut(strings.TrimSuffix(typ, ">"), "<")
	numbers := []string{"23", "-2147483648", "2147483648"}
	scalarsAll := func(msg string) []wrongValue {
		var ws []wrongValue
		for _, j := range append([]string{`"23"`, "true", "34.56"}, numbers...) {
			ws = append(ws, wrongValue{j, msg})
		}
		return ws
	}
	switch kind {
	case "Boolean":
		ws := []wrongValue{{`"23"`, msgUnexpectedToken}, {"34.56", "DECIMAL_VALUE cannot be converted to Boolean"},
			{"[]", "Unrecognized collection type class java.lang.Boolean"}, {"{}", msgStartOfStructure}}
		for _, n := range numbers {
			ws = append(ws, wrongValue{n, "NUMBER_VALUE cannot be converted to Boolean"})
		}
		return ws
	case "String":
		ws := []wrongValue{{"true", "TRUE_VALUE cannot be converted to String"}, {"false", "FALSE_VALUE cannot be converted to String"},
			{"34.56", "DECIMAL_VALUE cannot be converted to String"},
			{"[]", "Unrecognized collection type class java.lang.String"}, {"{}", msgStartOfStructure}}
		for _, n := range numbers {
			ws = append(ws, wrongValue{n, "NUMBER_VALUE cannot be converted to String"})
		}
		return ws
	case "Integer", "Long":
		return []wrongValue{{`"23"`, "STRING_VALUE cannot be converted to " + kind},
			{"true", "TRUE_VALUE cannot be converted to " + kind}, {"false", "FALSE_VALUE cannot be converted to " + kind},
			{"[]", "Unrecognized collection type class java.lang." + kind}, {"{}", msgStartOfStructure}}
	case "Blob":
		ws := []wrongValue{{"true", msgNotBase64}, {"34.56", msgNotBase64},
			{"[]", "Unrecognized collection type class java.nio.ByteBuffer"}, {"{}", msgStartOfStructure},
			{`"23456"`, "Base64 encoded length is expected a multiple of 4 bytes but found: 5"},
			{`"=+/="`, msgBadBase64}, {`"+/+="`, msgBadBase64}}
		for _, n := range numbers {
			ws = append(ws, wrongValue{n, msgNotBase64})
		}
		return ws
	case "List":
		return append(scalarsAll(msgUnexpectedField), wrongValue{"{}", msgStartOfStructure})
	case "ParameterizedList":
		return append(scalarsAll(msgParameterizedCast), wrongValue{"{}", msgStartOfStructure})
	case "Map":
		if !strings.Contains(sub, ".") {
			sub = javaModelPackage + sub
		}
		return append(scalarsAll(msgUnexpectedField),
			wrongValue{"[]", "Unrecognized collection type java.util.Map<java.lang.String, " + sub + ">"})
	case "ParameterizedMap":
		return append(scalarsAll(msgParameterizedCast),
			wrongValue{"[]", "Unrecognized collection type java.util.Map<java.lang.String, " + javaModelPackage + "AttributeValue>"})
	case "ValueStruct":
		return append(scalarsAll(msgUnexpectedValue), wrongValue{"[]", "Unrecognized collection type class " + javaModelPackage + sub})
	case "FieldStruct":
		return append(scalarsAll(msgUnexpectedField), wrongValue{"[]", "Unrecognized collection type class " + javaModelPackage + sub})
	}
	return nil
}

// attrPaths expands an AttributeValue at path into its members' paths and
// types, as DynamoDB models them.
func attrPaths(path, sub string) [][2]string {
	return [][2]string{
		{path, sub + "<AttributeValue>"},
		{path + ".S", "String"}, {path + ".N", "String"}, {path + ".B", "Blob"},
		{path + ".BOOL", "Boolean"}, {path + ".NULL", "Boolean"},
		{path + ".SS", "List"}, {path + ".SS.0", "String"},
		{path + ".NS", "List"}, {path + ".NS.0", "String"},
		{path + ".BS", "List"}, {path + ".BS.0", "Blob"},
		{path + ".L", "List"}, {path + ".L.0", "ValueStruct<AttributeValue>"},
		{path + ".L.0.BS", "List"}, {path + ".L.0.BS.0", "Blob"},
		{path + ".M", "Map<AttributeValue>"}, {path + ".M.a", "ValueStruct<AttributeValue>"},
		{path + ".M.a.BS", "List"}, {path + ".M.a.BS.0", "Blob"},
	}
}

// bodyAt builds a request whose only content is value at path: a path
// element "0" makes a list, anything else an object member.
func bodyAt(path, value string) string {
	pieces := strings.Split(path, ".")
	var b strings.Builder
	var closers []string
	b.WriteString("{")
	closers = append(closers, "}")
	for i, p := range pieces {
		if p != "0" {
			b.WriteString(`"` + p + `":`)
		}
		if i == len(pieces)-1 {
			break
		}
		if pieces[i+1] == "0" {
			b.WriteString("[")
			closers = append(closers, "]")
		} else {
			b.WriteString("{")
			closers = append(closers, "}")
		}
	}
	b.WriteString(value)
	for i := len(closers) - 1; i >= 0; i-- {
		b.WriteString(closers[i])
	}
	return b.String()
}

// TestSerializationTypes checks every member type DynamoDB's tests recorded
// against every wrong JSON type, with DynamoDB's message for each.
func TestSerializationTypes(t *testing.T) {
	f, err := os.Open("testdata/serialization-types.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	checked := 0
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		op, path, typ := fields[0], fields[1], fields[2]
		in, ok := inputTypes[op]
		if !ok {
			t.Fatalf("no input type for %s", op)
		}
		paths := [][2]string{{path, typ}}
		if sub, ok := strings.CutPrefix(typ, "AttrStruct<"); ok {
			paths = attrPaths(path, strings.TrimSuffix(sub, ">"))
		}
		for _, p := range paths {
			for _, w := range wrongValues(p[1]) {
				body := bodyAt(p[0], w.json)
				_, err := decodeAs(in, body)
				var se *serializationError
				if !errors.As(err, &se) || se.msg != w.msg {
					t.Errorf("%s %s (%s) = %s:\n got %v\nwant SerializationException: %s", op, p[0], p[1], body, err, w.msg)
				}
				checked++
			}
		}
	}
	if checked < 1000 {
		t.Errorf("only %d cases checked", checked)
	}
}

func TestDecodeValues(t *testing.T) {
	in, err := decodeInto[dynamodb.QueryInput](`{
		"TableName": "t\u00e9\ud83d\ude00\"",
		"Limit": 7.9,
		"ConsistentRead": "YES",
		"ScanIndexForward": "0",
		"Select": "COUNT",
		"AttributesToGet": ["a", null, "b"],
		"ExclusiveStartKey": {"pk": {"S": "x", "N": null}, "e": {}, "z": null, "u": {"Q": "x"}},
		"KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "v"}, null]}},
		"ExpressionAttributeNames": {"#a": "a"},
		"Unknown": {"deep": [1, 2, {"x": []}]}
	}`)
	if err != nil {
		t.Fatal(err)
	}
	want := &dynamodb.QueryInput{
		TableName:        aws.String("té😀\""),
		Limit:            aws.Int32(7),
		ConsistentRead:   aws.Bool(true),
		ScanIndexForward: aws.Bool(false),
		Select:           types.SelectCount,
		AttributesToGet:  []string{"a", "", "b"},
		ExclusiveStartKey: map[string]types.AttributeValue{
			"pk": &types.AttributeValueMemberS{Value: "x"}, "e": nil, "z": nil, "u": nil,
		},
		KeyConditions: map[string]types.Condition{"pk": {
			ComparisonOperator: types.ComparisonOperatorEq,
			AttributeValueList: []types.AttributeValue{&types.AttributeValueMemberS{Value: "v"}, nil},
		}},
		ExpressionAttributeNames: map[string]string{"#a": "a"},
	}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("got  %#v\nwant %#v", in, want)
	}
}

func TestDecodeAttributeValues(t *testing.T) {
	tests := []struct {
		json string
		want types.AttributeValue
	}{
		{`{"S":""}`, &types.AttributeValueMemberS{Value: ""}},
		{`{"N":"1e400"}`, &types.AttributeValueMemberN{Value: "1e400"}},
		{`{"B":""}`, &types.AttributeValueMemberB{Value: []byte{}}},
		{`{"B":"AAEC/w=="}`, &types.AttributeValueMemberB{Value: []byte{0, 1, 2, 255}}},
		{`{"BOOL":false}`, &types.AttributeValueMemberBOOL{Value: false}},
		{`{"NULL":false}`, &types.AttributeValueMemberNULL{Value: false}},
		{`{"NULL":"no"}`, &types.AttributeValueMemberNULL{Value: false}},
		{`{"SS":[]}`, &types.AttributeValueMemberSS{Value: []string{}}},
		{`{"NS":["1",null]}`, &types.AttributeValueMemberNS{Value: []string{"1", ""}}},
		{`{"BS":["AA=="]}`, &types.AttributeValueMemberBS{Value: [][]byte{{0}}}},
		{`{"L":[{"S":"a"},{}]}`, &types.AttributeValueMemberL{Value: []types.AttributeValue{&types.AttributeValueMemberS{Value: "a"}, nil}}},
		{`{"M":{}}`, &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}},
		// Empty, null members and unknown members: no type at all.
		{`{}`, nil},
		{`{"S":null,"X":"y"}`, nil},
		// A repeated member counts once; the last wins, as in Jackson.
		{`{"S":"a","S":"b"}`, &types.AttributeValueMemberS{Value: "b"}},
		// More than one type: the marker the engine reports as DynamoDB does.
		{`{"S":"a","N":"1"}`, &types.UnknownUnionMember{Tag: "S,N"}},
		{`{"M":{},"L":[],"NULL":true}`, &types.UnknownUnionMember{Tag: "NULL,L,M"}},
		{`{"S":"a","N":null}`, &types.AttributeValueMemberS{Value: "a"}},
		{`{"S":"a","S":null}`, nil},
		{`{"N":"1","S":"a","N":null}`, &types.AttributeValueMemberS{Value: "a"}},
	}
	for _, tc := range tests {
		in, err := decodeInto[dynamodb.PutItemInput](`{"Item":{"a":` + tc.json + `}}`)
		if err != nil {
			t.Errorf("%s: %v", tc.json, err)
			continue
		}
		if got := in.Item["a"]; !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s: got %#v, want %#v", tc.json, got, tc.want)
		}
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		body string
		msg  string // "" means the bare (syntax) SerializationException
	}{
		{`{"TableName":"x"`, ""},
		{`{"TableName":"x"} {}`, ""},
		{`{"TableName":"x",}`, ""},
		{`{"TableName":'x'}`, ""},
		{`{"Limit":01}`, ""},
		{`{"TableName":"\x"}`, ""},
		{"{\"TableName\":\"a\tb\"}", ""},
		{`{"Limit":2147483648}`, "Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)"},
		{`{"Limit":-2147483649}`, "Numeric value (-2147483649) out of range of int (-2147483648 - 2147483647)"},
		{`{"Limit":1e10}`, "Numeric value (1e10) out of range of int (-2147483648 - 2147483647)"},
		{`{"ExclusiveStartKey":{"a":{"B":"ab\nd"}}}`, msgBadBase64},
		{`{"ExclusiveStartKey":{"a":{"B":"ab$d"}}}`, msgBadBase64},
		{`{"ExclusiveStartKey":{"a":{"B":"é"}}}`, "Base64 encoded length is expected a multiple of 4 bytes but found: 1"},
		// The first problem in document order wins.
		{`{"Limit":"x","TableName":1}`, "STRING_VALUE cannot be converted to Integer"},
		{`{"TableName":1,"Limit":"x"}`, "NUMBER_VALUE cannot be converted to String"},
		{`{"Limit":1.5e0,"Select":1.0}`, "DECIMAL_VALUE cannot be converted to String"},
		{`[]`, "Unrecognized collection type class " + javaModelPackage + "QueryInput"},
		{`"x"`, msgUnexpectedField},
	}
	for _, tc := range tests {
		_, err := decodeInto[dynamodb.QueryInput](tc.body)
		var se *serializationError
		if !errors.As(err, &se) || se.msg != tc.msg {
			t.Errorf("%s: got %v, want SerializationException %q", tc.body, err, tc.msg)
		}
	}
}

func TestDecodeRepeatedMembers(t *testing.T) {
	// The last occurrence wins, and a null one makes the member absent.
	in, err := decodeInto[dynamodb.GetItemInput](`{"TableName":"a","TableName":"b","ConsistentRead":true,"ConsistentRead":null,` +
		`"Key":{"k":{"S":"x"}},"Key":{"k":{"N":"1"}}}`)
	if err != nil {
		t.Fatal(err)
	}
	want := &dynamodb.GetItemInput{TableName: aws.String("b"), Key: map[string]types.AttributeValue{"k": &types.AttributeValueMemberN{Value: "1"}}}
	if !reflect.DeepEqual(in, want) {
		t.Errorf("got %#v, want %#v", in, want)
	}
}

func TestDecodeTimestamps(t *testing.T) {
	in, err := decodeInto[dynamodb.ListBackupsInput](`{"TimeRangeLowerBound":1709219219.557,"TimeRangeUpperBound":0}`)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.UnixMilli(1709219219557).UTC(); !in.TimeRangeLowerBound.Equal(want) {
		t.Errorf("lower bound %v, want %v", in.TimeRangeLowerBound, want)
	}
	if !in.TimeRangeUpperBound.Equal(time.Unix(0, 0)) {
		t.Errorf("upper bound %v", in.TimeRangeUpperBound)
	}
	_, err = decodeInto[dynamodb.ListBackupsInput](`{"TimeRangeLowerBound":"2024-01-01"}`)
	var se *serializationError
	if !errors.As(err, &se) || se.msg != "STRING_VALUE cannot be converted to Date" {
		t.Errorf("string timestamp: %v", err)
	}
}

func TestValidJSONMatchesEncodingJSON(t *testing.T) {
	for _, s := range []string{
		`{}`, `[]`, `0`, `-0`, `1.5e+3`, `"\u00e9"`, `"\ud800"`, `{"a":[1,2,{"b":null}]}`, " \t\n{}\r\n",
		``, `{`, `01`, `1.`, `.5`, `-`, `1e`, `"\q"`, `{"a" 1}`, `[1,]`, `tru`, `nul`, `{} x`, "\"\x01\"",
	} {
		if got, want := validJSON([]byte(s)), json.Valid([]byte(s)); got != want {
			t.Errorf("validJSON(%q) = %v, encoding/json says %v", s, got, want)
		}
	}
}
