package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestDescribeTimeToLive(t *testing.T) {
	call := func(s *string) func() error {
		return func() error { return DescribeTimeToLive(&dynamodb.DescribeTimeToLiveInput{TableName: s}) }
	}
	run(t, []testCase{
		{"valid", call(ptr("abc")), ""},
		{"two characters pass to the lookup", call(ptr("ab")), ""},
		{"ARN", call(ptr("arn:aws:dynamodb:us-east-1:123456789012:table/abc")), ""},
		{"missing", call(nil), "The parameter 'TableName' is required but was not present in the request"},
		{"empty", call(ptr("")), one + "Value '' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"pattern", call(ptr("abc;")), one + "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
	})
}

func TestUpdateTimeToLive(t *testing.T) {
	call := func(name *string, spec *types.TimeToLiveSpecification) func() error {
		return func() error {
			return UpdateTimeToLive(&dynamodb.UpdateTimeToLiveInput{TableName: name, TimeToLiveSpecification: spec})
		}
	}
	spec := func(attr *string, enabled *bool) *types.TimeToLiveSpecification {
		return &types.TimeToLiveSpecification{AttributeName: attr, Enabled: enabled}
	}
	a255, a256 := strings.Repeat("a", 255), strings.Repeat("a", 256)
	const (
		nullEnabled = "Value null at 'timeToLiveSpecification.enabled' failed to satisfy constraint: Member must not be null"
		nullAttr    = "Value null at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must not be null"
		badName     = "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
	)
	run(t, []testCase{
		{"enable", call(ptr("abc"), spec(ptr("ttl"), ptr(true))), ""},
		{"disable", call(ptr("abc"), spec(ptr("ttl"), ptr(false))), ""},
		{"ARN", call(ptr("arn:aws:dynamodb:us-east-1:123456789012:table/abc"), spec(ptr("ttl"), ptr(true))), ""},
		{"255 characters", call(ptr("abc"), spec(ptr(a255), ptr(true))), ""},
		{"missing table name first", call(nil, nil), "The parameter 'TableName' is required but was not present in the request"},
		{"missing specification", call(ptr("abc"), nil),
			one + "Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null"},
		{"empty specification", call(ptr("abc"), spec(nil, nil)),
			"2 validation errors detected: " + nullAttr + "; " + nullEnabled},
		{"missing enabled", call(ptr("abc"), spec(ptr("ttl"), nil)), one + nullEnabled},
		{"missing attribute", call(ptr("abc"), spec(nil, ptr(false))), one + nullAttr},
		{"long attribute", call(ptr("abc"), spec(ptr(a256), ptr(true))),
			one + "Value '" + a256 + "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length less than or equal to 255"},
		{"empty attribute", call(ptr("abc"), spec(ptr(""), ptr(true))), "TimeToLiveSpecification.AttributeName must be non empty"},
		{"model before empty attribute", call(ptr("abc;"), spec(ptr(""), ptr(true))), one + badName},
		{"bad name and empty specification", call(ptr("abc;"), spec(nil, nil)),
			"3 validation errors detected: " + nullAttr + "; " + nullEnabled + "; " + badName},
	})
}
