package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/value"
)

func putItem(edit func(in *dynamodb.PutItemInput)) func() error {
	return func() error {
		in := &dynamodb.PutItemInput{TableName: ptr("tbl"), Item: item("pk", S("a"))}
		if edit != nil {
			edit(in)
		}
		_, err := PutItem(in)
		return err
	}
}

func getItem(edit func(in *dynamodb.GetItemInput)) func() error {
	return func() error {
		in := &dynamodb.GetItemInput{TableName: ptr("tbl"), Key: item("pk", S("a"))}
		if edit != nil {
			edit(in)
		}
		return GetItem(in)
	}
}

func deleteItem(edit func(in *dynamodb.DeleteItemInput)) func() error {
	return func() error {
		in := &dynamodb.DeleteItemInput{TableName: ptr("tbl"), Key: item("pk", S("a"))}
		if edit != nil {
			edit(in)
		}
		return DeleteItem(in)
	}
}

const (
	emptySS = "One or more parameter values were invalid: An string set  may not be empty"
	nullMsg = "One or more parameter values were invalid: Null attribute value types must have the value of true"
)

func TestPutItem(t *testing.T) {
	badSet := &types.AttributeValueMemberSS{Value: []string{}}
	badNull := &types.AttributeValueMemberNULL{Value: false}
	withValueFakes(t, map[types.AttributeValue]string{badSet: emptySS, badNull: nullMsg})
	a256 := strings.Repeat("a", 256)
	cond := ptr("attribute_not_exists(pk)")
	run(t, []testCase{
		{"valid", putItem(nil), ""},
		{"all options", putItem(func(in *dynamodb.PutItemInput) {
			in.ReturnValues = types.ReturnValueAllOld
			in.ReturnConsumedCapacity = types.ReturnConsumedCapacityIndexes
			in.ReturnItemCollectionMetrics = types.ReturnItemCollectionMetricsSize
			in.ReturnValuesOnConditionCheckFailure = types.ReturnValuesOnConditionCheckFailureAllOld
			in.ConditionExpression = ptr("#a <> :v")
			in.ExpressionAttributeNames = map[string]string{"#a": "a"}
			in.ExpressionAttributeValues = item(":v", S(""))
		}), ""},
		{"ARN", putItem(func(in *dynamodb.PutItemInput) { in.TableName = ptr("arn:aws:dynamodb:us-east-1:1:table/tbl") }), ""},

		// Model constraints (AWS-verified: conformance tier3/error-messages/putItem
		// and the paritysuite split put-item-validation-error-aggregation, which
		// captured the two-error form in a region still on the old validation).
		{"missing table name", putItem(func(in *dynamodb.PutItemInput) { in.TableName = nil }),
			one + "Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"empty table name", putItem(func(in *dynamodb.PutItemInput) { in.TableName = ptr("") }),
			one + "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"long table name", putItem(func(in *dynamodb.PutItemInput) { in.TableName = ptr(a256) }),
			one + "Value '" + a256 + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"bad table name", putItem(func(in *dynamodb.PutItemInput) { in.TableName = ptr("bad table!@#") }),
			one + "Value 'bad table!@#' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"empty table name and ReturnValues", putItem(func(in *dynamodb.PutItemInput) {
			in.TableName = ptr("")
			in.ReturnValues = "INVALID"
			in.Item = item()
		}), "2 validation errors detected: Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; " +
			"Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"nothing", func() error { _, err := PutItem(&dynamodb.PutItemInput{}); return err },
			"2 validation errors detected: Value null at 'item' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"three enums", putItem(func(in *dynamodb.PutItemInput) {
			in.ReturnConsumedCapacity = "INVALID"
			in.ReturnItemCollectionMetrics = "INVALID"
			in.ReturnValues = "INVALID"
		}), "3 validation errors detected: Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; " +
			"Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; " +
			"Value 'INVALID' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]"},
		{"ConditionalOperator", putItem(func(in *dynamodb.PutItemInput) { in.ConditionalOperator = "XOR" }),
			one + "Value 'XOR' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]"},
		{"ReturnValuesOnConditionCheckFailure", putItem(func(in *dynamodb.PutItemInput) { in.ReturnValuesOnConditionCheckFailure = "ALL_NEW" }),
			one + "Value 'ALL_NEW' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"},
		{"Expected operator", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "LIKE"}}
		}), one + "Value 'LIKE' at 'expected.a.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: " +
			"[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"},

		// Expression and legacy parameters (AWS-verified: conformance
		// tier3/error-messages/putItem).
		{"both", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"pk": {Exists: ptr(false)}}
			in.ConditionExpression = cond
		}), "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},
		{"values without expression", putItem(func(in *dynamodb.PutItemInput) { in.ExpressionAttributeValues = item(":v", S("unused")) }),
			"ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
		{"names without expression", putItem(func(in *dynamodb.PutItemInput) { in.ExpressionAttributeNames = map[string]string{"#a": "a"} }),
			"ExpressionAttributeNames can only be specified when using expressions"},
		{"both before bad item", putItem(func(in *dynamodb.PutItemInput) {
			in.Item = item("pk", badSet)
			in.Expected = map[string]types.ExpectedAttributeValue{"pk": {}}
			in.ConditionExpression = ptr("")
		}), "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},

		// Values, ReturnValues, size.
		{"bad value", putItem(func(in *dynamodb.PutItemInput) { in.Item = item("pk", S("a"), "x", badSet) }), emptySS},
		{"values in name order", putItem(func(in *dynamodb.PutItemInput) { in.Item = item("b", badSet, "a", badNull) }), nullMsg},
		{"ReturnValues ALL_NEW", putItem(func(in *dynamodb.PutItemInput) { in.ReturnValues = types.ReturnValueAllNew }),
			"ReturnValues can only be ALL_OLD or NONE"},
		{"ReturnValues UPDATED_OLD", putItem(func(in *dynamodb.PutItemInput) { in.ReturnValues = types.ReturnValueUpdatedOld }),
			"ReturnValues can only be ALL_OLD or NONE"},
		{"bad value before ReturnValues", putItem(func(in *dynamodb.PutItemInput) {
			in.ReturnValues = types.ReturnValueAllNew
			in.Item = item("x", badSet)
		}), emptySS},
		{"size limit", putItem(func(in *dynamodb.PutItemInput) {
			in.Item = item("pk", S(strings.Repeat("x", MaxItemSize-2)))
		}), ""},
		{"too big", putItem(func(in *dynamodb.PutItemInput) {
			in.Item = item("pk", S(strings.Repeat("x", MaxItemSize-1)))
		}), "Item size has exceeded the maximum allowed size"},
		{"ReturnValues before size", putItem(func(in *dynamodb.PutItemInput) {
			in.Item = item("pk", S(strings.Repeat("x", MaxItemSize)))
			in.ReturnValues = types.ReturnValueUpdatedNew
		}), "ReturnValues can only be ALL_OLD or NONE"},

		// Expected (legacy conditions).
		{"Exists null without value", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {}}
		}), "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a"},
		{"Exists true without value", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {Exists: ptr(true)}}
		}), "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"},
		{"Exists false with value", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {Exists: ptr(false), Value: S("a")}}
		}), "One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a"},
		{"operator alone", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "LT"}}
		}), "One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: LT for Attribute: a"},
		{"operator and Exists", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "LT", Exists: ptr(true)}}
		}), "One or more parameter values were invalid: Exists and ComparisonOperator cannot be used together for Attribute: a"},
		{"list and value", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "LT", Value: S("a"), AttributeValueList: []types.AttributeValue{S("a")}}}
		}), "One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a"},
		{"list without operator", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {AttributeValueList: []types.AttributeValue{S("a")}}}
		}), "One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a"},
		{"EQ without arguments", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "EQ", AttributeValueList: []types.AttributeValue{}}}
		}), "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator"},
		{"NULL with argument", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "NULL", Value: S("a")}}
		}), "One or more parameter values were invalid: Invalid number of argument(s) for the NULL ComparisonOperator"},
		{"BETWEEN with three", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: []types.AttributeValue{N("1"), N("10"), N("12")}}}
		}), "One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator"},
		{"IN mixed types", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "IN", AttributeValueList: []types.AttributeValue{S("1"), N("1")}}}
		}), "One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type"},
		{"BETWEEN reversed", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {ComparisonOperator: "BETWEEN", AttributeValueList: []types.AttributeValue{S("b"), S("a")}}}
		}), "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound"},
		{"Expected bad value", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {Value: badNull}}
		}), nullMsg},
		{"Expected fine", putItem(func(in *dynamodb.PutItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{
				"a": {Exists: ptr(false)}, "b": {Value: S("x")}, "c": {ComparisonOperator: "NOT_NULL"},
				"d": {ComparisonOperator: "BETWEEN", AttributeValueList: []types.AttributeValue{S("a"), S("b")}},
			}
		}), ""},

		// Expression parameter shapes.
		{"empty names", putItem(func(in *dynamodb.PutItemInput) {
			in.ConditionExpression = cond
			in.ExpressionAttributeNames = map[string]string{}
		}), "ExpressionAttributeNames must not be empty"},
		{"bad name key", putItem(func(in *dynamodb.PutItemInput) {
			in.ConditionExpression = cond
			in.ExpressionAttributeNames = map[string]string{"a": "a"}
		}), `ExpressionAttributeNames contains invalid key: Syntax error; key: "a"`},
		{"empty values", putItem(func(in *dynamodb.PutItemInput) {
			in.ConditionExpression = cond
			in.ExpressionAttributeValues = item()
		}), "ExpressionAttributeValues must not be empty"},
		{"bad value key", putItem(func(in *dynamodb.PutItemInput) {
			in.ConditionExpression = cond
			in.ExpressionAttributeValues = item("v", S("a"))
		}), `ExpressionAttributeValues contains invalid key: Syntax error; key: "v"`},
		{"bad expression value", putItem(func(in *dynamodb.PutItemInput) {
			in.ConditionExpression = cond
			in.ExpressionAttributeValues = item(":b", badSet)
		}), "ExpressionAttributeValues contains invalid value: " + emptySS + " for key :b"},
		{"empty condition", putItem(func(in *dynamodb.PutItemInput) { in.ConditionExpression = ptr("") }),
			"Invalid ConditionExpression: The expression can not be empty;"},
	})
}

func TestGetItem(t *testing.T) {
	badNull := &types.AttributeValueMemberNULL{Value: false}
	withValueFakes(t, map[types.AttributeValue]string{badNull: nullMsg})
	run(t, []testCase{
		{"valid", getItem(nil), ""},
		{"projection", getItem(func(in *dynamodb.GetItemInput) {
			in.ProjectionExpression = ptr("#a, b")
			in.ExpressionAttributeNames = map[string]string{"#a": "a"}
			in.ConsistentRead = ptr(true)
			in.ReturnConsumedCapacity = types.ReturnConsumedCapacityTotal
		}), ""},
		{"attributes to get", getItem(func(in *dynamodb.GetItemInput) { in.AttributesToGet = []string{"a", "b"} }), ""},
		{"nothing", func() error { return GetItem(&dynamodb.GetItemInput{}) },
			"2 validation errors detected: Value null at 'key' failed to satisfy constraint: Member must not be null; " +
				"Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
		{"model order", getItem(func(in *dynamodb.GetItemInput) {
			in.TableName = ptr("abc;")
			in.ReturnConsumedCapacity = "hi"
			in.AttributesToGet = []string{}
			in.Key = nil
		}), "4 validation errors detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
			"Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; " +
			"Value null at 'key' failed to satisfy constraint: Member must not be null; " +
			"Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{"both", getItem(func(in *dynamodb.GetItemInput) {
			in.AttributesToGet = []string{"a"}
			in.ProjectionExpression = ptr("")
			in.ExpressionAttributeNames = map[string]string{}
		}), "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}"},
		{"names without projection", getItem(func(in *dynamodb.GetItemInput) { in.ExpressionAttributeNames = map[string]string{"#a": "a"} }),
			"ExpressionAttributeNames can only be specified when using expressions"},
		{"bad key value", getItem(func(in *dynamodb.GetItemInput) {
			in.Key = item("pk", badNull)
			in.AttributesToGet = []string{"a", "a"}
		}), nullMsg},
		{"duplicate attribute", getItem(func(in *dynamodb.GetItemInput) { in.AttributesToGet = []string{"a", "a"} }),
			"One or more parameter values were invalid: Duplicate value in attribute name: a"},
		{"empty projection", getItem(func(in *dynamodb.GetItemInput) { in.ProjectionExpression = ptr("") }),
			"Invalid ProjectionExpression: The expression can not be empty;"},
		{"empty names", getItem(func(in *dynamodb.GetItemInput) {
			in.ProjectionExpression = ptr("")
			in.ExpressionAttributeNames = map[string]string{}
		}), "ExpressionAttributeNames must not be empty"},
	})
}

func TestDeleteItem(t *testing.T) {
	badSet := &types.AttributeValueMemberSS{Value: []string{}}
	withValueFakes(t, map[types.AttributeValue]string{badSet: emptySS})
	run(t, []testCase{
		{"valid", deleteItem(nil), ""},
		{"ReturnValues is checked after the lookup", deleteItem(func(in *dynamodb.DeleteItemInput) { in.ReturnValues = types.ReturnValueAllNew }), ""},
		{"two enums", deleteItem(func(in *dynamodb.DeleteItemInput) {
			in.ReturnValues = "INVALID"
			in.ReturnConsumedCapacity = "INVALID"
		}), "2 validation errors detected: Value 'INVALID' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]; " +
			"Value 'INVALID' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"},
		{"empty table name", deleteItem(func(in *dynamodb.DeleteItemInput) { in.TableName = ptr("") }),
			one + "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"both", deleteItem(func(in *dynamodb.DeleteItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"pk": {Exists: ptr(true), Value: S("a")}}
			in.ConditionExpression = ptr("attribute_exists(pk)")
		}), "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"},
		{"values without expression", deleteItem(func(in *dynamodb.DeleteItemInput) { in.ExpressionAttributeValues = item(":v", S("a")) }),
			"ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"},
		{"bad key value", deleteItem(func(in *dynamodb.DeleteItemInput) { in.Key = item("pk", badSet) }), emptySS},
		{"Expected", deleteItem(func(in *dynamodb.DeleteItemInput) {
			in.Expected = map[string]types.ExpectedAttributeValue{"a": {Exists: ptr(true)}}
		}), "One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: a"},
		{"empty condition", deleteItem(func(in *dynamodb.DeleteItemInput) { in.ConditionExpression = ptr("") }),
			"Invalid ConditionExpression: The expression can not be empty;"},
	})
}

// TestPutItemValues runs PutItem with package value's real checks, for the
// messages the AWS-verified conformance suite pins
// (tier3/error-messages/putItem).
func TestPutItemValues(t *testing.T) {
	put := func(av types.AttributeValue) func() error {
		return putItem(func(in *dynamodb.PutItemInput) { in.Item = item("pk", S("test"), "bad", av) })
	}
	run(t, []testCase{
		{"empty SS", put(&types.AttributeValueMemberSS{Value: []string{}}), emptySS},
		{"empty NS", put(&types.AttributeValueMemberNS{Value: []string{}}),
			"One or more parameter values were invalid: An number set  may not be empty"},
		{"duplicate SS", put(&types.AttributeValueMemberSS{Value: []string{"a", "a"}}),
			"One or more parameter values were invalid: Input collection [a, a] contains duplicates."},
		{"NULL false", put(&types.AttributeValueMemberNULL{Value: false}), nullMsg},
		{"fine", put(&types.AttributeValueMemberL{Value: []types.AttributeValue{S(""), N("1.50")}}), ""},
	})
}

// TestPutItemSize checks that PutItem hands back the size it checked, which
// the engine stores instead of measuring the item again.
func TestPutItemSize(t *testing.T) {
	in := &dynamodb.PutItemInput{TableName: ptr("tbl"), Item: item("pk", S("abc"))}
	in.Item["n"] = &types.AttributeValueMemberN{Value: "12345"}
	size, err := PutItem(in)
	if err != nil {
		t.Fatal(err)
	}
	// "pk"+"abc" is 5, "n" plus a 5-digit number (3 bytes + 1) is 5.
	if want := value.ItemSize(in.Item); size != want || size != 10 {
		t.Fatalf("PutItem size = %d, want %d (ItemSize) and 10", size, want)
	}
}
