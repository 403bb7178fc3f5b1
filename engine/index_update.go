package engine

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// updateGlobalIndexes applies UpdateTable's GlobalSecondaryIndexUpdates
// (Create, with the AttributeDefinitions a new index needs; Update; Delete)
// to t, after UpdateTable's request validation, and returns the table
// description UpdateTable answers with.
func (db *DB) updateGlobalIndexes(t *table, in *dynamodb.UpdateTableInput) (*types.TableDescription, error) {
	return nil, apierr.Validation("GlobalSecondaryIndexUpdates are not supported by this version of dynabase yet")
}
