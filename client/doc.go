// Package client builds AWS SDK for Go v2 DynamoDB clients for dynabase
// servers and other DynamoDB endpoints.
//
// Its transport works around a client-side race that any fast, nearby
// DynamoDB endpoint exposes in aws-sdk-go-v2 (see HTTPClient): with the
// SDK's default HTTP client, a Go program talking to `dynabase serve` on
// loopback sees occasional "use of closed network connection" errors, which
// the SDK's retryer turns into pauses of up to two seconds.
package client
