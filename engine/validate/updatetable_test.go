package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// TestUpdateTablePairs checks which two kinds of change one UpdateTable may
// carry, and the message when it may not: Amazon DynamoDB's matrix
// (ack-api-quirks DDB-TABLE-174, -382, -433).
func TestUpdateTablePairs(t *testing.T) {
	pt := func() *types.ProvisionedThroughput {
		return &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
	}
	index := func(u types.GlobalSecondaryIndexUpdate) func(*dynamodb.UpdateTableInput) {
		return func(in *dynamodb.UpdateTableInput) {
			in.GlobalSecondaryIndexUpdates = append(in.GlobalSecondaryIndexUpdates, u)
		}
	}
	members := map[string]func(*dynamodb.UpdateTableInput){
		"throughput": func(in *dynamodb.UpdateTableInput) { in.ProvisionedThroughput = pt() },
		"ondemand":   func(in *dynamodb.UpdateTableInput) { in.BillingMode = types.BillingModePayPerRequest },
		"provisioned": func(in *dynamodb.UpdateTableInput) {
			in.BillingMode = types.BillingModeProvisioned
			in.ProvisionedThroughput = pt()
		},
		"stream": func(in *dynamodb.UpdateTableInput) {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}
		},
		"sse": func(in *dynamodb.UpdateTableInput) {
			in.SSESpecification = &types.SSESpecification{Enabled: aws.Bool(true)}
		},
		"protection": func(in *dynamodb.UpdateTableInput) { in.DeletionProtectionEnabled = aws.Bool(true) },
		"class":      func(in *dynamodb.UpdateTableInput) { in.TableClass = types.TableClassStandard },
		"update": index(types.GlobalSecondaryIndexUpdate{Update: &types.UpdateGlobalSecondaryIndexAction{
			IndexName: aws.String("idx_u"), ProvisionedThroughput: pt()}}),
		"create": index(types.GlobalSecondaryIndexUpdate{Create: &types.CreateGlobalSecondaryIndexAction{
			IndexName: aws.String("idx_c"), KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("a"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}}),
		"delete": index(types.GlobalSecondaryIndexUpdate{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("idx_d")}}),
	}
	const (
		ok          = ""
		sse         = "Server-Side Encryption modification must be the only operation in the request"
		class       = "TableClass modification must be the only operation in the request"
		protection  = "DeletionProtection modification must be the only operation in the request"
		streamIOPS  = "You cannot modify stream status while updating table IOPS"
		indexIOPS   = "You cannot create or delete index while updating table IOPS"
		indexStream = "You cannot create or delete index while changing stream status"
		ptOnDemand  = "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST"
	)
	// want[a+"+"+b], for a before b in this order: throughput, ondemand,
	// provisioned, stream, sse, protection, class, update, create, delete.
	want := map[string]string{
		"throughput+ondemand": ptOnDemand, "throughput+stream": streamIOPS, "throughput+sse": sse,
		"throughput+protection": protection, "throughput+class": class, "throughput+update": ok,
		"throughput+create": indexIOPS, "throughput+delete": indexIOPS,
		"ondemand+stream": ok, "ondemand+sse": sse, "ondemand+protection": protection, "ondemand+class": class,
		"ondemand+update": ok, "ondemand+create": ok, "ondemand+delete": ok,
		"provisioned+stream": streamIOPS, "provisioned+sse": sse, "provisioned+protection": protection,
		"provisioned+class": class, "provisioned+update": ok, "provisioned+create": indexIOPS, "provisioned+delete": indexIOPS,
		"stream+sse": sse, "stream+protection": protection, "stream+class": class, "stream+update": ok,
		"stream+create": indexStream, "stream+delete": indexStream,
		"sse+protection": sse, "sse+class": sse, "sse+update": sse, "sse+create": sse, "sse+delete": sse,
		"protection+class": class, "protection+update": protection, "protection+create": protection, "protection+delete": protection,
		"class+update": class, "class+create": class, "class+delete": class,
		// Several index actions are the index code's to judge.
		"update+create": ok, "update+delete": ok, "create+delete": ok,
	}
	order := []string{"throughput", "ondemand", "provisioned", "stream", "sse", "protection", "class", "update", "create", "delete"}
	for _, a := range order {
		in := &dynamodb.UpdateTableInput{TableName: aws.String("tab")}
		members[a](in)
		if err := UpdateTable(in); err != nil {
			t.Errorf("%s alone: %v", a, err)
		}
	}
	for i, a := range order {
		for _, b := range order[i+1:] {
			if a == "ondemand" && b == "provisioned" || a == "throughput" && b == "provisioned" {
				continue // not a pair of changes
			}
			in := &dynamodb.UpdateTableInput{TableName: aws.String("tab")}
			members[a](in)
			members[b](in)
			w, listed := want[a+"+"+b]
			if !listed {
				t.Fatalf("no expectation for %s+%s", a, b)
			}
			err := UpdateTable(in)
			_, msg := apierr.Code(err)
			switch {
			case w == ok && err != nil:
				t.Errorf("%s+%s: %v, want accepted", a, b, err)
			case w != ok && msg != invalid+w:
				t.Errorf("%s+%s: %q, want %q", a, b, msg, invalid+w)
			}
		}
	}
}

func TestUpdateTableNothingToUpdate(t *testing.T) {
	full := "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, " +
		"ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, " +
		"OnDemandThroughput, WarmThroughput or TableClass is required"
	for _, tt := range []struct {
		in   dynamodb.UpdateTableInput
		want string
	}{
		{dynamodb.UpdateTableInput{TableName: aws.String("tab")}, full},
		{dynamodb.UpdateTableInput{TableName: aws.String("tab"), GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{}}, full},
		{dynamodb.UpdateTableInput{TableName: aws.String("tab"), MultiRegionConsistency: types.MultiRegionConsistencyStrong},
			strings.Replace(full, "MultiRegionConsistency, ", "", 1)},
	} {
		_, msg := apierr.Code(UpdateTable(&tt.in))
		if msg != tt.want {
			t.Errorf("%+v:\n got %q\nwant %q", tt.in, msg, tt.want)
		}
	}
}

func TestUpdateTableName(t *testing.T) {
	for _, tt := range []struct {
		name string
		want string // "" for accepted
	}{
		{"abc", ""},
		{"arn:aws:dynamodb:us-east-1:000000000000:table/abc", ""},
		{"ab", "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"},
		{"arn:" + strings.Repeat("a", 1020), ""},
		{"arn:" + strings.Repeat("a", 1021), "1 validation error detected: Value 'arn:" + strings.Repeat("a", 1021) +
			"' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 1024"},
	} {
		err := UpdateTable(&dynamodb.UpdateTableInput{TableName: aws.String(tt.name), BillingMode: types.BillingModePayPerRequest})
		_, msg := apierr.Code(err)
		if msg != tt.want {
			t.Errorf("%.40s: %q, want %q", tt.name, msg, tt.want)
		}
	}
}
