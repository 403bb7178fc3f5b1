package engine

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/dynabase/dynabase/engine/apierr"
)

// These tests are inside the package so that they can set the clock: the
// answers carry times, and the decrease allowance depends on the UTC day.

// utClock is a settable clock, safe for concurrent use.
type utClock struct{ ns atomic.Int64 }

func (c *utClock) now() time.Time      { return time.Unix(0, c.ns.Load()).UTC() }
func (c *utClock) set(t time.Time)     { c.ns.Store(t.UnixNano()) }
func (c *utClock) add(d time.Duration) { c.ns.Add(int64(d)) }

var utStart = time.Date(2026, 3, 10, 9, 30, 0, 0, time.UTC)

// utOpen opens a database in dir ("" for memory) on clock c.
func utOpen(t *testing.T, dir string, c *utClock) *DB {
	t.Helper()
	db, err := Open(Options{Dir: dir, InMemory: dir == "", TTLInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	db.now = c.now
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func utKey(name string) ([]types.AttributeDefinition, []types.KeySchemaElement) {
	return []types.AttributeDefinition{{AttributeName: aws.String(name), AttributeType: types.ScalarAttributeTypeS}},
		[]types.KeySchemaElement{{AttributeName: aws.String(name), KeyType: types.KeyTypeHash}}
}

// utCreate creates a table with hash key "id": provisioned with r/w
// capacity units, or on-demand when r is 0.
func utCreate(t *testing.T, db *DB, name string, r, w int64) {
	t.Helper()
	defs, ks := utKey("id")
	in := &dynamodb.CreateTableInput{TableName: aws.String(name), AttributeDefinitions: defs, KeySchema: ks}
	if r == 0 {
		in.BillingMode = types.BillingModePayPerRequest
	} else {
		in.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(r), WriteCapacityUnits: aws.Int64(w)}
	}
	if _, err := db.CreateTable(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

// utCreateWithIndex creates an on-demand table with hash key "id" and a
// global index "byG" on "g".
func utCreateWithIndex(t *testing.T, db *DB, name string) {
	t.Helper()
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema:   []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode: types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("byG"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func utDescribe(t *testing.T, db *DB, name string) *types.TableDescription {
	t.Helper()
	out, err := db.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return out.Table
}

func utUpdate(t *testing.T, db *DB, in *dynamodb.UpdateTableInput) *types.TableDescription {
	t.Helper()
	out, err := db.UpdateTable(context.Background(), in)
	if err != nil {
		t.Fatalf("UpdateTable: %v", err)
	}
	return out.TableDescription
}

func utPT(r, w int64) *types.ProvisionedThroughput {
	return &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(r), WriteCapacityUnits: aws.Int64(w)}
}

// utWantErr checks err's code and message (a prefix ending in "..." is
// compared as a prefix).
func utWantErr(t *testing.T, err error, code, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s: %s", code, msg)
	}
	gotCode, gotMsg := apierr.Code(err)
	ok := gotCode == code && gotMsg == msg
	if p, isPrefix := strings.CutSuffix(msg, "..."); isPrefix {
		ok = gotCode == code && strings.HasPrefix(gotMsg, p)
	}
	if !ok {
		t.Fatalf("error %s: %q\nwant  %s: %q", gotCode, gotMsg, code, msg)
	}
}

func utThroughput(d *types.TableDescription) (r, w, decreases int64) {
	pt := d.ProvisionedThroughput
	return aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits), aws.ToInt64(pt.NumberOfDecreasesToday)
}

const nothingToUpdate = "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates, SSESpecification, " +
	"ReplicaUpdates, MultiAccountReplicaReady, ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, " +
	"WarmThroughput or TableClass is required"

// TestUpdateTableRefusals covers the refusals, in particular those the
// differential suite (compat/testdata/updatetable.txt) cannot: table ARNs,
// members dynabase does not implement, and rules DynamoDB Local does not
// have.
func TestUpdateTableRefusals(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 5, 5)
	utCreate(t, db, "updppr", 0, 0)
	utCreateWithIndex(t, db, "updidx")
	arn := aws.ToString(utDescribe(t, db, "updprov").TableArn)

	const invalid = "One or more parameter values were invalid: "
	tests := []struct {
		name      string
		in        dynamodb.UpdateTableInput
		code, msg string
	}{
		{"no name", dynamodb.UpdateTableInput{BillingMode: types.BillingModePayPerRequest},
			apierr.CodeValidation, "The parameter 'TableName' is required but was not present in the request"},
		{"nothing", dynamodb.UpdateTableInput{TableName: aws.String("updprov")}, apierr.CodeValidation, nothingToUpdate},
		{"long ARN", dynamodb.UpdateTableInput{TableName: aws.String("arn:" + strings.Repeat("x", 1021)), BillingMode: types.BillingModePayPerRequest},
			apierr.CodeValidation, "1 validation error detected: Value 'arn:" + strings.Repeat("x", 1021) + "' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 1024"},
		{"missing by ARN", dynamodb.UpdateTableInput{TableName: aws.String(strings.Replace(arn, "updprov", "updnone", 1)), BillingMode: types.BillingModePayPerRequest},
			apierr.CodeResourceNotFound, "Requested resource not found: Table: " + strings.Replace(arn, "updprov", "updnone", 1) + " not found"},
		{"empty replica updates", dynamodb.UpdateTableInput{TableName: aws.String("updprov"), ReplicaUpdates: []types.ReplicationGroupUpdate{}},
			apierr.CodeValidation, "1 validation error detected: Value '[]' at 'replicaUpdates' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{"null stream flag", dynamodb.UpdateTableInput{TableName: aws.String("updprov"), StreamSpecification: &types.StreamSpecification{}},
			apierr.CodeValidation, "1 validation error detected: Value null at 'streamSpecification.streamEnabled' failed to satisfy constraint: Member must not be null"},
		{"index create without key and projection", dynamodb.UpdateTableInput{TableName: aws.String("updidx"),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{IndexName: aws.String("new")}}}},
			apierr.CodeValidation, "2 validation errors detected: ..."},
		{"index delete without name", dynamodb.UpdateTableInput{TableName: aws.String("updidx"),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{}}}},
			apierr.CodeValidation, "1 validation error detected: Value null at 'globalSecondaryIndexUpdates.1.member.delete.indexName' failed to satisfy constraint: Member must not be null"},
		{"warm with index create", dynamodb.UpdateTableInput{TableName: aws.String("updidx"), WarmThroughput: &types.WarmThroughput{ReadUnitsPerSecond: aws.Int64(13000)},
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: &types.CreateGlobalSecondaryIndexAction{IndexName: aws.String("new"),
				KeySchema: []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}}, Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll}}}}},
			apierr.CodeValidation, invalid + "Create global secondary index cannot be specified when updating WarmThroughput"},
		{"warm with billing", dynamodb.UpdateTableInput{TableName: aws.String("updppr"), WarmThroughput: &types.WarmThroughput{ReadUnitsPerSecond: aws.Int64(13000)}, BillingMode: types.BillingModePayPerRequest},
			apierr.CodeValidation, invalid + "WarmThroughput must be the only operation in the request"},
		{"on-demand limits with a stream", dynamodb.UpdateTableInput{TableName: aws.String("updppr"), OnDemandThroughput: &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(10)},
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}},
			apierr.CodeValidation, invalid + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request"},
		{"on-demand limits: not implemented", dynamodb.UpdateTableInput{TableName: aws.String("updppr"), OnDemandThroughput: &types.OnDemandThroughput{MaxReadRequestUnits: aws.Int64(10)},
			BillingMode: types.BillingModePayPerRequest},
			apierr.CodeValidation, "UpdateTable with OnDemandThroughput is not supported by this version of dynabase"},
		{"replicas: not implemented", dynamodb.UpdateTableInput{TableName: aws.String("updppr"), ReplicaUpdates: []types.ReplicationGroupUpdate{{}}},
			apierr.CodeValidation, "UpdateTable with ReplicaUpdates is not supported by this version of dynabase"},
		{"stream and switch to provisioned", dynamodb.UpdateTableInput{TableName: aws.String("updppr"), BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(1, 1),
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}},
			apierr.CodeValidation, invalid + "You cannot modify stream status while updating table IOPS"},
		{"index throughput with a switch to on-demand", dynamodb.UpdateTableInput{TableName: aws.String("updprov"), BillingMode: types.BillingModePayPerRequest,
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("byG"), ProvisionedThroughput: utPT(1, 1)}}}},
			apierr.CodeValidation, invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: byG when BillingMode is PAY_PER_REQUEST"},
		{"disable absent stream by ARN names the table", dynamodb.UpdateTableInput{TableName: aws.String(arn), StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}},
			apierr.CodeValidation, "Table has no stream to disable: TableName: updprov"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.UpdateTable(context.Background(), &tt.in)
			utWantErr(t, err, tt.code, tt.msg)
		})
	}
	// Nothing refused changed anything.
	if r, w, _ := utThroughput(utDescribe(t, db, "updprov")); r != 5 || w != 5 {
		t.Errorf("updprov throughput %d/%d after refusals, want 5/5", r, w)
	}
}

// TestUpdateTableByARN updates a table named by its ARN.
func TestUpdateTableByARN(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 5, 5)
	arn := utDescribe(t, db, "updprov").TableArn
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: arn, ProvisionedThroughput: utPT(6, 6)})
	if r, w, _ := utThroughput(utDescribe(t, db, "updprov")); r != 6 || w != 6 {
		t.Fatalf("throughput %d/%d, want 6/6", r, w)
	}
}

// TestUpdateTableThroughput checks the answers and the stored state of
// capacity changes, and the daily allowance of decreases.
func TestUpdateTableThroughput(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 10, 10)
	name := aws.String("updprov")

	// An increase answers UPDATING with the old capacity and the new
	// increase time.
	ans := utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(20, 10)})
	if ans.TableStatus != types.TableStatusUpdating {
		t.Errorf("answer status %s, want UPDATING", ans.TableStatus)
	}
	if r, w, n := utThroughput(ans); r != 10 || w != 10 || n != 0 {
		t.Errorf("answer throughput %d/%d (%d decreases), want the old 10/10 (0)", r, w, n)
	}
	if got := ans.ProvisionedThroughput.LastIncreaseDateTime; got == nil || !got.Equal(utStart) {
		t.Errorf("answer LastIncreaseDateTime %v, want %v", got, utStart)
	}
	d := utDescribe(t, db, "updprov")
	if d.TableStatus != types.TableStatusActive {
		t.Errorf("described status %s, want ACTIVE", d.TableStatus)
	}
	if r, w, _ := utThroughput(d); r != 20 || w != 10 {
		t.Errorf("described throughput %d/%d, want 20/10", r, w)
	}
	if d.ProvisionedThroughput.LastDecreaseDateTime != nil {
		t.Errorf("LastDecreaseDateTime %v after an increase only", d.ProvisionedThroughput.LastDecreaseDateTime)
	}

	// Four decreases a day are free; the answer lags the count by one.
	for i := int64(0); i < 4; i++ {
		c.add(time.Minute)
		ans := utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(19-i, 10)})
		if _, _, n := utThroughput(ans); n != i {
			t.Errorf("decrease %d: answer counts %d decreases, want %d", i+1, n, i)
		}
		if _, _, n := utThroughput(utDescribe(t, db, "updprov")); n != i+1 {
			t.Errorf("decrease %d: described count %d, want %d", i+1, n, i+1)
		}
	}
	last := c.now()
	// An increase is still allowed.
	c.add(time.Minute)
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(16, 11)})
	// The fifth decrease waits an hour after the fourth; a mixed change
	// (one unit down) is a decrease.
	c.add(time.Minute)
	_, err := db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(15, 12)})
	utWantErr(t, err, apierr.CodeLimitExceeded, "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. "+
		"After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. "+
		"Number of decreases today: 4. Last decrease at Tuesday, March 10, 2026 at 9:34:00 AM Coordinated Universal Time. "+
		"Next decrease can be made at Tuesday, March 10, 2026 at 10:34:00 AM Coordinated Universal Time.")
	c.set(last.Add(time.Hour))
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(15, 12)})
	if _, _, n := utThroughput(utDescribe(t, db, "updprov")); n != 5 {
		t.Errorf("count %d after the hourly decrease, want 5", n)
	}
	c.add(time.Minute)
	_, err = db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(14, 12)})
	utWantErr(t, err, apierr.CodeLimitExceeded, "Subscriber limit exceeded: Provisioned throughput decreases are limited...")

	// Late in the day the next allowance is midnight, and the count starts
	// over then.
	c.set(time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC))
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(14, 12)})
	c.add(time.Minute)
	_, err = db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(13, 12)})
	utWantErr(t, err, apierr.CodeLimitExceeded, "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. "+
		"After the first 4 decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. "+
		"Number of decreases today: 6. Last decrease at Tuesday, March 10, 2026 at 11:30:00 PM Coordinated Universal Time. "+
		"Next decrease can be made at Wednesday, March 11, 2026 at 12:00:00 AM Coordinated Universal Time.")
	c.set(time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC))
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(13, 12)})
	if _, _, n := utThroughput(ans); n != 0 {
		t.Errorf("answer counts %d decreases on a new day, want 0", n)
	}
	if _, _, n := utThroughput(utDescribe(t, db, "updprov")); n != 1 {
		t.Errorf("count %d after the first decrease of a new day, want 1", n)
	}
}

// TestUpdateTableBillingMode switches a table between the billing modes.
func TestUpdateTableBillingMode(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 5, 5)
	name := aws.String("updprov")

	ans := utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModePayPerRequest})
	if ans.TableStatus != types.TableStatusUpdating || ans.BillingModeSummary.BillingMode != types.BillingModePayPerRequest ||
		ans.BillingModeSummary.LastUpdateToPayPerRequestDateTime != nil {
		t.Errorf("answer %s %+v, want UPDATING and a summary without time", ans.TableStatus, *ans.BillingModeSummary)
	}
	if r, w, _ := utThroughput(ans); r != 0 || w != 0 || ans.ProvisionedThroughput.LastDecreaseDateTime == nil {
		t.Errorf("answer throughput %d/%d, decrease time %v; want 0/0 stamped", r, w, ans.ProvisionedThroughput.LastDecreaseDateTime)
	}
	d := utDescribe(t, db, "updprov")
	if got := d.BillingModeSummary.LastUpdateToPayPerRequestDateTime; got == nil || !got.Equal(utStart) {
		t.Errorf("LastUpdateToPayPerRequestDateTime %v, want %v", got, utStart)
	}
	if d.ProvisionedThroughput.LastDecreaseDateTime != nil {
		t.Errorf("the switch left a decrease time %v", d.ProvisionedThroughput.LastDecreaseDateTime)
	}

	// On-demand again: accepted, UPDATING, nothing changes.
	c.add(time.Minute)
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModePayPerRequest})
	if ans.TableStatus != types.TableStatusUpdating || !ans.BillingModeSummary.LastUpdateToPayPerRequestDateTime.Equal(utStart) {
		t.Errorf("re-send answer %s %+v", ans.TableStatus, *ans.BillingModeSummary)
	}

	_, err := db.UpdateTable(context.Background(), &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(1, 1)})
	utWantErr(t, err, apierr.CodeValidation, "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST")

	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(3, 4)})
	if ans.BillingModeSummary.BillingMode != types.BillingModeProvisioned || ans.BillingModeSummary.LastUpdateToPayPerRequestDateTime != nil {
		t.Errorf("answer summary %+v", *ans.BillingModeSummary)
	}
	d = utDescribe(t, db, "updprov")
	if r, w, _ := utThroughput(d); r != 3 || w != 4 || d.BillingModeSummary.BillingMode != types.BillingModeProvisioned ||
		!d.BillingModeSummary.LastUpdateToPayPerRequestDateTime.Equal(utStart) {
		t.Errorf("described %d/%d %+v", r, w, *d.BillingModeSummary)
	}
	// Items can still be written with the new billing mode.
	if _, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: name,
		Item: map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "a"}}}); err != nil {
		t.Fatal(err)
	}
}

// TestUpdateTableStreamsEncryptionClassProtection covers the members that
// must each come alone or (streams) combine only with a switch to
// on-demand.
func TestUpdateTableStreamsEncryptionClassProtection(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updppr", 0, 0)
	name := aws.String("updppr")
	ctx := context.Background()

	ans := utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name,
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewAndOldImages}})
	wantLabel := "2026-03-10T09:30:00.000"
	if ans.TableStatus != types.TableStatusUpdating || aws.ToString(ans.LatestStreamLabel) != wantLabel ||
		aws.ToString(ans.LatestStreamArn) != aws.ToString(ans.TableArn)+"/stream/"+wantLabel ||
		ans.StreamSpecification.StreamViewType != types.StreamViewTypeNewAndOldImages {
		t.Errorf("stream answer %s %q %q %+v", ans.TableStatus, aws.ToString(ans.LatestStreamLabel), aws.ToString(ans.LatestStreamArn), ans.StreamSpecification)
	}
	_, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name,
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	utWantErr(t, err, apierr.CodeValidation, "Table already has an enabled stream: TableName: updppr")
	c.add(time.Second)
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(false)}})
	d := utDescribe(t, db, "updppr")
	if d.StreamSpecification != nil || aws.ToString(d.LatestStreamLabel) != wantLabel {
		t.Errorf("after disabling: %+v %q", d.StreamSpecification, aws.ToString(d.LatestStreamLabel))
	}
	// Every enabling makes a new stream.
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name,
		StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeKeysOnly}})
	if aws.ToString(ans.LatestStreamLabel) != "2026-03-10T09:30:01.000" {
		t.Errorf("new stream label %q", aws.ToString(ans.LatestStreamLabel))
	}

	// Deletion protection: synchronous.
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, DeletionProtectionEnabled: aws.Bool(true)})
	if ans.TableStatus != types.TableStatusActive || !aws.ToBool(ans.DeletionProtectionEnabled) {
		t.Errorf("protection answer %s %v", ans.TableStatus, aws.ToBool(ans.DeletionProtectionEnabled))
	}
	_, err = db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: name})
	utWantErr(t, err, apierr.CodeValidation, "Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.")

	// Table class: the answer has the old summary.
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, TableClass: types.TableClassStandardInfrequentAccess})
	if ans.TableStatus != types.TableStatusUpdating || ans.TableClassSummary != nil {
		t.Errorf("class answer %s %+v", ans.TableStatus, ans.TableClassSummary)
	}
	d = utDescribe(t, db, "updppr")
	if s := d.TableClassSummary; s == nil || s.TableClass != types.TableClassStandardInfrequentAccess || s.LastUpdateDateTime == nil {
		t.Errorf("described class %+v", s)
	}
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, TableClass: types.TableClassStandard})
	if ans.TableClassSummary.TableClass != types.TableClassStandardInfrequentAccess {
		t.Errorf("class answer %+v, want the old class", ans.TableClassSummary)
	}
	if s := utDescribe(t, db, "updppr").TableClassSummary; s.TableClass != types.TableClassStandard {
		t.Errorf("described class %+v", s)
	}

	// Encryption.
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, SSESpecification: &types.SSESpecification{SSEType: types.SSETypeKms}})
	if ans.TableStatus != types.TableStatusActive || ans.SSEDescription.Status != types.SSEStatusUpdating || ans.SSEDescription.KMSMasterKeyArn != nil {
		t.Errorf("encryption answer %s %+v", ans.TableStatus, ans.SSEDescription)
	}
	managed := "arn:aws:kms:us-east-1:000000000000:key/dynamodb"
	if s := utDescribe(t, db, "updppr").SSEDescription; s == nil || s.Status != types.SSEStatusEnabled || aws.ToString(s.KMSMasterKeyArn) != managed {
		t.Errorf("described encryption %+v", s)
	}
	_, err = db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name,
		SSESpecification: &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String(managed)}})
	utWantErr(t, err, apierr.CodeValidation, "One or more parameter values were invalid: Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key")
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, SSESpecification: &types.SSESpecification{Enabled: aws.Bool(false)}})
	if aws.ToString(ans.SSEDescription.KMSMasterKeyArn) != managed {
		t.Errorf("disabling answer %+v, want the old key", ans.SSEDescription)
	}
	if s := utDescribe(t, db, "updppr").SSEDescription; s != nil {
		t.Errorf("described encryption %+v after disabling", s)
	}
}

// TestUpdateTablePersists checks that every kind of change survives
// reopening the database.
func TestUpdateTablePersists(t *testing.T) {
	dir := t.TempDir()
	var c utClock
	c.set(utStart)
	db := utOpen(t, dir, &c)
	utCreate(t, db, "updprov", 5, 5)
	utCreate(t, db, "updppr", 0, 0)
	utCreateWithIndex(t, db, "updidx")
	for _, in := range []*dynamodb.UpdateTableInput{
		{TableName: aws.String("updprov"), ProvisionedThroughput: utPT(4, 7)},
		{TableName: aws.String("updppr"), BillingMode: types.BillingModePayPerRequest,
			StreamSpecification: &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: types.StreamViewTypeNewImage}},
		{TableName: aws.String("updppr"), DeletionProtectionEnabled: aws.Bool(true)},
		{TableName: aws.String("updppr"), TableClass: types.TableClassStandardInfrequentAccess},
		{TableName: aws.String("updppr"), SSESpecification: &types.SSESpecification{Enabled: aws.Bool(true), SSEType: types.SSETypeKms, KMSMasterKeyId: aws.String("alias/mine")}},
		{TableName: aws.String("updidx"), BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(2, 3),
			GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String("byG"), ProvisionedThroughput: utPT(6, 7)}}}},
	} {
		utUpdate(t, db, in)
	}
	want := map[string]*types.TableDescription{}
	for _, name := range []string{"updprov", "updppr", "updidx"} {
		want[name] = utDescribe(t, db, name)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = utOpen(t, dir, &c)
	for name, w := range want {
		got := utDescribe(t, db, name)
		if g, w := fmt.Sprintf("%+v", utSettings(got)), fmt.Sprintf("%+v", utSettings(w)); g != w {
			t.Errorf("%s after reopening:\n got %s\nwant %s", name, g, w)
		}
	}
	d := want["updppr"]
	if d.StreamSpecification == nil || !aws.ToBool(d.DeletionProtectionEnabled) || d.TableClassSummary == nil ||
		aws.ToString(d.SSEDescription.KMSMasterKeyArn) != "alias/mine" {
		t.Errorf("updppr not updated: %+v", utSettings(d))
	}
	if r, w, _ := utThroughput(want["updidx"]); r != 2 || w != 3 || aws.ToInt64(want["updidx"].GlobalSecondaryIndexes[0].ProvisionedThroughput.ReadCapacityUnits) != 6 {
		t.Errorf("updidx not updated: %+v", utSettings(want["updidx"]))
	}
}

// utSettings renders what UpdateTable changes in a description.
func utSettings(d *types.TableDescription) string {
	var b strings.Builder
	pt := d.ProvisionedThroughput
	fmt.Fprintf(&b, "pt=%d/%d dec=%d inc=%v last=%v", aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits),
		aws.ToInt64(pt.NumberOfDecreasesToday), pt.LastIncreaseDateTime, pt.LastDecreaseDateTime)
	if s := d.BillingModeSummary; s != nil {
		fmt.Fprintf(&b, " billing=%s@%v", s.BillingMode, s.LastUpdateToPayPerRequestDateTime)
	}
	if s := d.StreamSpecification; s != nil {
		fmt.Fprintf(&b, " stream=%v/%s", aws.ToBool(s.StreamEnabled), s.StreamViewType)
	}
	fmt.Fprintf(&b, " label=%s protected=%v", aws.ToString(d.LatestStreamLabel), aws.ToBool(d.DeletionProtectionEnabled))
	if s := d.TableClassSummary; s != nil {
		fmt.Fprintf(&b, " class=%s@%v", s.TableClass, s.LastUpdateDateTime)
	}
	if s := d.SSEDescription; s != nil {
		fmt.Fprintf(&b, " sse=%s/%s/%s", s.Status, s.SSEType, aws.ToString(s.KMSMasterKeyArn))
	}
	for _, g := range d.GlobalSecondaryIndexes {
		fmt.Fprintf(&b, " %s=%d/%d", aws.ToString(g.IndexName), aws.ToInt64(g.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(g.ProvisionedThroughput.WriteCapacityUnits))
	}
	return b.String()
}

// TestUpdateTableWithIndexes covers index updates in UpdateTable: alone,
// with a billing mode switch, and refused after the table's change, which
// must then be taken back.
func TestUpdateTableWithIndexes(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreateWithIndex(t, db, "updidx")
	name := aws.String("updidx")
	ctx := context.Background()
	upd := func(index string, r, w int64) types.GlobalSecondaryIndexUpdate {
		return types.GlobalSecondaryIndexUpdate{Update: &types.UpdateGlobalSecondaryIndexAction{IndexName: aws.String(index), ProvisionedThroughput: utPT(r, w)}}
	}

	_, err := db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(2, 2)})
	utWantErr(t, err, apierr.CodeValidation, "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: byG")

	// An index update the index code refuses takes the switch back.
	before := utSettings(utDescribe(t, db, "updidx"))
	_, err = db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(2, 2),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{upd("byG", 3, 3), upd("nosuch", 1, 1)}})
	if err == nil {
		t.Fatal("an update of a missing index was accepted")
	}
	if after := utSettings(utDescribe(t, db, "updidx")); after != before {
		t.Errorf("a refused update changed the table:\nbefore %s\n after %s", before, after)
	}

	ans := utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModeProvisioned, ProvisionedThroughput: utPT(2, 2),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{upd("byG", 3, 3)}})
	if ans.TableStatus != types.TableStatusUpdating || ans.BillingModeSummary.BillingMode != types.BillingModeProvisioned ||
		ans.BillingModeSummary.LastUpdateToPayPerRequestDateTime != nil {
		t.Errorf("answer %s %+v", ans.TableStatus, *ans.BillingModeSummary)
	}
	d := utDescribe(t, db, "updidx")
	if g := d.GlobalSecondaryIndexes[0].ProvisionedThroughput; aws.ToInt64(g.ReadCapacityUnits) != 3 || aws.ToInt64(g.WriteCapacityUnits) != 3 {
		t.Errorf("index throughput %d/%d, want 3/3", aws.ToInt64(g.ReadCapacityUnits), aws.ToInt64(g.WriteCapacityUnits))
	}

	// Throughput may go with index Updates, not with a Delete.
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(4, 4),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{upd("byG", 5, 5)}})
	_, err = db.UpdateTable(ctx, &dynamodb.UpdateTableInput{TableName: name, ProvisionedThroughput: utPT(6, 6),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byG")}}}})
	utWantErr(t, err, apierr.CodeValidation, "One or more parameter values were invalid: You cannot create or delete index while updating table IOPS")

	// Back on demand, the index has zero throughput.
	utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name, BillingMode: types.BillingModePayPerRequest})
	if g := utDescribe(t, db, "updidx").GlobalSecondaryIndexes[0].ProvisionedThroughput; aws.ToInt64(g.ReadCapacityUnits) != 0 || aws.ToInt64(g.WriteCapacityUnits) != 0 {
		t.Errorf("index throughput %d/%d on demand, want 0/0", aws.ToInt64(g.ReadCapacityUnits), aws.ToInt64(g.WriteCapacityUnits))
	}

	// Index updates alone go to the index code.
	ans = utUpdate(t, db, &dynamodb.UpdateTableInput{TableName: name,
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Delete: &types.DeleteGlobalSecondaryIndexAction{IndexName: aws.String("byG")}}}})
	if len(utDescribe(t, db, "updidx").GlobalSecondaryIndexes) != 0 {
		t.Error("the index was not deleted")
	}
}

// TestUpdateTableConcurrent runs updates of one table from many goroutines
// (under -race this checks the copy-on-write of the catalog entry): each
// is applied whole or refused, and the table ends in a state one of them
// set.
func TestUpdateTableConcurrent(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 1, 1)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			in := &dynamodb.UpdateTableInput{TableName: aws.String("updprov"), ProvisionedThroughput: utPT(int64(100+i), int64(200+i))}
			if i%4 == 0 {
				in = &dynamodb.UpdateTableInput{TableName: aws.String("updprov"), DeletionProtectionEnabled: aws.Bool(i%8 == 0)}
			}
			// More than four of the changes may be decreases, refused
			// by the daily allowance.
			if _, err := db.UpdateTable(context.Background(), in); err != nil {
				if code, _ := apierr.Code(err); code != apierr.CodeLimitExceeded {
					t.Error(err)
				}
			}
			_ = utDescribe(t, db, "updprov")
		}()
	}
	wg.Wait()
	r, w, _ := utThroughput(utDescribe(t, db, "updprov"))
	if r < 100 || w != r+100 {
		t.Errorf("final throughput %d/%d was set by no request", r, w)
	}
}

// TestUpdateTableNoPanic sends random combinations of members, valid and
// not, and checks that each answer is a DynamoDB error or a description.
func TestUpdateTableNoPanic(t *testing.T) {
	var c utClock
	c.set(utStart)
	db := utOpen(t, "", &c)
	utCreate(t, db, "updprov", 5, 5)
	utCreate(t, db, "updppr", 0, 0)
	utCreateWithIndex(t, db, "updidx")
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(n int) int { return rng.IntN(n) }
	maybe := func() bool { return pick(3) == 0 }
	names := []*string{nil, aws.String(""), aws.String("ab"), aws.String("updprov"), aws.String("updppr"), aws.String("updidx"), aws.String("arn:x")}
	units := []*int64{nil, aws.Int64(-1), aws.Int64(0), aws.Int64(1), aws.Int64(5), aws.Int64(1_000_000_000_001)}
	bools := []*bool{nil, aws.Bool(false), aws.Bool(true)}
	pt := func() *types.ProvisionedThroughput {
		return &types.ProvisionedThroughput{ReadCapacityUnits: units[pick(len(units))], WriteCapacityUnits: units[pick(len(units))]}
	}
	for range 3000 {
		in := &dynamodb.UpdateTableInput{TableName: names[pick(len(names))]}
		if maybe() {
			in.BillingMode = []types.BillingMode{"", "X", types.BillingModeProvisioned, types.BillingModePayPerRequest}[pick(4)]
		}
		if maybe() {
			in.ProvisionedThroughput = pt()
		}
		if maybe() {
			in.StreamSpecification = &types.StreamSpecification{StreamEnabled: bools[pick(3)],
				StreamViewType: []types.StreamViewType{"", "X", types.StreamViewTypeKeysOnly}[pick(3)]}
		}
		if maybe() {
			in.SSESpecification = &types.SSESpecification{Enabled: bools[pick(3)], SSEType: []types.SSEType{"", "X", types.SSETypeKms, types.SSETypeAes256}[pick(4)]}
			if maybe() {
				in.SSESpecification.KMSMasterKeyId = aws.String("k")
			}
		}
		if maybe() {
			in.DeletionProtectionEnabled = bools[pick(3)]
		}
		if maybe() {
			in.TableClass = []types.TableClass{"", "X", types.TableClassStandard, types.TableClassStandardInfrequentAccess}[pick(4)]
		}
		if maybe() {
			for range pick(3) {
				var u types.GlobalSecondaryIndexUpdate
				switch pick(4) {
				case 0:
					u.Update = &types.UpdateGlobalSecondaryIndexAction{IndexName: []*string{nil, aws.String("byG"), aws.String("nope")}[pick(3)]}
					if maybe() {
						u.Update.ProvisionedThroughput = pt()
					}
				case 1:
					u.Delete = &types.DeleteGlobalSecondaryIndexAction{IndexName: []*string{nil, aws.String("byG"), aws.String("nope")}[pick(3)]}
				case 2:
					u.Create = &types.CreateGlobalSecondaryIndexAction{IndexName: aws.String("new")}
				}
				in.GlobalSecondaryIndexUpdates = append(in.GlobalSecondaryIndexUpdates, u)
			}
		}
		out, err := db.UpdateTable(context.Background(), in)
		var api smithy.APIError
		switch {
		case err == nil && (out == nil || out.TableDescription == nil):
			t.Fatalf("no error and no description for %+v", in)
		case err != nil && !errors.As(err, &api):
			t.Fatalf("%v for %+v: not a DynamoDB error", err, in)
		}
	}
}
