// Package validate is DynamoDB's request validation: the same checks, in the
// same order, with the same messages, so that dynabase rejects a bad request
// exactly as Amazon DynamoDB does (which error, which message, and which of
// several problems is reported).
//
// Every function takes the SDK's input type and returns nil or an apierr
// ValidationException. None of them touches storage.
//
// # How the engine calls it
//
// DynamoDB validates in stages, and a request with problems in several
// stages reports the earliest. The engine must run the stages in this order
// and return the first error:
//
//	CreateTable:   validate.CreateTable(in)
//	               -> table exists? ResourceInUseException
//	                  "Table already exists: <name>" (MsgTableExistsFmt)
//	DescribeTable: validate.DescribeTable(in)
//	               -> lookup validate.TableName(*in.TableName); absent:
//	                  ResourceNotFoundException
//	                  "Requested resource not found: Table: <name> not found"
//	                  (MsgTableNotFoundFmt, <name> as given in the request)
//	DeleteTable:   validate.DeleteTable(in)
//	               -> lookup as DescribeTable (same not-found message)
//	               -> DeletionProtectionEnabled? ValidationException
//	                  MsgDeletionProtected
//	ListTables:    validate.ListTables(in)
//	PutItem:       size, err := validate.PutItem(in)
//	               -> lookup validate.TableName(*in.TableName); absent:
//	                  apierr.TableNotFound() ("Requested resource not found")
//	               -> validate.PutItemItem(table, in)
//	               -> expressions (engine/expr: parse, unused names/values),
//	                  then the condition against the stored item
//	GetItem:       validate.GetItem(in)
//	               -> lookup (apierr.TableNotFound() when absent)
//	               -> validate.Key(table, in.Key)
//	               -> ProjectionExpression (engine/expr)
//	DeleteItem:    validate.DeleteItem(in)
//	               -> lookup (apierr.TableNotFound() when absent)
//	               -> validate.DeleteItemKey(table, in)   (ReturnValues, then Key)
//	               -> expressions, then the condition
//
// So an oversized item, an empty set, an invalid number, an unknown enum
// value or a malformed Expected is reported even when the table does not
// exist, while a missing or mistyped key attribute is reported only for an
// existing table. The table passed to the post-lookup checks is the
// table's description; only KeySchema, AttributeDefinitions and the index
// key schemas are read.
//
// # Stages inside one call
//
// First the constraints of the API model (required members, lengths,
// ranges, patterns, enum values), all reported together by
// "N validation errors detected: ...; ..." (at most 10, in the order of
// Java's HashMap over the member names; see coral.go). CreateTable reports a
// missing TableName on its own first ("The parameter 'TableName' is required
// but was not present in the request"), as do DescribeTable and
// DeleteTable; the item operations report it as "Value null at 'tableName'
// failed to satisfy constraint: Member must not be null".
//
// Then the operation's own rules, first failure only:
//
//	PutItem:    mixing expression and legacy parameters; each item attribute
//	            (value.CheckValue, attributes in name order); ReturnValues
//	            NONE/ALL_OLD; item size (value.ItemSize > 409,600); Expected;
//	            ExpressionAttributeNames/Values shape; empty expressions.
//	GetItem:    mixing ProjectionExpression and AttributesToGet; each key
//	            attribute value; duplicate AttributesToGet; names shape;
//	            empty ProjectionExpression.
//	DeleteItem: as PutItem without item and ReturnValues.
//	CreateTable: table class; billing mode against ProvisionedThroughput;
//	            capacity bounds; duplicate attribute definitions; key schema
//	            against definitions, then its shape (HASH first, RANGE second);
//	            unused definitions; LSIs; GSIs; unused definitions with
//	            indexes; streams; server-side encryption; tags.
//
// # Which DynamoDB
//
// The messages are those of the regions still on DynamoDB's Coral
// validation as of the AWS-verified conformance suite of May 2026
// (nubo-db/dynamodb-conformance). From June 2026 AWS has been rolling out a
// new validation framework region by region that rewords some of these
// ("Value at 'TableName' failed to satisfy constraint: ...", a
// "1 validation error detected: " prefix on PutItem's semantic errors, and
// reporting only the first enum violation); the constraint formatting is
// kept in one place (coral.go) so the engine can follow when the rollout
// settles.
package validate
