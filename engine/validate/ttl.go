package validate

import (
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Time to Live.
//
// Both operations take a table name or ARN (the API reference: "You can
// also provide the Amazon Resource Name (ARN) of the table"), checked as the
// other operations on an existing table check it (checkTableRef), and both
// report a missing TableName in words before the model constraints, as
// DescribeTable does (mhart/dynalite test/updateTimeToLive.js and
// test/describeTimeToLive.js, recorded against DynamoDB).
//
// UpdateTimeToLive's TimeToLiveSpecification is required, and so are both
// of its members (dynalite: "Value null at
// 'timeToLiveSpecification.enabled' ..." and "... 'attributeName' ...",
// reported together). Coral's model of AttributeName has a maximum length
// of 255 but no minimum: an empty name passes the model and is refused by
// the operation itself with "TimeToLiveSpecification.AttributeName must be
// non empty" (dynalite's recording), still before the table is looked up.
//
// After these, the engine looks the table up (ResourceNotFoundException,
// MsgTableNotFoundFmt) and then applies the state rules (the Msg* constants
// below).

// Messages of UpdateTimeToLive's state rules, which the engine checks after
// the table lookup. All are ValidationExceptions.
const (
	// MsgTTLAlreadyEnabled: enabling TTL on the attribute it is already
	// enabled on.
	MsgTTLAlreadyEnabled = "TimeToLive is already enabled"
	// MsgTTLAlreadyDisabled: disabling TTL that is not enabled, whatever the
	// attribute named.
	MsgTTLAlreadyDisabled = "TimeToLive is already disabled"
	// MsgTTLOtherAttributeFmt: enabling or disabling TTL with another
	// attribute than the one it is enabled on; %s is that attribute.
	MsgTTLOtherAttributeFmt = "TimeToLive is active on a different AttributeName: current AttributeName is %s"
)

// maxTTLAttributeName is the model's maximum length of
// TimeToLiveSpecification.AttributeName.
const maxTTLAttributeName = 255

// DescribeTimeToLive checks a DescribeTimeToLive request. The table
// reference may be a name or an ARN; resolve it with TableName.
func DescribeTimeToLive(in *dynamodb.DescribeTimeToLiveInput) error {
	return tableRef(in.TableName)
}

// UpdateTimeToLive checks an UpdateTimeToLive request: everything that does
// not depend on the table. On success in.TimeToLiveSpecification and both
// of its members are set.
func UpdateTimeToLive(in *dynamodb.UpdateTimeToLiveInput) error {
	if in.TableName == nil {
		return errTableNameRequired
	}
	var c collector
	c.structure(
		member{"tableName", func() { c.checkTableRef(in.TableName, "tableName") }},
		member{"timeToLiveSpecification", func() {
			spec := in.TimeToLiveSpecification
			if spec == nil {
				c.add(null, "timeToLiveSpecification", notNull)
				return
			}
			c.structure(
				member{"attributeName", func() {
					const path = "timeToLiveSpecification.attributeName"
					switch {
					case spec.AttributeName == nil:
						c.add(null, path, notNull)
					case javaLen(*spec.AttributeName) > maxTTLAttributeName:
						c.add(quote(*spec.AttributeName), path, maxLen(maxTTLAttributeName))
					}
				}},
				member{"enabled", func() {
					if spec.Enabled == nil {
						c.add(null, "timeToLiveSpecification.enabled", notNull)
					}
				}},
			)
		}},
	)
	if err := c.err(); err != nil {
		return err
	}
	if *in.TimeToLiveSpecification.AttributeName == "" {
		return apierr.Validation("TimeToLiveSpecification.AttributeName must be non empty")
	}
	return nil
}
