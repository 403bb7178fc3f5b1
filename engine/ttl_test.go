package engine

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/internal/kv"
)

// The tests of Time to Live: the two operations and their persistence, and
// the sweeper. Sweeper tests never assert how fast it is: they poll with a
// generous deadline, and wait for whole passes (ttlSweeper.passes) before
// concluding that an item survived.

const ttlDeadline = 60 * time.Second

func ttlOpen(t *testing.T, opts Options) *DB {
	t.Helper()
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	db, err := Open(opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	return db
}

// ttlCreateTable creates a table keyed by pk (S) with a global secondary
// index on g (S), so the sweeper's deletes are seen to maintain indexes.
func ttlCreateTable(t *testing.T, db *DB, name string) {
	t.Helper()
	_, err := db.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName: aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{
			{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS},
			{AttributeName: aws.String("g"), AttributeType: types.ScalarAttributeTypeS},
		},
		KeySchema:   []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
		BillingMode: types.BillingModePayPerRequest,
		GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
			IndexName:  aws.String("byG"),
			KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("g"), KeyType: types.KeyTypeHash}},
			Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
		}},
	})
	if err != nil {
		t.Fatalf("create table %s: %v", name, err)
	}
}

func ttlUpdate(db *DB, table string, enabled bool, attr string) (*dynamodb.UpdateTimeToLiveOutput, error) {
	return db.UpdateTimeToLive(context.Background(), &dynamodb.UpdateTimeToLiveInput{
		TableName:               aws.String(table),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{Enabled: aws.Bool(enabled), AttributeName: aws.String(attr)},
	})
}

func ttlMustUpdate(t *testing.T, db *DB, table string, enabled bool, attr string) {
	t.Helper()
	out, err := ttlUpdate(db, table, enabled, attr)
	if err != nil {
		t.Fatalf("UpdateTimeToLive(%s, %v, %s): %v", table, enabled, attr, err)
	}
	spec := out.TimeToLiveSpecification
	if spec == nil || aws.ToBool(spec.Enabled) != enabled || aws.ToString(spec.AttributeName) != attr {
		t.Fatalf("UpdateTimeToLive answered %+v, want the specification echoed", spec)
	}
}

// ttlDescribe returns "STATUS" or "STATUS attr".
func ttlDescribe(t *testing.T, db *DB, table string) string {
	t.Helper()
	out, err := db.DescribeTimeToLive(context.Background(), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
	if err != nil {
		t.Fatalf("DescribeTimeToLive(%s): %v", table, err)
	}
	d := out.TimeToLiveDescription
	if d.AttributeName == nil {
		return string(d.TimeToLiveStatus)
	}
	return string(d.TimeToLiveStatus) + " " + *d.AttributeName
}

func ttlWantError(t *testing.T, err error, code, msg string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s: %s", code, msg)
	}
	gotCode, gotMsg := apierr.Code(err)
	if gotCode != code || gotMsg != msg {
		t.Fatalf("error %s: %s\nwant  %s: %s", gotCode, gotMsg, code, msg)
	}
}

func TestTimeToLiveUpdateDescribe(t *testing.T) {
	dir := t.TempDir()
	db := ttlOpen(t, Options{Dir: dir, NoSync: true, TTLInterval: -1})
	defer func() { db.Close() }()
	ttlCreateTable(t, db, "ttlrt")

	if got := ttlDescribe(t, db, "ttlrt"); got != "DISABLED" {
		t.Fatalf("never configured: %s, want DISABLED", got)
	}
	_, err := ttlUpdate(db, "ttlrt", false, "exp")
	ttlWantError(t, err, apierr.CodeValidation, "TimeToLive is already disabled")

	ttlMustUpdate(t, db, "ttlrt", true, "exp")
	if got := ttlDescribe(t, db, "ttlrt"); got != "ENABLED exp" {
		t.Fatalf("after enabling: %s", got)
	}
	_, err = ttlUpdate(db, "ttlrt", true, "exp")
	ttlWantError(t, err, apierr.CodeValidation, "TimeToLive is already enabled")
	_, err = ttlUpdate(db, "ttlrt", true, "other")
	ttlWantError(t, err, apierr.CodeValidation, "TimeToLive is active on a different AttributeName: current AttributeName is exp")
	_, err = ttlUpdate(db, "ttlrt", false, "other")
	ttlWantError(t, err, apierr.CodeValidation, "TimeToLive is active on a different AttributeName: current AttributeName is exp")

	// The setting is durable.
	db.Close()
	db = ttlOpen(t, Options{Dir: dir, NoSync: true, TTLInterval: -1})
	if got := ttlDescribe(t, db, "ttlrt"); got != "ENABLED exp" {
		t.Fatalf("after reopening: %s, want ENABLED exp", got)
	}

	// A table ARN names the table, as in the other operations on a table.
	arn := "arn:aws:dynamodb:us-east-1:000000000000:table/ttlrt"
	ttlMustUpdate(t, db, arn, false, "exp")
	if got := ttlDescribe(t, db, arn); got != "DISABLED" {
		t.Fatalf("after disabling: %s, want DISABLED (the attribute forgotten)", got)
	}
	db.Close()
	db = ttlOpen(t, Options{Dir: dir, NoSync: true, TTLInterval: -1})
	if got := ttlDescribe(t, db, "ttlrt"); got != "DISABLED" {
		t.Fatalf("after reopening: %s, want DISABLED", got)
	}
	// Re-enabling on another attribute is how the attribute changes.
	ttlMustUpdate(t, db, "ttlrt", true, "other")
	if got := ttlDescribe(t, db, "ttlrt"); got != "ENABLED other" {
		t.Fatalf("after re-enabling: %s", got)
	}

	_, err = ttlUpdate(db, "ttlmissing", true, "exp")
	ttlWantError(t, err, apierr.CodeResourceNotFound, "Requested resource not found: Table: ttlmissing not found")
	_, err = db.DescribeTimeToLive(context.Background(), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String("ttlmissing")})
	ttlWantError(t, err, apierr.CodeResourceNotFound, "Requested resource not found: Table: ttlmissing not found")
	// Validation comes before the lookup.
	_, err = ttlUpdate(db, "ttlmissing", true, "")
	ttlWantError(t, err, apierr.CodeValidation, "TimeToLiveSpecification.AttributeName must be non empty")
}

// TestTimeToLiveConcurrentEnable checks that of concurrent enables exactly
// one succeeds: the state rule is checked under the catalog entry's lock.
func TestTimeToLiveConcurrentEnable(t *testing.T) {
	db := ttlOpen(t, Options{InMemory: true, TTLInterval: -1})
	defer db.Close()
	ttlCreateTable(t, db, "ttlrace")
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := ttlUpdate(db, "ttlrace", true, "a"+strconv.Itoa(i%2)); err == nil {
				mu.Lock()
				ok++
				mu.Unlock()
			} else if code, _ := apierr.Code(err); code != apierr.CodeValidation {
				t.Errorf("enable: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok != 1 {
		t.Fatalf("%d concurrent enables succeeded, want 1", ok)
	}
}

func ttlPut(t *testing.T, db *DB, table string, item map[string]types.AttributeValue) {
	t.Helper()
	if _, err := db.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: aws.String(table), Item: item}); err != nil {
		t.Fatalf("put %v: %v", item["pk"], err)
	}
}

func ttlGet(t *testing.T, db *DB, table, pk string) map[string]types.AttributeValue {
	t.Helper()
	out, err := db.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(table), Key: map[string]types.AttributeValue{"pk": ttlS(pk)}, ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		t.Fatalf("get %s: %v", pk, err)
	}
	return out.Item
}

func ttlS(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func ttlN(s string) types.AttributeValue { return &types.AttributeValueMemberN{Value: s} }
func ttlSec(t time.Time) string          { return strconv.FormatInt(t.Unix(), 10) }

// ttlLog collects log output, to check that a sweep logged no failure.
type ttlLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *ttlLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *ttlLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// ttlWaitPasses waits until the sweeper has completed n more passes.
func ttlWaitPasses(t *testing.T, db *DB, n int64) {
	t.Helper()
	target := db.ttl.passes.Load() + n
	deadline := time.Now().Add(ttlDeadline)
	for db.ttl.passes.Load() < target {
		if time.Now().After(deadline) {
			t.Fatalf("the TTL sweeper did not complete %d passes in %v", n, ttlDeadline)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestTimeToLiveSweeperDeletesOnlyExpired(t *testing.T) {
	var logs ttlLog
	db := ttlOpen(t, Options{InMemory: true, TTLInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	defer db.Close()
	ttlCreateTable(t, db, "ttlsweep")
	ctx := context.Background()
	now := time.Now()

	survivors := map[string]map[string]types.AttributeValue{
		"future":   {"exp": ttlN(ttlSec(now.Add(time.Hour)))},
		"none":     {"other": ttlN(ttlSec(now.Add(-time.Hour)))},
		"string":   {"exp": ttlS(ttlSec(now.Add(-time.Hour)))},
		"numbers":  {"exp": &types.AttributeValueMemberNS{Value: []string{ttlSec(now.Add(-time.Hour))}}},
		"list":     {"exp": &types.AttributeValueMemberL{Value: []types.AttributeValue{ttlN(ttlSec(now.Add(-time.Hour)))}}},
		"nested":   {"exp": &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{"exp": ttlN(ttlSec(now.Add(-time.Hour)))}}},
		"ancient":  {"exp": ttlN(ttlSec(now.AddDate(-6, 0, 0)))},
		"negative": {"exp": ttlN("-1")},
		// Milliseconds are tens of thousands of years ahead in seconds.
		"millis": {"exp": ttlN(strconv.FormatInt(now.Add(-time.Hour).UnixMilli(), 10))},
		// Another attribute than the table's TTL attribute.
		"wrongname": {"Exp": ttlN(ttlSec(now.Add(-time.Hour)))},
		// 1.5e9 is 2017: more than five years ago.
		"exponent": {"exp": ttlN("1.5e9")},
	}
	expired := map[string]map[string]types.AttributeValue{
		"past":       {"exp": ttlN(ttlSec(now.Add(-time.Minute)))},
		"fraction":   {"exp": ttlN(ttlSec(now.Add(-time.Minute)) + ".5")},
		"fouryears":  {"exp": ttlN(ttlSec(now.AddDate(-4, 0, 0)))},
		"almostnow":  {"exp": ttlN(ttlSec(now.Add(-time.Second)))},
		"withothers": {"exp": ttlN(ttlSec(now.Add(-time.Hour))), "x": ttlS(strings.Repeat("x", 1000))},
	}
	// Enough expired items for several chunks of the sweep.
	for i := range 3*ttlChunkKeys + 7 {
		expired[fmt.Sprintf("bulk%04d", i)] = map[string]types.AttributeValue{"exp": ttlN(ttlSec(now.Add(-time.Duration(i) * time.Second)))}
	}
	put := func(pk string, attrs map[string]types.AttributeValue) {
		item := map[string]types.AttributeValue{"pk": ttlS(pk), "g": ttlS("all")}
		for k, v := range attrs {
			item[k] = v
		}
		ttlPut(t, db, "ttlsweep", item)
	}
	for pk, attrs := range survivors {
		put(pk, attrs)
	}
	for pk, attrs := range expired {
		put(pk, attrs)
	}

	// Nothing goes before TTL is enabled, and reads return expired items.
	ttlWaitPasses(t, db, 2)
	if ttlGet(t, db, "ttlsweep", "past") == nil {
		t.Fatal("an expired item was deleted while TTL was disabled")
	}

	ttlMustUpdate(t, db, "ttlsweep", true, "exp")
	deadline := time.Now().Add(ttlDeadline)
	for pk := range expired {
		for ttlGet(t, db, "ttlsweep", pk) != nil {
			if time.Now().After(deadline) {
				t.Fatalf("expired item %s still there after %v", pk, ttlDeadline)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	// Two more whole passes: every item has been looked at since.
	ttlWaitPasses(t, db, 2)
	for pk := range survivors {
		if ttlGet(t, db, "ttlsweep", pk) == nil {
			t.Errorf("item %s was deleted; it has not expired", pk)
		}
	}

	d, err := db.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String("ttlsweep")})
	if err != nil {
		t.Fatal(err)
	}
	if got := aws.ToInt64(d.Table.ItemCount); got != int64(len(survivors)) {
		t.Errorf("ItemCount %d, want %d", got, len(survivors))
	}
	if n := len(d.Table.GlobalSecondaryIndexes); n != 1 || aws.ToInt64(d.Table.GlobalSecondaryIndexes[0].ItemCount) != int64(len(survivors)) {
		t.Errorf("index counts %+v, want %d items", d.Table.GlobalSecondaryIndexes, len(survivors))
	}
	q, err := db.Query(ctx, &dynamodb.QueryInput{
		TableName: aws.String("ttlsweep"), IndexName: aws.String("byG"),
		KeyConditionExpression:    aws.String("g = :g"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":g": ttlS("all")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if int(q.Count) != len(survivors) {
		t.Errorf("the index holds %d items, want the %d survivors", q.Count, len(survivors))
	}
	if l := logs.String(); l != "" {
		t.Errorf("the sweeper logged:\n%s", l)
	}
}

// TestTimeToLiveSweepKeepsRewrittenItem rewrites an item with a future TTL
// between the sweep's read and its delete: the rewrite must win.
func TestTimeToLiveSweepKeepsRewrittenItem(t *testing.T) {
	db := ttlOpen(t, Options{InMemory: true, TTLInterval: -1})
	defer db.Close()
	ttlCreateTable(t, db, "ttlrw")
	ttlMustUpdate(t, db, "ttlrw", true, "exp")
	tbl, err := db.table("ttlrw")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	past, future := ttlSec(time.Now().Add(-time.Hour)), ttlSec(time.Now().Add(time.Hour))
	item := func(exp string) map[string]types.AttributeValue {
		return map[string]types.AttributeValue{"pk": ttlS("k"), "g": ttlS("x"), "exp": ttlN(exp)}
	}
	collect := func() ([][]byte, ttlWindow) {
		t.Helper()
		w, err := newTTLWindow(time.Now())
		if err != nil {
			t.Fatal(err)
		}
		c, err := db.collectExpired(ctx, "exp", w, tbl.prefix, kv.PrefixEnd(tbl.prefix))
		if err != nil {
			t.Fatal(err)
		}
		if len(c.keys) != 1 || c.next != nil {
			t.Fatalf("collected %d keys (next %x), want the one expired item", len(c.keys), c.next)
		}
		return c.keys, w
	}

	// In sequence: read, rewrite, delete.
	ttlPut(t, db, "ttlrw", item(past))
	keys, w := collect()
	ttlPut(t, db, "ttlrw", item(future))
	if n, err := db.deleteExpired(ctx, tbl, "exp", w, keys); err != nil || n != 0 {
		t.Fatalf("deleteExpired = %d, %v; want 0 deleted", n, err)
	}
	if got := ttlGet(t, db, "ttlrw", "k"); got == nil || got["exp"].(*types.AttributeValueMemberN).Value != future {
		t.Fatalf("the rewritten item is %v", got)
	}

	// Disabling TTL after the read also keeps the item.
	ttlPut(t, db, "ttlrw", item(past))
	keys, w = collect()
	ttlMustUpdate(t, db, "ttlrw", false, "exp")
	if n, err := db.deleteExpired(ctx, tbl, "exp", w, keys); err != nil || n != 0 {
		t.Fatalf("deleteExpired after disabling = %d, %v; want 0 deleted", n, err)
	}
	ttlMustUpdate(t, db, "ttlrw", true, "exp")

	// Concurrently: whichever goes first, the item ends up there with the
	// future TTL, and the count stays exact.
	for i := range 200 {
		ttlPut(t, db, "ttlrw", item(past))
		keys, w := collect()
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("ttlrw"), Item: item(future)}); err != nil {
				t.Errorf("put: %v", err)
			}
		}()
		if _, err := db.deleteExpired(ctx, tbl, "exp", w, keys); err != nil {
			t.Fatalf("deleteExpired: %v", err)
		}
		wg.Wait()
		got := ttlGet(t, db, "ttlrw", "k")
		if got == nil || got["exp"].(*types.AttributeValueMemberN).Value != future {
			t.Fatalf("round %d: the rewrite was lost: item %v", i, got)
		}
		if n := tbl.itemCount.Load(); n != 1 {
			t.Fatalf("round %d: ItemCount %d, want 1", i, n)
		}
	}
}

// TestTimeToLiveSweeperStopsOnClose closes the database, and deletes a
// table, while the sweeper is busy deleting: neither may hang or fail.
func TestTimeToLiveSweeperStopsOnClose(t *testing.T) {
	for round := range 3 {
		db := ttlOpen(t, Options{InMemory: true, TTLInterval: time.Millisecond})
		ctx := context.Background()
		for _, name := range []string{"ttlclose1", "ttlclose2"} {
			ttlCreateTable(t, db, name)
			ttlMustUpdate(t, db, name, true, "exp")
			past := ttlSec(time.Now().Add(-time.Hour))
			for i := range 2000 {
				ttlPut(t, db, name, map[string]types.AttributeValue{"pk": ttlS(strconv.Itoa(i)), "exp": ttlN(past)})
			}
		}
		if round > 0 {
			if _, err := db.DeleteTable(ctx, &dynamodb.DeleteTableInput{TableName: aws.String("ttlclose1")}); err != nil {
				t.Fatal(err)
			}
		}
		closed := make(chan error, 1)
		go func() { closed <- db.Close() }()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatalf("close: %v", err)
			}
		case <-time.After(ttlDeadline):
			t.Fatalf("Close did not return in %v", ttlDeadline)
		}
	}
}

func TestTTLWindow(t *testing.T) {
	now := time.Unix(1_700_000_000, 500_000_000) // .5 s past a whole second
	w, err := newTTLWindow(now)
	if err != nil {
		t.Fatal(err)
	}
	fiveYears := now.AddDate(-5, 0, 0)
	for _, c := range []struct {
		v    types.AttributeValue
		want bool
	}{
		{ttlN("1700000000"), true},      // half a second ago
		{ttlN("1700000000.4"), true},    // before now
		{ttlN("1700000000.5"), false},   // now: not before now
		{ttlN("1700000001"), false},     // in the future
		{ttlN("17000000005e-1"), false}, // the same, spelt otherwise
		{ttlN("1.6999999e9"), true},
		{ttlN(ttlSec(fiveYears) + ".5"), true},  // exactly five years ago
		{ttlN(ttlSec(fiveYears) + ".4"), false}, // more than five years ago
		{ttlN("0"), false},
		{ttlN("-1700000000"), false},
		{ttlN("1700000000000"), false}, // milliseconds: far ahead
		{ttlS("1600000000"), false},
		{&types.AttributeValueMemberNS{Value: []string{"1600000000"}}, false},
		{nil, false},
	} {
		item := map[string]types.AttributeValue{"pk": ttlS("k")}
		if c.v != nil {
			item["exp"] = c.v
		}
		if got := w.expired(item, "exp"); got != c.want {
			t.Errorf("expired(%v) = %v, want %v", c.v, got, c.want)
		}
	}
}
