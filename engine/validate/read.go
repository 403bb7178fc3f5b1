package validate

import (
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Query and Scan: the checks that do not depend on the table, in
// DynamoDB's order. The table-dependent ones (IndexName,
// ExclusiveStartKey, the key condition against the key schema) and the
// expression parses run in the engine after the table lookup.

var enumSelect = []string{"SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"}

// Query checks everything of a Query request that does not depend on the
// table.
func Query(in *dynamodb.QueryInput) error {
	var c collector
	c.structure(
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"attributesToGet", func() { c.attributesToGet(in.AttributesToGet) }},
		member{"conditionalOperator", func() { c.checkEnum(string(in.ConditionalOperator), "conditionalOperator", enumConditionalOperator...) }},
		member{"consistentRead", nil},
		member{"exclusiveStartKey", nil},
		member{"expressionAttributeNames", nil},
		member{"expressionAttributeValues", nil},
		member{"filterExpression", nil},
		member{"indexName", func() { c.checkName(in.IndexName, "indexName", false) }},
		member{"keyConditionExpression", nil},
		member{"keyConditions", func() { c.conditionsModel(in.KeyConditions, "keyConditions") }},
		member{"limit", func() {
			// DynamoDB's own wording for Query (AWS-verified): no value,
			// and the member capitalised.
			if in.Limit != nil && *in.Limit < 1 {
				c.msgs = append(c.msgs, "Value at 'Limit' failed to satisfy constraint: "+minValue(1))
			}
		}},
		member{"projectionExpression", nil},
		member{"queryFilter", func() { c.conditionsModel(in.QueryFilter, "queryFilter") }},
		member{"returnConsumedCapacity", func() {
			c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
		}},
		member{"scanIndexForward", nil},
		member{"select", func() { c.checkEnum(string(in.Select), "select", enumSelect...) }},
	)
	if err := c.err(); err != nil {
		return err
	}
	if err := legacyMix(
		[]string{"KeyConditions", "QueryFilter", "AttributesToGet"},
		[]bool{in.KeyConditions != nil, in.QueryFilter != nil, in.AttributesToGet != nil},
		[]string{"KeyConditionExpression", "FilterExpression", "ProjectionExpression"},
		[]bool{in.KeyConditionExpression != nil, in.FilterExpression != nil, in.ProjectionExpression != nil},
	); err != nil {
		return err
	}
	anyExpr := in.KeyConditionExpression != nil || in.FilterExpression != nil || in.ProjectionExpression != nil
	if in.ExpressionAttributeNames != nil && !anyExpr {
		return apierr.Validation("ExpressionAttributeNames can only be specified when using expressions")
	}
	if in.ExpressionAttributeValues != nil && in.KeyConditionExpression == nil && in.FilterExpression == nil {
		return apierr.Validation("ExpressionAttributeValues can only be specified when using expressions: FilterExpression and KeyConditionExpression are null")
	}
	if in.ConditionalOperator != "" && in.QueryFilter == nil {
		return errConditionalOperator
	}
	if in.KeyConditions == nil && in.KeyConditionExpression == nil {
		return apierr.Validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.")
	}
	if err := selectRules(in.Select, in.ProjectionExpression != nil, in.AttributesToGet != nil, in.IndexName != nil); err != nil {
		return err
	}
	if err := legacyConditions(in.KeyConditions); err != nil {
		return err
	}
	if err := legacyConditions(in.QueryFilter); err != nil {
		return err
	}
	if err := checkKeyValues(in.ExclusiveStartKey); err != nil {
		return err
	}
	return expressions(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		expression{"KeyConditionExpression", in.KeyConditionExpression},
		expression{"FilterExpression", in.FilterExpression},
		expression{"ProjectionExpression", in.ProjectionExpression})
}

// Scan checks everything of a Scan request that does not depend on the
// table.
func Scan(in *dynamodb.ScanInput) error {
	var c collector
	c.structure(
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"attributesToGet", func() { c.attributesToGet(in.AttributesToGet) }},
		member{"conditionalOperator", func() { c.checkEnum(string(in.ConditionalOperator), "conditionalOperator", enumConditionalOperator...) }},
		member{"consistentRead", nil},
		member{"exclusiveStartKey", nil},
		member{"expressionAttributeNames", nil},
		member{"expressionAttributeValues", nil},
		member{"filterExpression", nil},
		member{"indexName", func() { c.checkName(in.IndexName, "indexName", false) }},
		member{"limit", func() {
			if in.Limit != nil && *in.Limit < 1 {
				c.add(renderInt(int64(*in.Limit)), "limit", minValue(1))
			}
		}},
		member{"projectionExpression", nil},
		member{"returnConsumedCapacity", func() {
			c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
		}},
		member{"scanFilter", func() { c.conditionsModel(in.ScanFilter, "scanFilter") }},
		member{"segment", func() {
			if in.Segment != nil {
				if s := int64(*in.Segment); s < 0 {
					c.add(renderInt(s), "segment", minValue(0))
				} else if s > 999999 {
					c.add(renderInt(s), "segment", maxValue(999999))
				}
			}
		}},
		member{"select", func() { c.checkEnum(string(in.Select), "select", enumSelect...) }},
		member{"totalSegments", func() {
			if in.TotalSegments != nil {
				if n := int64(*in.TotalSegments); n < 1 {
					c.add(renderInt(n), "totalSegments", minValue(1))
				} else if n > 1000000 {
					c.add(renderInt(n), "totalSegments", maxValue(1000000))
				}
			}
		}},
	)
	if err := c.err(); err != nil {
		return err
	}
	if err := legacyMix(
		[]string{"ScanFilter", "AttributesToGet"},
		[]bool{in.ScanFilter != nil, in.AttributesToGet != nil},
		[]string{"FilterExpression", "ProjectionExpression"},
		[]bool{in.FilterExpression != nil, in.ProjectionExpression != nil},
	); err != nil {
		return err
	}
	if in.ExpressionAttributeNames != nil && in.FilterExpression == nil && in.ProjectionExpression == nil {
		return apierr.Validation("ExpressionAttributeNames can only be specified when using expressions")
	}
	if in.ExpressionAttributeValues != nil && in.FilterExpression == nil {
		return apierr.Validation("ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null")
	}
	if in.ConditionalOperator != "" && in.ScanFilter == nil {
		return errConditionalOperator
	}
	switch {
	case in.Segment != nil && in.TotalSegments == nil:
		return apierr.Validation("The TotalSegments parameter is required but was not present in the request when Segment parameter is present")
	case in.Segment == nil && in.TotalSegments != nil:
		return apierr.Validation("The Segment parameter is required but was not present in the request when parameter TotalSegments is present")
	case in.Segment != nil && *in.Segment >= *in.TotalSegments:
		return apierr.Validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: " +
			strconv.Itoa(int(*in.Segment)) + " is not less than TotalSegments: " + strconv.Itoa(int(*in.TotalSegments)))
	}
	if err := selectRules(in.Select, in.ProjectionExpression != nil, in.AttributesToGet != nil, in.IndexName != nil); err != nil {
		return err
	}
	if err := legacyConditions(in.ScanFilter); err != nil {
		return err
	}
	if err := checkKeyValues(in.ExclusiveStartKey); err != nil {
		return err
	}
	return expressions(in.ExpressionAttributeNames, in.ExpressionAttributeValues,
		expression{"FilterExpression", in.FilterExpression},
		expression{"ProjectionExpression", in.ProjectionExpression})
}

var errConditionalOperator = apierr.Validation("ConditionalOperator cannot be used without Filter or Expected")

// attributesToGet checks the list's model constraints (1 to 255 names).
func (c *collector) attributesToGet(a []string) {
	if a == nil {
		return
	}
	if len(a) < 1 {
		c.add(renderStrings(a), "attributesToGet", minLen(1))
	} else if len(a) > 255 {
		c.add(renderStrings(a), "attributesToGet", maxLen(255))
	}
}

// conditionsModel checks the comparison operators of a legacy condition map
// (KeyConditions, QueryFilter, ScanFilter).
func (c *collector) conditionsModel(conds map[string]types.Condition, path string) {
	for _, name := range sortedKeys(conds) {
		c.checkEnum(string(conds[name].ComparisonOperator), path+"."+name+".member.comparisonOperator", enumComparisonOperator...)
	}
}

// legacyMix rejects a request that uses legacy and expression parameters
// together, naming every one of each kind that it carries.
func legacyMix(legacyNames []string, legacy []bool, exprNames []string, exprs []bool) error {
	var l, e []string
	for i, set := range legacy {
		if set {
			l = append(l, legacyNames[i])
		}
	}
	for i, set := range exprs {
		if set {
			e = append(e, exprNames[i])
		}
	}
	if len(l) == 0 || len(e) == 0 {
		return nil
	}
	return apierr.Validation("Can not use both expression and non-expression parameters in the same request: " +
		"Non-expression parameters: {" + strings.Join(l, ", ") + "} Expression parameters: {" + strings.Join(e, ", ") + "}")
}

// selectRules checks Select against the projection parameters.
func selectRules(sel types.Select, hasProjection, hasAttributesToGet, hasIndex bool) error {
	switch sel {
	case types.SelectSpecificAttributes:
		if !hasProjection && !hasAttributesToGet {
			return apierr.Validation("Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES")
		}
	case types.SelectCount:
		if hasProjection {
			return apierr.Validation("Cannot specify the ProjectionExpression when choosing to get only the Count")
		}
		if hasAttributesToGet {
			return apierr.Validation("Cannot specify the AttributesToGet when choosing to get only the Count")
		}
	case types.SelectAllAttributes:
		if hasProjection {
			return apierr.Validation("Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES")
		}
		if hasAttributesToGet {
			return apierr.Validation("Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES")
		}
	case types.SelectAllProjectedAttributes:
		if !hasIndex {
			return apierr.Validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName")
		}
	}
	return nil
}

// legacyConditions checks the values of a legacy condition map, as
// expectedOne does for Expected.
func legacyConditions(conds map[string]types.Condition) error {
	for _, name := range sortedKeys(conds) {
		cond := conds[name]
		if err := expectedOne(name, types.ExpectedAttributeValue{
			ComparisonOperator: cond.ComparisonOperator,
			AttributeValueList: cond.AttributeValueList,
		}); err != nil {
			return err
		}
	}
	return nil
}

// checkKeyValues checks the attribute values of an ExclusiveStartKey.
func checkKeyValues(key map[string]types.AttributeValue) error {
	if key == nil {
		return nil
	}
	return checkItem(key)
}
