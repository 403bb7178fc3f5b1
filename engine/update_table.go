package engine

import (
	"context"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/validate"
)

// UpdateTable changes a table's billing mode, provisioned throughput,
// stream, server-side encryption, table class, deletion protection or
// global secondary indexes.
//
// DynamoDB applies most of these asynchronously: its answer says UPDATING
// and shows some members as they were before the change (the throughput,
// the table class, the encryption), and DescribeTable shows the new state
// once the table is ACTIVE again. dynabase applies every change at once
// and durably, so DescribeTable is ACTIVE with the new state right away,
// and the answer reproduces DynamoDB's (see updateAnswer).
func (db *DB) UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.UpdateTable(in); err != nil {
		return nil, err
	}
	t, err := db.table(aws.ToString(in.TableName))
	if err != nil {
		return nil, tableNotFoundByName(aws.ToString(in.TableName))
	}
	if err := unsupportedTableUpdate(in); err != nil {
		return nil, err
	}
	if !changesTable(in) {
		// Only index updates: the index code validates and answers.
		d, err := db.updateGlobalIndexes(t, in)
		if err != nil {
			return nil, err
		}
		return &dynamodb.UpdateTableOutput{TableDescription: d}, nil
	}

	var ans updateAnswer
	var before tableSettings
	if _, err := db.updateMeta(t, func(m *tableMeta) error {
		if err := validate.UpdateTableOnTable(in, &m.Description); err != nil {
			return err
		}
		before = settingsOf(&m.Description)
		var err error
		ans, err = db.applyTableUpdate(&m.Description, in)
		return err
	}); err != nil {
		return nil, err
	}
	if len(in.GlobalSecondaryIndexUpdates) == 0 {
		d := t.description()
		ans.applyTo(d)
		return &dynamodb.UpdateTableOutput{TableDescription: d}, nil
	}

	// Index updates may go with a billing mode switch, throughput or a
	// stream change (validate.UpdateTable refuses the other pairs). The
	// table's change comes first, because the indexes are checked against
	// the table's new billing mode (a switch to PROVISIONED brings each
	// index's throughput in an Update, one to PAY_PER_REQUEST may bring a
	// Create without throughput). DynamoDB applies such a request entirely
	// or not at all, so a refused index update takes the table's change
	// back.
	d, err := db.updateGlobalIndexes(t, in)
	if err != nil {
		if rerr := db.restoreSettings(t, before); rerr != nil {
			db.log.Error("engine: UpdateTable: index update failed and the table change could not be undone",
				"table", t.name, "err", rerr)
		}
		return nil, err
	}
	ans.applyTo(d)
	return &dynamodb.UpdateTableOutput{TableDescription: d}, nil
}

// unsupportedTableUpdate refuses, clearly, the members dynabase does not
// implement: global tables (replicas, witnesses, multi-Region
// consistency, settings replication), on-demand and warm throughput
// limits, and vector indexes. They come after DynamoDB's own checks, so a
// request DynamoDB would refuse gets DynamoDB's answer.
func unsupportedTableUpdate(in *dynamodb.UpdateTableInput) error {
	var member string
	switch {
	case in.ReplicaUpdates != nil:
		member = "ReplicaUpdates"
	case len(in.GlobalTableWitnessUpdates) > 0:
		member = "GlobalTableWitnessUpdates"
	case in.MultiRegionConsistency != "":
		member = "MultiRegionConsistency"
	case in.GlobalTableSettingsReplicationMode != "":
		member = "GlobalTableSettingsReplicationMode"
	case in.DisassociationProtectionEnabled != nil:
		member = "DisassociationProtectionEnabled"
	case in.OnDemandThroughput != nil:
		member = "OnDemandThroughput"
	case in.WarmThroughput != nil:
		member = "WarmThroughput"
	case len(in.VectorIndexUpdates) > 0:
		member = "VectorIndexUpdates"
	default:
		return nil
	}
	return apierr.Validation("UpdateTable with " + member + " is not supported by this version of dynabase")
}

// changesTable reports whether in asks for a change of the table itself,
// not only of its indexes.
func changesTable(in *dynamodb.UpdateTableInput) bool {
	return in.ProvisionedThroughput != nil || in.BillingMode != "" || in.StreamSpecification != nil ||
		in.SSESpecification != nil || in.DeletionProtectionEnabled != nil || in.TableClass != ""
}

// updateAnswer is how UpdateTable's answer differs from the table's new
// description. Each pointer member, when set, replaces the description's
// member in the answer; the set flags allow replacing with nothing.
type updateAnswer struct {
	status types.TableStatus

	throughput    *types.ProvisionedThroughputDescription
	billing       *types.BillingModeSummary
	tableClassSet bool
	tableClass    *types.TableClassSummary
	sseSet        bool
	sse           *types.SSEDescription
}

// applyTo makes d, the table's new description, the answer.
func (a *updateAnswer) applyTo(d *types.TableDescription) {
	if a.status != "" {
		d.TableStatus = a.status
	}
	if a.throughput != nil {
		d.ProvisionedThroughput = a.throughput
	}
	if a.billing != nil {
		d.BillingModeSummary = a.billing
	}
	if a.tableClassSet {
		d.TableClassSummary = a.tableClass
	}
	if a.sseSet {
		d.SSEDescription = a.sse
	}
}

// applyTableUpdate applies the table-level members of in (already
// validated against d) to d, the private copy updateMeta hands out, and
// returns how the answer shows them. It never writes through a pointer it
// found in d: those may be shared with the published catalog entry and
// with settingsOf's snapshot, so every changed member gets a new value.
func (db *DB) applyTableUpdate(d *types.TableDescription, in *dynamodb.UpdateTableInput) (updateAnswer, error) {
	now := db.now().UTC().Truncate(time.Millisecond) // DynamoDB reports milliseconds
	var ans updateAnswer
	// Changes DynamoDB makes asynchronously answer UPDATING; deletion
	// protection is synchronous and encryption changes keep the table
	// ACTIVE (ack-api-quirks DDB-TABLE-017, -065, -410).
	ans.status = types.TableStatusActive
	updating := func() { ans.status = types.TableStatusUpdating }

	cur := currentThroughput(d, now)
	payPerRequest := validate.IsPayPerRequest(d)
	pt := in.ProvisionedThroughput
	switch {
	case in.BillingMode == types.BillingModePayPerRequest && !payPerRequest:
		// The answer names the new mode without the switch's time and
		// shows zero throughput with the switch stamped as a decrease;
		// DescribeTable then has the time, and the old stamps
		// (ack-api-quirks DDB-TABLE-055, -064, -183).
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest, LastUpdateToPayPerRequestDateTime: &now}
		next := cur
		next.ReadCapacityUnits, next.WriteCapacityUnits = aws.Int64(0), aws.Int64(0)
		d.ProvisionedThroughput = &next
		echo := next
		echo.LastDecreaseDateTime = &now
		ans.throughput = &echo
		ans.billing = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest}
		// An on-demand table's indexes report zero throughput too.
		d.GlobalSecondaryIndexes = slices.Clone(d.GlobalSecondaryIndexes)
		for i := range d.GlobalSecondaryIndexes {
			g := &d.GlobalSecondaryIndexes[i]
			gpt := types.ProvisionedThroughputDescription{NumberOfDecreasesToday: aws.Int64(0)}
			if g.ProvisionedThroughput != nil {
				gpt = *g.ProvisionedThroughput
			}
			gpt.ReadCapacityUnits, gpt.WriteCapacityUnits = aws.Int64(0), aws.Int64(0)
			g.ProvisionedThroughput = &gpt
		}
		updating()
	case in.BillingMode == types.BillingModePayPerRequest:
		// Already on-demand: accepted, nothing changes, and the answer
		// still says UPDATING (ack-api-quirks DDB-TABLE-156, -177).
		updating()
	case in.BillingMode == types.BillingModeProvisioned && payPerRequest:
		// The capacity is applied as given, without increase stamps; the
		// summary keeps when the table last became on-demand
		// (ack-api-quirks DDB-TABLE-055, -056, -060).
		var last *time.Time
		if d.BillingModeSummary != nil {
			last = d.BillingModeSummary.LastUpdateToPayPerRequestDateTime
		}
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModeProvisioned, LastUpdateToPayPerRequestDateTime: last}
		next := cur
		next.ReadCapacityUnits, next.WriteCapacityUnits = pt.ReadCapacityUnits, pt.WriteCapacityUnits
		d.ProvisionedThroughput = &next
		ans.billing = &types.BillingModeSummary{BillingMode: types.BillingModeProvisioned}
		updating()
	case pt != nil:
		next, echo, err := changeThroughput(cur, pt, now)
		if err != nil {
			return ans, err
		}
		d.ProvisionedThroughput = next
		ans.throughput = echo
		updating()
	}

	if s := in.StreamSpecification; s != nil {
		if aws.ToBool(s.StreamEnabled) {
			enableStream(d, s.StreamViewType, now)
		} else {
			// The stream's name stays (DDB-TABLE-050: LatestStreamArn
			// and LatestStreamLabel survive a disable).
			d.StreamSpecification = nil
		}
		updating()
	}

	if v := in.DeletionProtectionEnabled; v != nil {
		d.DeletionProtectionEnabled = aws.Bool(*v)
	}

	if tc := in.TableClass; tc != "" {
		// The answer shows the class before the change (DDB-TABLE-284).
		ans.tableClassSet = true
		if old := d.TableClassSummary; old != nil {
			c := *old
			ans.tableClass = &c
		}
		// A table that never had a class is STANDARD without a summary;
		// asking for the class it has changes nothing (DDB-TABLE-177,
		// -365).
		current := types.TableClassStandard
		if d.TableClassSummary != nil {
			current = d.TableClassSummary.TableClass
		}
		if tc != current {
			d.TableClassSummary = &types.TableClassSummary{TableClass: tc, LastUpdateDateTime: &now}
		}
		updating()
	}

	if s := in.SSESpecification; s != nil {
		// The answer has the old key, or only the status when there was
		// none (ack-api-quirks DDB-TABLE-140, -361).
		ans.sseSet = true
		ans.sse = &types.SSEDescription{Status: types.SSEStatusUpdating}
		if old := d.SSEDescription; old != nil {
			ans.sse.SSEType, ans.sse.KMSMasterKeyArn = old.SSEType, old.KMSMasterKeyArn
		}
		if validate.SSEEnables(s) {
			d.SSEDescription = db.kmsEncryption(s.KMSMasterKeyId)
		} else {
			d.SSEDescription = nil
		}
	}
	return ans, nil
}

// currentThroughput is a copy of d's throughput with the day's decrease
// count brought up to date: DynamoDB resets it at midnight UTC
// (ack-api-quirks DDB-TABLE-185).
func currentThroughput(d *types.TableDescription, now time.Time) types.ProvisionedThroughputDescription {
	var cur types.ProvisionedThroughputDescription
	if d.ProvisionedThroughput != nil {
		cur = *d.ProvisionedThroughput
	}
	if cur.ReadCapacityUnits == nil {
		cur.ReadCapacityUnits = aws.Int64(0)
	}
	if cur.WriteCapacityUnits == nil {
		cur.WriteCapacityUnits = aws.Int64(0)
	}
	if last := cur.LastDecreaseDateTime; last == nil || !sameUTCDay(*last, now) {
		cur.NumberOfDecreasesToday = aws.Int64(0)
	} else if cur.NumberOfDecreasesToday == nil {
		cur.NumberOfDecreasesToday = aws.Int64(0)
	}
	return cur
}

// changeThroughput is a provisioned table's capacity change from cur to
// pt: the new throughput and the answer's. DynamoDB answers with the old
// capacity and today's old decrease count but the new stamps; it stamps
// an increase or a decrease when either unit goes up or down, and counts
// one decrease per call (ack-api-quirks DDB-TABLE-058, -060, -184). After
// the day's fourth decrease, one more is allowed an hour after the last,
// and the count starts over at midnight UTC (DDB-TABLE-184, -185, -326).
func changeThroughput(cur types.ProvisionedThroughputDescription, pt *types.ProvisionedThroughput, now time.Time) (next, echo *types.ProvisionedThroughputDescription, err error) {
	r, w := aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits)
	curR, curW := aws.ToInt64(cur.ReadCapacityUnits), aws.ToInt64(cur.WriteCapacityUnits)
	increase := r > curR || w > curW
	decrease := r < curR || w < curW
	decreases := aws.ToInt64(cur.NumberOfDecreasesToday)
	n := cur
	if increase {
		n.LastIncreaseDateTime = &now
	}
	if decrease {
		if decreases >= validate.MaxDecreasesPerDay && cur.LastDecreaseDateTime != nil {
			last := *cur.LastDecreaseDateTime
			allowed := last.Add(time.Hour)
			if midnight := nextUTCMidnight(last); midnight.Before(allowed) {
				allowed = midnight
			}
			if now.Before(allowed) {
				return nil, nil, validate.DecreaseLimit(decreases, last, allowed)
			}
		}
		n.LastDecreaseDateTime = &now
		n.NumberOfDecreasesToday = aws.Int64(decreases + 1)
	}
	e := n
	e.ReadCapacityUnits, e.WriteCapacityUnits = cur.ReadCapacityUnits, cur.WriteCapacityUnits
	e.NumberOfDecreasesToday = aws.Int64(decreases)
	n.ReadCapacityUnits, n.WriteCapacityUnits = aws.Int64(r), aws.Int64(w)
	return &n, &e, nil
}

func sameUTCDay(a, b time.Time) bool {
	ay, am, ad := a.UTC().Date()
	by, bm, bd := b.UTC().Date()
	return ay == by && am == bm && ad == bd
}

func nextUTCMidnight(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, time.UTC)
}

// tableSettings are the members of a description that a table-level
// change which may accompany index updates touches: billing, throughput,
// stream, and the indexes' throughput (by index name).
type tableSettings struct {
	billing     *types.BillingModeSummary
	throughput  *types.ProvisionedThroughputDescription
	stream      *types.StreamSpecification
	streamARN   *string
	streamLabel *string
	indexes     map[string]*types.ProvisionedThroughputDescription
}

// settingsOf snapshots d's settings. The pointers are safe to keep:
// applyTableUpdate replaces members, it does not write through them.
func settingsOf(d *types.TableDescription) tableSettings {
	s := tableSettings{
		billing: d.BillingModeSummary, throughput: d.ProvisionedThroughput,
		stream: d.StreamSpecification, streamARN: d.LatestStreamArn, streamLabel: d.LatestStreamLabel,
		indexes: make(map[string]*types.ProvisionedThroughputDescription, len(d.GlobalSecondaryIndexes)),
	}
	for _, g := range d.GlobalSecondaryIndexes {
		s.indexes[aws.ToString(g.IndexName)] = g.ProvisionedThroughput
	}
	return s
}

// restoreSettings puts back t's settings as they were before an
// UpdateTable whose index updates were refused. Another UpdateTable
// between the two may have changed them too: DynamoDB refuses a second
// update while one is in progress, so a client cannot rely on that
// interleaving either way.
func (db *DB) restoreSettings(t *table, s tableSettings) error {
	_, err := db.updateMeta(t, func(m *tableMeta) error {
		d := &m.Description
		d.BillingModeSummary, d.ProvisionedThroughput = s.billing, s.throughput
		d.StreamSpecification, d.LatestStreamArn, d.LatestStreamLabel = s.stream, s.streamARN, s.streamLabel
		for i := range d.GlobalSecondaryIndexes {
			g := &d.GlobalSecondaryIndexes[i]
			if pt, ok := s.indexes[aws.ToString(g.IndexName)]; ok {
				g.ProvisionedThroughput = pt
			}
		}
		return nil
	})
	return err
}
