package wire

import (
	"errors"
	"net/http"
	"reflect"
	"sync"

	"github.com/aws/smithy-go"

	"github.com/dynabase/dynabase/engine/apierr"
)

// An error answer is HTTP 400 (500 for server faults) with a JSON body
//
//	{"__type":"<namespace>#<Code>","message":"..."}
//
// plus, for modeled errors, their other members (ConditionalCheckFailed's
// Item, TransactionCanceled's CancellationReasons). The SDKs take the code
// from the part of "__type" after '#', and read the message member in either
// casing, but DynamoDB is not consistent about that casing and clients that
// parse bodies themselves notice, so each code gets the casing DynamoDB uses.

// internalErrorMessage is what DynamoDB says for its own failures; nothing
// about the cause is sent to the client.
const internalErrorMessage = "Internal server error"

// capitalMessage lists the codes whose message member DynamoDB spells
// "Message". For modeled errors this follows the member name in DynamoDB's
// service model (TestMessageCasingMatchesModel keeps it in step with the SDK);
// SerializationException and AccessDeniedException are Coral-level errors
// whose casing was observed on the live service.
var capitalMessage = map[string]bool{
	"TransactionCanceledException":         true,
	"TransactionInProgressException":       true,
	"IdempotentParameterMismatchException": true,
	"InvalidEndpointException":             true,
	apierr.CodeSerialization:               true,
	apierr.CodeAccessDenied:                true,
}

// messageKey returns the JSON member name for the message of an error code.
func messageKey(code string) string {
	if capitalMessage[code] {
		return `"Message":`
	}
	return `"message":`
}

// statusFor is the HTTP status DynamoDB uses for an error code.
func statusFor(code string, fault smithy.ErrorFault) int {
	switch code {
	case apierr.CodeInternalServerError, "InternalFailure":
		return http.StatusInternalServerError
	case "ServiceUnavailable", "ServiceUnavailableException":
		return http.StatusServiceUnavailable
	}
	if fault == smithy.FaultServer {
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}

// errorExtras caches, per modeled error type, the members written besides
// the code and message.
var errorExtras sync.Map // reflect.Type -> []encodeField

var errorSkip = map[string]bool{"Message": true, "ErrorCodeOverride": true}

func extraFields(t reflect.Type) []encodeField {
	if f, ok := errorExtras.Load(t); ok {
		return f.([]encodeField)
	}
	encodePlansMu.Lock()
	defer encodePlansMu.Unlock()
	building := make(map[reflect.Type]*encodePlan)
	fields := encodeFields(t, errorSkip, building)
	publishEncodePlans(building)
	errorExtras.Store(t, fields)
	return fields
}

// encodeError writes the body for err and returns its HTTP status. internal
// reports an error with no API code: a failure of the backend itself, which
// the caller logs and the client sees only as InternalServerError.
func encodeError(e *encoder, err error) (status int, internal bool) {
	var se *serializationError
	if errors.As(err, &se) {
		writeErrorHead(e, apierr.CodeSerialization, se.msg)
		e.buf = append(e.buf, '}')
		return http.StatusBadRequest, false
	}
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() == "" {
		writeErrorHead(e, apierr.CodeInternalServerError, internalErrorMessage)
		e.buf = append(e.buf, '}')
		return http.StatusInternalServerError, true
	}
	code := api.ErrorCode()
	writeErrorHead(e, code, api.ErrorMessage())
	// The SDK's modeled errors are pointers to structures in its types
	// package; anything else (smithy.GenericAPIError) has no extra members.
	if v := reflect.ValueOf(api); v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		if _, generic := api.(*smithy.GenericAPIError); !generic {
			e.fields(extraFields(v.Elem().Type()), v.Elem(), false)
		}
	}
	e.buf = append(e.buf, '}')
	return statusFor(code, api.ErrorFault()), false
}

// writeErrorHead writes `{"__type":"ns#Code"` and the message member, if any,
// leaving the object open.
func writeErrorHead(e *encoder, code, msg string) {
	e.buf = append(e.buf, `{"__type":`...)
	e.string(apierr.Namespace(code) + "#" + code)
	if msg != "" {
		e.buf = append(e.buf, ',')
		e.buf = append(e.buf, messageKey(code)...)
		e.string(msg)
	}
}

// Protocol errors answered by the handler itself.
var (
	errUnknownOperation = apierr.New(apierr.CodeUnknownOperation, "")
	errInternal         = errors.New("internal error")
)
