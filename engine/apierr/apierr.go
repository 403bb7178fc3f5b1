package apierr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// Error codes DynamoDB returns that the SDK does not model as types.
const (
	CodeValidation              = "ValidationException"
	CodeSerialization           = "SerializationException"
	CodeUnknownOperation        = "UnknownOperationException"
	CodeMissingAuthToken        = "MissingAuthenticationTokenException"
	CodeUnrecognizedClient      = "UnrecognizedClientException"
	CodeInvalidSignature        = "InvalidSignatureException"
	CodeIncompleteSignature     = "IncompleteSignatureException"
	CodeInternalServerError     = "InternalServerError"
	CodeRequestEntityTooLarge   = "RequestEntityTooLarge"
	CodeAccessDenied            = "AccessDeniedException"
	CodeResourceNotFound        = "ResourceNotFoundException"
	CodeResourceInUse           = "ResourceInUseException"
	CodeConditionalCheckFailed  = "ConditionalCheckFailedException"
	CodeLimitExceeded           = "LimitExceededException"
	CodeTransactionCanceled     = "TransactionCanceledException"
	CodeTransactionConflict     = "TransactionConflictException"
	CodeIdempotentParamMismatch = "IdempotentParameterMismatchException"
)

// Validation returns DynamoDB's ValidationException with the given message.
func Validation(msg string) error {
	return &smithy.GenericAPIError{Code: CodeValidation, Message: msg, Fault: smithy.FaultClient}
}

// Validationf is Validation with a format string.
func Validationf(format string, args ...any) error {
	return Validation(fmt.Sprintf(format, args...))
}

// Serialization returns DynamoDB's SerializationException: the request body is
// not JSON, or a member has the wrong JSON type.
func Serialization(msg string) error {
	return &smithy.GenericAPIError{Code: CodeSerialization, Message: msg, Fault: smithy.FaultClient}
}

// New returns an unmodeled API error with an arbitrary code, for the protocol
// errors (UnknownOperationException, MissingAuthenticationTokenException, ...).
func New(code, msg string) error {
	fault := smithy.FaultClient
	if code == CodeInternalServerError {
		fault = smithy.FaultServer
	}
	return &smithy.GenericAPIError{Code: code, Message: msg, Fault: fault}
}

// ResourceNotFound is what DynamoDB answers for a table that does not exist.
func ResourceNotFound(msg string) error {
	return &types.ResourceNotFoundException{Message: &msg}
}

// TableNotFound is DynamoDB's answer when a data-plane operation names an
// absent table. Amazon DynamoDB says "Requested resource not found"; the
// table name is not echoed.
func TableNotFound() error {
	return ResourceNotFound("Requested resource not found")
}

// ResourceInUse is returned when a table already exists or is being changed.
func ResourceInUse(msg string) error {
	return &types.ResourceInUseException{Message: &msg}
}

// ConditionalCheckFailed is returned when a condition on a write is false.
// item is the stored item when the request asked for it with
// ReturnValuesOnConditionCheckFailure=ALL_OLD, else nil.
func ConditionalCheckFailed(item map[string]types.AttributeValue) error {
	msg := "The conditional request failed"
	return &types.ConditionalCheckFailedException{Message: &msg, Item: item}
}

// LimitExceeded is returned when too many tables are being created at once or
// an account limit is hit.
func LimitExceeded(msg string) error {
	return &types.LimitExceededException{Message: &msg}
}

// Code returns the DynamoDB error code of err ("ValidationException", ...) and
// its message, or "" when err is not an API error.
func Code(err error) (code, message string) {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode(), api.ErrorMessage()
	}
	return "", ""
}

// IsValidation reports whether err is a ValidationException.
func IsValidation(err error) bool {
	c, _ := Code(err)
	return c == CodeValidation
}

// Namespace returns the prefix DynamoDB puts before code in the "__type"
// member of an error body: the Coral framework's namespaces for protocol and
// validation errors, the DynamoDB service namespace for the rest.
func Namespace(code string) string {
	switch code {
	case CodeValidation:
		return "com.amazon.coral.validate"
	case CodeSerialization, CodeUnknownOperation, CodeMissingAuthToken,
		CodeUnrecognizedClient, CodeInvalidSignature, CodeIncompleteSignature,
		CodeAccessDenied, CodeRequestEntityTooLarge:
		return "com.amazon.coral.service"
	default:
		return "com.amazonaws.dynamodb.v20120810"
	}
}

// TransactionCanceled is returned when a transaction's actions fail:
// reasons holds one entry per action, in order (Code "None" for the
// actions that did not fail), and the message lists their codes as
// DynamoDB does.
func TransactionCanceled(reasons []types.CancellationReason) error {
	codes := make([]string, len(reasons))
	for i, r := range reasons {
		codes[i] = aws.ToString(r.Code)
	}
	msg := "Transaction cancelled, please refer cancellation reasons for specific reasons [" + strings.Join(codes, ", ") + "]"
	return &types.TransactionCanceledException{Message: &msg, CancellationReasons: reasons}
}

// IdempotentParameterMismatch is returned when a ClientRequestToken is
// reused with a different request. Its message is empty, as DynamoDB
// Local's is (Amazon DynamoDB's wording has not been seen).
func IdempotentParameterMismatch() error {
	msg := ""
	return &types.IdempotentParameterMismatchException{Message: &msg}
}
