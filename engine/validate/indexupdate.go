package validate

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Messages of UpdateTable's GlobalSecondaryIndexUpdates, as DynamoDB Local
// words them (no AWS capture contradicts them).
const (
	MsgIndexExists        = "Attempting to create an index which already exists"
	MsgIndexKeyUndefined  = "No Attribute Schema Defined"
	MsgAttributeRedefined = "invalid attribute, SchemaElement redefined should be of same type as previously defined"
	MsgOneIndexAtATime    = "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"
	MsgIndexBeingCreated  = "Attempt to change a resource which is still in use: Index is being created."
	MsgIndexNotFound      = "Requested resource not found"
)

// CreateGlobalIndex checks a GSI Create action of UpdateTable against the
// table it would join: defs are the table's attribute definitions merged
// with the request's, existing the names of its current indexes (global
// and local), and payPerRequest its billing mode.
func CreateGlobalIndex(x *types.CreateGlobalSecondaryIndexAction, defs []types.AttributeDefinition, existing []string, gsis int, payPerRequest bool) error {
	name := aws.ToString(x.IndexName)
	for _, e := range existing {
		if e == name {
			return apierr.Validation(MsgIndexExists)
		}
	}
	defined := make(map[string]bool, len(defs))
	for _, d := range defs {
		defined[aws.ToString(d.AttributeName)] = true
	}
	for _, k := range x.KeySchema {
		if !defined[aws.ToString(k.AttributeName)] {
			return apierr.Validation(MsgIndexKeyUndefined)
		}
	}
	if err := checkKeyShape(x.KeySchema); err != nil {
		return err
	}
	if x.Projection == nil {
		return apierr.Validation(invalid + "Unknown ProjectionType: null")
	}
	if err := checkProjection(x.Projection); err != nil {
		return err
	}
	if err := checkIndexThroughput(name, x.ProvisionedThroughput, payPerRequest); err != nil {
		return err
	}
	if gsis >= maxGSIs {
		return apierr.Validation(invalid + "GlobalSecondaryIndex count exceeds the per-table limit of 20")
	}
	return nil
}
