package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func TestDescribeDeleteTable(t *testing.T) {
	a256 := strings.Repeat("a", 256)
	arn := "arn:aws:dynamodb:us-east-1:123456789012:table/" + strings.Repeat("t", 980)
	for op, f := range map[string]func(*string) error{
		"DescribeTable": func(s *string) error { return DescribeTable(&dynamodb.DescribeTableInput{TableName: s}) },
		"DeleteTable":   func(s *string) error { return DeleteTable(&dynamodb.DeleteTableInput{TableName: s}) },
	} {
		t.Run(op, func(t *testing.T) {
			call := func(s *string) func() error { return func() error { return f(s) } }
			run(t, []testCase{
				{"valid", call(ptr("abc")), ""},
				{"two characters pass to the lookup", call(ptr("ab")), ""},
				{"ARN", call(ptr("arn:aws:dynamodb:us-east-1:123456789012:table/abc")), ""},
				{"missing", call(nil), "The parameter 'TableName' is required but was not present in the request"},
				{"empty", call(ptr("")), one + "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
				{"pattern", call(ptr("abc;")), one + "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
				{"long", call(ptr(a256)), one + "Value '" + a256 + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
				{"long ARN", call(ptr(arn)), one + "Value '" + arn + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 1024"},
			})
		})
	}
}

func TestListTables(t *testing.T) {
	call := func(start *string, limit *int32) func() error {
		return func() error {
			return ListTables(&dynamodb.ListTablesInput{ExclusiveStartTableName: start, Limit: limit})
		}
	}
	a256 := strings.Repeat("a", 256)
	run(t, []testCase{
		{"empty request", call(nil, nil), ""},
		{"limits", call(ptr("abc"), ptr[int32](100)), ""},
		{"limit 1", call(nil, ptr[int32](1)), ""},
		{"limit 0", call(nil, ptr[int32](0)),
			one + "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"limit 101", call(nil, ptr[int32](101)),
			one + "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"empty start", call(ptr(""), nil),
			"2 validation errors detected: Value '' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"short start and high limit", call(ptr("a;"), ptr[int32](500)),
			"3 validation errors detected: Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3; " +
				"Value '500' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"},
		{"long start", call(ptr(a256), nil),
			one + "Value '" + a256 + "' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length less than or equal to 255"},
	})
}
