// Package compat is dynabase's differential test suite against Amazon
// DynamoDB.
//
// Each file in testdata is a sequence of requests, each followed by the
// answer Amazon DynamoDB gives to it, in the style of cockroachdb/pebble's
// data-driven tests:
//
//	# PutItem to a table that does not exist.
//	request PutItem
//	{"TableName":"missing","Item":{"id":{"S":"a"}}}
//	----
//	400 ResourceNotFoundException: Requested resource not found
//	---- dynamodb-local differs
//	400 ResourceNotFoundException: Cannot do operations on a non-existent table
//
// An answer is compared as one line: HTTP status, error type (the part of
// "__type" after '#') and message for errors; status and canonical JSON
// (sorted keys, volatile members such as CreationDateTime as "*", members
// named by the request's ignore= argument removed) for successes. Bodies
// and answers may use {{repeat N}}text{{end}} for large values.
//
// TestDifferential runs every file in order against a fresh in-process
// dynabase (engine.Open in memory behind wire.NewHandler), which must give
// Amazon DynamoDB's answers. With $DYNABASE_REFERENCE_ENDPOINT set it also
// runs them against that endpoint, normally Amazon DynamoDB Local, which
// must give the "dynamodb-local differs" answer where a case has one and
// Amazon DynamoDB's otherwise; -record rewrites those expected answers from
// the endpoint. Every differs block is annotated with the evidence for
// Amazon DynamoDB's answer. See README.md.
package compat
