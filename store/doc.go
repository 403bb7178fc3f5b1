// Package store opens the DynamoDB API a connection string names, so that
// one setting moves a program between the embedded engine, any DynamoDB
// endpoint and Amazon DynamoDB without a change of code:
//
//	mem:                    the embedded engine, in memory (nothing survives exit)
//	file:./dynabase-data    the embedded engine, durable, in that directory
//	http://127.0.0.1:8000   any DynamoDB endpoint (dynabase serve, DynamoDB Local,
//	                        ScyllaDB Alternator); credentials from AWS_ACCESS_KEY_ID
//	                        and AWS_SECRET_ACCESS_KEY when set, fixed ones otherwise
//	aws:                    Amazon DynamoDB through the standard AWS configuration
//	aws:eu-west-1           (environment, shared files, roles), optionally in a region
//
// Both kinds of Store give the same API (the method set of aws-sdk-go-v2's
// *dynamodb.Client), which repo.Repository and the wire handler take.
package store
