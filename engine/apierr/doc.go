// Package apierr builds the errors the DynamoDB API returns, as the values the
// AWS SDK for Go v2 itself produces when it decodes them from the wire.
//
// Modeled errors are the SDK's own types (*types.ResourceNotFoundException,
// *types.ConditionalCheckFailedException, ...). Errors the SDK does not model
// (ValidationException, SerializationException, UnknownOperationException and
// the authentication errors) are *smithy.GenericAPIError values with DynamoDB's
// error code. Code above the engine therefore matches errors the same way
// whether it talks to the embedded engine or to DynamoDB over HTTP:
// errors.As for modeled types, smithy.APIError.ErrorCode for the rest.
//
// Namespace returns the "__type" prefix DynamoDB puts in front of each code on
// the wire.
package apierr
