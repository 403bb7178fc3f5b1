package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/client"
)

// TestGoSDKAgainstServerProcess drives a real server process with the Go SDK
// and retries disabled, using package client's transport. With the SDK's
// default HTTP client this fails within a few hundred calls with "use of
// closed network connection" (see client.HTTPClient); every call must
// succeed.
func TestGoSDKAgainstServerProcess(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	s := startServer(t, "--in-memory")
	c := client.Local(s.endpoint, func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 })
	ctx := context.Background()
	createHashTable(t, c, "race")
	payload := strings.Repeat("x", 6000) // over net/http's 4 KB write buffer
	for i := range 1500 {
		key := map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: fmt.Sprint(i % 20)}}
		if _, err := c.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("race"), Item: map[string]types.AttributeValue{
			"id": key["id"], "payload": &types.AttributeValueMemberS{Value: payload},
		}}); err != nil {
			t.Fatalf("PutItem %d: %v", i, err)
		}
		out, err := c.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("race"), Key: key})
		if err != nil || len(out.Item) != 2 {
			t.Fatalf("GetItem %d: %v", i, err)
		}
	}
}
