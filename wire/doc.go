// Package wire serves Amazon DynamoDB's HTTP protocol (JSON 1.0, as every
// AWS SDK, the AWS CLI and boto3 speak it) in front of anything with the
// method set of the AWS SDK for Go v2's *dynamodb.Client: the embedded
// engine, or a real DynamoDB client.
//
//	h := wire.NewHandler(db, wire.Options{})
//	http.ListenAndServe("127.0.0.1:8000", h)
//
// # Requests
//
// A request is POST / with X-Amz-Target: DynamoDB_20120810.<Operation> and a
// JSON body whose members are the SDK input structure's field names. The
// handler checks it in the order DynamoDB does, so a request with several
// problems gets DynamoDB's answer for the first:
//
//  1. a body over Options.MaxBodyBytes (16 MiB): 413, no body;
//  2. GET: 200 "healthy: <host> "; a method other than POST, or a body that
//     is not application/json or application/x-amz-json-1.0: 404
//     "<UnknownOperationException/>";
//  3. a body that is not JSON: SerializationException with no message;
//  4. a missing or foreign target, or an operation not served:
//     UnknownOperationException;
//  5. the signature (see below);
//  6. an empty body: SerializationException;
//  7. a member of the wrong JSON type: SerializationException with
//     DynamoDB's message ("NUMBER_VALUE cannot be converted to String",
//     "Unexpected field type", ...);
//  8. whatever the backend answers.
//
// Decoding follows DynamoDB's deserializer: unknown members are ignored,
// JSON null is an absent member, and booleans also accept "true"/"1"/"yes".
// Attribute values decode to the SDK's union types; an attribute value with
// no member decodes to nil, and one with several members to a
// *types.UnknownUnionMember whose Tag lists them ("S,N"), so that the
// backend, which knows where the value sits, can answer with DynamoDB's
// ValidationException for each case.
//
// # Responses
//
// Outputs are encoded from the SDK output structures: nil members are
// left out, empty lists and maps are sent, numbers with fractions and
// timestamps are written as Java writes doubles (1.0, 1.709219219557E9).
// Every response carries x-amzn-RequestId (52 characters, A-Z0-9) and
// x-amz-crc32, the CRC-32 of the body bytes as sent; a client that sends
// Accept-Encoding: gzip gets a gzipped body, and the CRC covers the
// compressed bytes, which is what the SDKs verify. The Content-Type is the
// one the request used.
//
// Errors are HTTP 400 with {"__type":"<namespace>#<Code>","message":"..."}:
// the namespace is DynamoDB's for each code (engine/apierr.Namespace), the
// message member is spelt "Message" for the codes DynamoDB spells so
// (SerializationException, TransactionCanceledException, ...), and modeled
// errors carry their other members (ConditionalCheckFailedException's Item,
// TransactionCanceledException's CancellationReasons). An error with no API
// code, or a panic, is logged and answered with HTTP 500 InternalServerError
// "Internal server error", with nothing of the cause.
//
// # Authentication
//
// Every request must carry an AWS Signature Version 4, in the Authorization
// header or in the query string (presigned). With Options.Credentials empty,
// any well-formed signature is accepted, as DynamoDB Local accepts any; with
// credentials (LoadCredentials reads them from a file), the signature is
// verified: the access key must be known (UnrecognizedClientException), the
// scope must be for dynamodb on the request's date, the date within 15
// minutes of now, and the signature must match the one computed over the
// headers the client signed (InvalidSignatureException). Any region is
// accepted.
//
// # Adding operations
//
// The codec is generic over SDK types: serving another operation is one line
// in operations (operations.go) and its method in Backend.
package wire
