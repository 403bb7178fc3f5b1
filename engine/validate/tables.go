package validate

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Messages of the table operations that the engine itself returns, after
// validation, so that every operation words them the same way.
const (
	// MsgTableNotFoundFmt is DescribeTable's and DeleteTable's
	// ResourceNotFoundException for an absent table; %s is the name as given
	// in the request. (The item operations say only "Requested resource not
	// found", apierr.TableNotFound.)
	MsgTableNotFoundFmt = "Requested resource not found: Table: %s not found"
	// MsgTableExistsFmt is CreateTable's ResourceInUseException.
	MsgTableExistsFmt = "Table already exists: %s"
	// MsgDeletionProtected is DeleteTable's ValidationException for a table
	// with DeletionProtectionEnabled.
	MsgDeletionProtected = "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first."
)

var errTableNameRequired = apierr.Validation("The parameter 'TableName' is required but was not present in the request")

// DescribeTable checks a DescribeTable request. The table reference may be a
// name or an ARN; resolve it with TableName.
func DescribeTable(in *dynamodb.DescribeTableInput) error {
	return tableRef(in.TableName)
}

// DeleteTable checks a DeleteTable request. The table reference may be a
// name or an ARN; resolve it with TableName.
func DeleteTable(in *dynamodb.DeleteTableInput) error {
	return tableRef(in.TableName)
}

func tableRef(name *string) error {
	if name == nil {
		return errTableNameRequired
	}
	var c collector
	c.checkTableRef(name, "tableName")
	return c.err()
}

// ListTables checks a ListTables request: Limit 1 to 100 and a well-formed
// ExclusiveStartTableName (which need not name an existing table).
func ListTables(in *dynamodb.ListTablesInput) error {
	var c collector
	c.structure(
		member{"exclusiveStartTableName", func() { c.checkName(in.ExclusiveStartTableName, "exclusiveStartTableName", false) }},
		member{"limit", func() {
			if in.Limit == nil {
				return
			}
			if l := int64(*in.Limit); l < 1 {
				c.add(renderInt(l), "limit", minValue(1))
			} else if l > 100 {
				c.add(renderInt(l), "limit", maxValue(100))
			}
		}},
	)
	return c.err()
}
