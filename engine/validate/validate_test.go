package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Test helpers shared by the tests of this package.

func ptr[T any](v T) *T { return &v }

// S, N, B build attribute values.
func S(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func N(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }
func B(b []byte) types.AttributeValue { return &types.AttributeValueMemberB{Value: b} }

// item builds a map from alternating names and values.
func item(kv ...any) map[string]types.AttributeValue {
	m := make(map[string]types.AttributeValue, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(types.AttributeValue)
	}
	return m
}

// testCase is one validation call and the message it must fail with ("" for
// success).
type testCase struct {
	name string
	call func() error
	want string
}

func run(t *testing.T, cases []testCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			code, msg := apierr.Code(err)
			if code != apierr.CodeValidation {
				t.Fatalf("error code %q, want ValidationException (%v)", code, err)
			}
			if msg != tc.want {
				t.Fatalf("message\n got: %s\nwant: %s", msg, tc.want)
			}
		})
	}
}

// withValueFakes replaces package value's checks for one test, so these
// tests pin this package's behaviour whatever the state of package value:
// checkValue rejects the attribute values listed in bad with their message,
// and checkItemSize adds up the lengths of names and string/binary values.
func withValueFakes(t *testing.T, bad map[types.AttributeValue]string) {
	t.Helper()
	oldValue, oldItem, oldSize := checkValue, checkItem, checkItemSize
	t.Cleanup(func() { checkValue, checkItem, checkItemSize = oldValue, oldItem, oldSize })
	checkValue = func(av types.AttributeValue) error {
		if msg, ok := bad[av]; ok {
			return apierr.Validation(msg)
		}
		return nil
	}
	checkItem = func(it map[string]types.AttributeValue) error {
		for _, k := range sortedKeys(it) {
			if err := checkValue(it[k]); err != nil {
				return err
			}
		}
		return nil
	}
	checkItemSize = func(it map[string]types.AttributeValue) (int, error) {
		if err := checkItem(it); err != nil {
			return 0, err
		}
		n := 0
		for k, v := range it {
			n += len(k)
			switch v := v.(type) {
			case *types.AttributeValueMemberS:
				n += len(v.Value)
			case *types.AttributeValueMemberB:
				n += len(v.Value)
			default:
				n++
			}
		}
		return n, nil
	}
}

func TestHashMapOrder(t *testing.T) {
	// Orders observed in DynamoDB's aggregated messages; see coral.go.
	putItem := []string{"item", "tableName", "conditionExpression", "conditionalOperator", "expected",
		"expressionAttributeNames", "expressionAttributeValues", "returnConsumedCapacity",
		"returnItemCollectionMetrics", "returnValues", "returnValuesOnConditionCheckFailure"}
	getItem := []string{"key", "tableName", "attributesToGet", "consistentRead", "expressionAttributeNames",
		"projectionExpression", "returnConsumedCapacity"}
	updateItem := []string{"key", "tableName", "attributeUpdates", "conditionExpression", "conditionalOperator",
		"expected", "expressionAttributeNames", "expressionAttributeValues", "returnConsumedCapacity",
		"returnItemCollectionMetrics", "returnValues", "returnValuesOnConditionCheckFailure", "updateExpression"}
	throughput := []string{"readCapacityUnits", "writeCapacityUnits"}
	for _, tc := range []struct {
		names        []string
		before, then []string
	}{
		{putItem, []string{"returnValues"}, []string{"tableName"}},
		{updateItem, []string{"returnConsumedCapacity"}, []string{"returnValues"}},
		{getItem, []string{"attributesToGet", "returnConsumedCapacity", "key"}, []string{"returnConsumedCapacity", "key", "tableName"}},
		{throughput, []string{"writeCapacityUnits"}, []string{"readCapacityUnits"}},
	} {
		pos := map[string]int{}
		members := make([]member, len(tc.names))
		for i, n := range tc.names {
			members[i] = member{name: n}
		}
		for i, idx := range hashMapOrder(members, nil) {
			pos[tc.names[idx]] = i
		}
		for i := range tc.before {
			if pos[tc.before[i]] >= pos[tc.then[i]] {
				t.Errorf("%s should come before %s in %v", tc.before[i], tc.then[i], tc.names)
			}
		}
	}
}

func TestJavaHash(t *testing.T) {
	// Values of java.lang.String.hashCode.
	for s, want := range map[string]int32{"": 0, "a": 97, "ab": 3105, "tableName": -1988717703} {
		if got := int32(javaHash(s)); got != want {
			t.Errorf("javaHash(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestTableName(t *testing.T) {
	for in, want := range map[string]string{
		"Music": "Music",
		"arn:aws:dynamodb:us-east-1:123456789012:table/Music":            "Music",
		"arn:aws-cn:dynamodb:cn-north-1:123456789012:table/a.b-c_d":      "a.b-c_d",
		"arn:aws:dynamodb:us-east-1:123456789012:table/Music/index/byId": "arn:aws:dynamodb:us-east-1:123456789012:table/Music/index/byId",
		"arn:aws:s3:::bucket": "arn:aws:s3:::bucket",
		"arn:":                "arn:",
	} {
		if got := TableName(in); got != want {
			t.Errorf("TableName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectedCap(t *testing.T) {
	var c collector
	for i := 0; i < 12; i++ {
		c.add(null, "x", notNull)
	}
	_, msg := apierr.Code(c.err())
	if !strings.HasPrefix(msg, "10 validation errors detected: ") || strings.Count(msg, "; ") != 9 {
		t.Errorf("not capped at 10: %s", msg)
	}
}
