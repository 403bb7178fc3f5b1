package validate

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Messages of UpdateTable. Unless a comment says otherwise they are Amazon
// DynamoDB's as captured live in us-east-1 and us-west-2 in October 2026
// (ack-api-quirks DynamoDB findings DDB-TABLE-018, -050, -056, -057, -433,
// -442); DynamoDB Local words nearly all of them differently.
const (
	// MsgThroughputUnchangedFmt: ProvisionedThroughput equal to the
	// table's; the arguments are current and requested read, then current
	// and requested write capacity (also mhart/dynalite test/updateTable.js,
	// recorded against DynamoDB).
	MsgThroughputUnchangedFmt = "The provisioned throughput for the table will not change. The requested value equals the current value. " +
		"Current ReadCapacityUnits provisioned for the table: %d. Requested ReadCapacityUnits: %d. " +
		"Current WriteCapacityUnits provisioned for the table: %d. Requested WriteCapacityUnits: %d. " +
		"Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
	// MsgThroughputOnPayPerRequest: ProvisionedThroughput without BillingMode
	// for an on-demand table. (With BillingMode PAY_PER_REQUEST in the same
	// request the message is another one, checked before the lookup.)
	MsgThroughputOnPayPerRequest = invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
	// MsgIndexThroughputRequiredFmt: a switch to PROVISIONED without an
	// Update carrying ProvisionedThroughput for every global index.
	MsgIndexThroughputRequiredFmt = invalid + "ProvisionedThroughput must be specified for index: %s"
	// MsgIndexThroughputOnPayPerRequestFmt: a switch to PAY_PER_REQUEST
	// with an index Update that carries ProvisionedThroughput.
	MsgIndexThroughputOnPayPerRequestFmt = invalid + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: %s when BillingMode is PAY_PER_REQUEST"
	// MsgStreamAlreadyEnabledFmt: enabling a stream (with any view type)
	// on a table that has one; %s is the table name.
	MsgStreamAlreadyEnabledFmt = "Table already has an enabled stream: TableName: %s"
	// MsgNoStreamToDisableFmt: disabling the stream of a table without one.
	MsgNoStreamToDisableFmt = "Table has no stream to disable: TableName: %s"
	// MsgAlreadyEncryptedByDefault: asking for the AWS owned key (Enabled
	// false, or an empty SSESpecification) on a table that uses it.
	MsgAlreadyEncryptedByDefault = invalid + "Table is already encrypted by default"
	// MsgAlreadyEncryptedWithKey: KMSMasterKeyId equal to the table's key ARN.
	MsgAlreadyEncryptedWithKey = invalid + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to change Master Key"

	// MaxDecreasesPerDay is how many provisioned throughput decreases a
	// table gets per UTC day before they are rationed to one an hour.
	MaxDecreasesPerDay = 4
)

// Enum value sets of UpdateTable's members that CreateTable does not print
// the same way.
var (
	// The StreamViewType order of DynamoDB's current Coral messages
	// (ack-api-quirks DDB-TABLE-035, captured live October 2026); older
	// captures (mhart/dynalite, used by CreateTable here) printed
	// [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY].
	enumStreamViewTypeUpdate = []string{"OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE"}
)

// UpdateTable checks an UpdateTable request as DynamoDB does before it
// looks the table up: the missing name, the model's constraints, then the
// rules of the request alone. The engine then looks the table up
// (ResourceNotFoundException, MsgTableNotFoundFmt) and applies
// UpdateTableOnTable. GlobalSecondaryIndexUpdates is checked here only as
// far as the request alone goes (model constraints, one action per entry,
// one update per index, which members may accompany it); what depends on
// the table's indexes is the index code's.
func UpdateTable(in *dynamodb.UpdateTableInput) error {
	// As for CreateTable, DescribeTable and DeleteTable, a missing name is
	// reported alone, in words (mhart/dynalite test/updateTable.js "should
	// return ValidationException for no TableName", recorded against
	// DynamoDB).
	if in.TableName == nil {
		return errTableNameRequired
	}
	if err := updateTableModel(in); err != nil {
		return err
	}
	return updateTableSemantics(in)
}

// updateTableModel checks the constraints of the API model. The members are
// listed in the SDK's order (required first, then alphabetical), which
// decides ties in Coral's ordering of the violations.
func updateTableModel(in *dynamodb.UpdateTableInput) error {
	var c collector
	c.structure(
		member{"tableName", func() { c.updateTableName(in.TableName) }},
		member{"attributeDefinitions", func() { c.optionalAttributeDefinitions(in.AttributeDefinitions) }},
		member{"billingMode", func() { c.checkEnum(string(in.BillingMode), "billingMode", enumBillingMode...) }},
		member{"deletionProtectionEnabled", nil},
		member{"disassociationProtectionEnabled", nil},
		member{"globalSecondaryIndexUpdates", func() { c.globalSecondaryIndexUpdates(in.GlobalSecondaryIndexUpdates) }},
		member{"globalTableSettingsReplicationMode", nil},
		member{"globalTableWitnessUpdates", nil},
		member{"multiRegionConsistency", nil},
		member{"onDemandThroughput", nil},
		member{"provisionedThroughput", func() { c.provisionedThroughput(in.ProvisionedThroughput, "provisionedThroughput") }},
		member{"replicaUpdates", func() {
			// An empty list is refused by the model (ack-api-quirks
			// DDB-TABLE-437: "ReplicaUpdates [] -> Member must have length
			// greater than or equal to 1").
			if in.ReplicaUpdates != nil && len(in.ReplicaUpdates) == 0 {
				c.add(quote("[]"), "replicaUpdates", minLen(1))
			}
		}},
		member{"sSESpecification", func() { c.sseSpecification(in.SSESpecification) }},
		member{"streamSpecification", func() { c.streamSpecification(in.StreamSpecification, enumStreamViewTypeUpdate) }},
		// TableClass has no enum constraint in the model: a wrong value is
		// reported by the semantic checks, as for CreateTable.
		member{"tableClass", nil},
		member{"vectorIndexUpdates", nil},
		member{"warmThroughput", nil},
	)
	return c.err()
}

// updateTableName applies UpdateTable's TableName constraints. The member
// takes a name or an ARN; DynamoDB holds a name to CreateTable's rules
// (pattern, 3 to 255 long: "Value 'ab' at 'tableName' failed to satisfy
// constraint: Member must have length greater than or equal to 3",
// ack-api-quirks DDB-TABLE-442, captured live on UpdateTable) and an ARN to
// the model's 1024.
func (c *collector) updateTableName(s *string) {
	if s != nil && isARN(*s) {
		if javaLen(*s) > 1024 {
			c.add(quote(*s), "tableName", maxLen(1024))
		}
		return
	}
	c.checkName(s, "tableName", true)
}

// optionalAttributeDefinitions checks UpdateTable's AttributeDefinitions,
// which unlike CreateTable's may be absent.
func (c *collector) optionalAttributeDefinitions(defs []types.AttributeDefinition) {
	if defs != nil {
		c.attributeDefinitions(defs)
	}
}

func (c *collector) globalSecondaryIndexUpdates(updates []types.GlobalSecondaryIndexUpdate) {
	for i := range updates {
		u := &updates[i]
		p := "globalSecondaryIndexUpdates." + strconv.Itoa(i+1) + ".member."
		c.structure(
			member{"create", func() {
				x := u.Create
				if x == nil {
					return
				}
				q := p + "create."
				c.structure(
					member{"indexName", func() { c.checkName(x.IndexName, q+"indexName", true) }},
					member{"keySchema", func() { c.keySchema(x.KeySchema, q+"keySchema", false) }},
					member{"projection", func() { c.projection(x.Projection, q+"projection") }},
					member{"onDemandThroughput", nil},
					member{"provisionedThroughput", func() { c.provisionedThroughput(x.ProvisionedThroughput, q+"provisionedThroughput") }},
					member{"warmThroughput", nil},
				)
			}},
			member{"delete", func() {
				if x := u.Delete; x != nil {
					c.structure(member{"indexName", func() { c.checkName(x.IndexName, p+"delete.indexName", true) }})
				}
			}},
			member{"update", func() {
				x := u.Update
				if x == nil {
					return
				}
				q := p + "update."
				c.structure(
					member{"indexName", func() { c.checkName(x.IndexName, q+"indexName", true) }},
					member{"onDemandThroughput", nil},
					member{"provisionedThroughput", func() { c.provisionedThroughput(x.ProvisionedThroughput, q+"provisionedThroughput") }},
					member{"warmThroughput", nil},
				)
			}},
		)
	}
}

// change is one member of an UpdateTable request that asks for a change.
type change struct {
	present bool
	name    string // as DynamoDB's "At least one of ..." message names it
}

// changes lists the members of in that ask for a change, in the order of
// DynamoDB's "At least one of ..." message. AttributeDefinitions is not one:
// it only serves a new index (ack-api-quirks DDB-TABLE-358: alone it is
// refused, next to another change it is ignored). MultiRegionConsistency is
// not one either (DDB-TABLE-442: alone it is refused). The members without
// a name are changes DynamoDB's message does not list.
func changes(in *dynamodb.UpdateTableInput) []change {
	return []change{
		{in.ProvisionedThroughput != nil, "ProvisionedThroughput"},
		{in.BillingMode != "", "BillingMode"},
		{in.StreamSpecification != nil, "UpdateStreamEnabled"},
		{len(in.GlobalSecondaryIndexUpdates) > 0, "GlobalSecondaryIndexUpdates"},
		{in.SSESpecification != nil, "SSESpecification"},
		{in.ReplicaUpdates != nil, "ReplicaUpdates"},
		{false, "MultiAccountReplicaReady"},
		{false, "ReplicaTransitRoleArn"},
		{false, "MultiRegionConsistency"},
		{in.DeletionProtectionEnabled != nil, "DeletionProtectionEnabled"},
		{in.OnDemandThroughput != nil, "OnDemandThroughput"},
		{in.WarmThroughput != nil, "WarmThroughput"},
		{in.TableClass != "", "TableClass"},
		{len(in.GlobalTableWitnessUpdates) > 0, ""},
		{len(in.VectorIndexUpdates) > 0, ""},
		{in.GlobalTableSettingsReplicationMode != "", ""},
		{in.DisassociationProtectionEnabled != nil, ""},
	}
}

// nothingToUpdate is DynamoDB's answer to a request without a change. Its
// list leaves out the members the request has (observed for
// MultiRegionConsistency, the only one that can be present then:
// ack-api-quirks DDB-TABLE-442, "val_update_mrc_only"). The older wording
// ("... GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates
// is required", mhart/dynalite) predates the newer members.
func nothingToUpdate(in *dynamodb.UpdateTableInput) error {
	var names []string
	for _, ch := range changes(in) {
		if ch.name == "" || (ch.name == "MultiRegionConsistency" && in.MultiRegionConsistency != "") {
			continue
		}
		names = append(names, ch.name)
	}
	last := len(names) - 1
	return apierr.Validation("At least one of " + strings.Join(names[:last], ", ") + " or " + names[last] + " is required")
}

// updateTableSemantics are the rules DynamoDB checks on the request alone,
// in this order: something to change; the table class; the members that
// must be alone or may not go together; billing mode against
// ProvisionedThroughput; capacity bounds; the shape of the index updates;
// the stream specification; the SSE specification.
func updateTableSemantics(in *dynamodb.UpdateTableInput) error {
	nChanges := 0
	for _, ch := range changes(in) {
		if ch.present {
			nChanges++
		}
	}
	if nChanges == 0 {
		return nothingToUpdate(in)
	}
	if in.TableClass != "" && !inEnum(string(in.TableClass), enumTableClass) {
		return apierr.Validation("Invalid table-class parameter provided. Please try again with a valid table-class value: [STANDARD, STANDARD_INFREQUENT_ACCESS].")
	}
	if err := updateTableCombination(in, nChanges); err != nil {
		return err
	}
	pt := in.ProvisionedThroughput
	switch in.BillingMode {
	case types.BillingModePayPerRequest:
		if pt != nil {
			return apierr.Validation(invalid + "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST")
		}
	case types.BillingModeProvisioned:
		if pt == nil {
			return apierr.Validation(invalid + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED")
		}
	}
	// The model makes both units present once pt is.
	if pt != nil {
		if err := capacityBounds(pt); err != nil {
			return err
		}
	}
	if err := indexUpdatesShape(in.GlobalSecondaryIndexUpdates); err != nil {
		return err
	}
	if s := in.StreamSpecification; s != nil {
		// The model makes StreamEnabled present.
		if *s.StreamEnabled && s.StreamViewType == "" {
			return apierr.Validation(invalid + "If stream is being enabled then UpdateViewType is required")
		}
		if !*s.StreamEnabled && s.StreamViewType != "" {
			return apierr.Validation(invalid + "If stream is being disabled, then UpdateViewType must not be specified")
		}
	}
	return checkSSE(in.SSESpecification)
}

// updateTableCombination enforces that UpdateTable makes one kind of change
// at a time (AWS API reference, UpdateTable: "You can only perform one of
// the following operations at once"). The pairs and messages are Amazon
// DynamoDB's (ack-api-quirks DDB-TABLE-382 and -433, every pair tried on
// idle tables; DDB-TABLE-174 for index creation): SSE, TableClass,
// DeletionProtectionEnabled and WarmThroughput must be alone, named in that
// order of precedence; OnDemandThroughput goes only with BillingMode; a
// stream change goes with neither throughput nor a switch to PROVISIONED; an
// index Create or Delete goes with neither throughput nor a stream change.
// BillingMode PAY_PER_REQUEST with a stream change, and ProvisionedThroughput
// or BillingMode with index Updates, are accepted.
func updateTableCombination(in *dynamodb.UpdateTableInput, nChanges int) error {
	alone := nChanges == 1
	switch {
	case in.SSESpecification != nil && !alone:
		return apierr.Validation(invalid + "Server-Side Encryption modification must be the only operation in the request")
	case in.TableClass != "" && !alone:
		return apierr.Validation(invalid + "TableClass modification must be the only operation in the request")
	case in.DeletionProtectionEnabled != nil && !alone:
		return apierr.Validation(invalid + "DeletionProtection modification must be the only operation in the request")
	}
	createOrDelete := false
	for _, u := range in.GlobalSecondaryIndexUpdates {
		if u.Create != nil || u.Delete != nil {
			createOrDelete = true
		}
	}
	if in.WarmThroughput != nil && !alone {
		for _, u := range in.GlobalSecondaryIndexUpdates {
			if u.Create != nil {
				return apierr.Validation(invalid + "Create global secondary index cannot be specified when updating WarmThroughput")
			}
		}
		return apierr.Validation(invalid + "WarmThroughput must be the only operation in the request")
	}
	if in.OnDemandThroughput != nil {
		withBilling := 0
		if in.BillingMode != "" {
			withBilling = 1
		}
		if nChanges-1-withBilling > 0 {
			return apierr.Validation(invalid + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request")
		}
	}
	iops := in.ProvisionedThroughput != nil || in.BillingMode == types.BillingModeProvisioned
	switch {
	case in.StreamSpecification != nil && iops:
		return apierr.Validation(invalid + "You cannot modify stream status while updating table IOPS")
	case createOrDelete && in.ProvisionedThroughput != nil:
		return apierr.Validation(invalid + "You cannot create or delete index while updating table IOPS")
	case createOrDelete && in.StreamSpecification != nil:
		return apierr.Validation(invalid + "You cannot create or delete index while changing stream status")
	}
	return nil
}

// indexUpdatesShape checks each index update on its own: one action per
// entry, one entry per index (mhart/dynalite test/updateTable.js, recorded
// against DynamoDB; ack-api-quirks DDB-TABLE-442 for the one-action rule).
func indexUpdatesShape(updates []types.GlobalSecondaryIndexUpdate) error {
	seen := make(map[string]bool, len(updates))
	for _, u := range updates {
		var name *string
		actions := 0
		if u.Update != nil {
			actions++
			name = u.Update.IndexName
		}
		if u.Create != nil {
			actions++
			if name == nil {
				name = u.Create.IndexName
			}
		}
		if u.Delete != nil {
			actions++
			if name == nil {
				name = u.Delete.IndexName
			}
		}
		switch {
		case actions == 0:
			return apierr.Validation(invalid + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null")
		case actions > 1:
			return apierr.Validation(invalid + "Only one global secondary index action is allowed per GlobalSecondaryIndexUpdate object")
		}
		// The model makes the index name present.
		if seen[aws.ToString(name)] {
			return apierr.Validation(invalid + "Only one global secondary index update per index is allowed simultaneously. Index: " + aws.ToString(name))
		}
		seen[aws.ToString(name)] = true
	}
	return nil
}

// SSEEnables reports whether s asks for KMS encryption rather than the AWS
// owned key: Enabled true, or Enabled absent with an SSEType or a key
// (ack-api-quirks DDB-TABLE-044: {SSEType:KMS} alone enables, {} does not).
func SSEEnables(s *types.SSESpecification) bool {
	if s.Enabled != nil {
		return *s.Enabled
	}
	return s.SSEType != "" || s.KMSMasterKeyId != nil
}

// IsPayPerRequest reports whether a table description is on-demand.
func IsPayPerRequest(d *types.TableDescription) bool {
	return d.BillingModeSummary != nil && d.BillingModeSummary.BillingMode == types.BillingModePayPerRequest
}

// UpdateTableOnTable checks an UpdateTable request that passed UpdateTable
// against the table's current description d: what the request may not ask
// of this table in its present state. The first failure is returned; the
// rules rarely meet, since the request-level checks keep most members
// apart.
func UpdateTableOnTable(in *dynamodb.UpdateTableInput, d *types.TableDescription) error {
	name := aws.ToString(d.TableName)
	payPerRequest := IsPayPerRequest(d)
	pt := in.ProvisionedThroughput
	if pt != nil && in.BillingMode == "" && payPerRequest {
		return apierr.Validation(MsgThroughputOnPayPerRequest)
	}
	switch {
	case in.BillingMode == types.BillingModeProvisioned && payPerRequest:
		// A provisioned table's indexes are provisioned too, and DynamoDB
		// does not guess their capacity (ack-api-quirks DDB-TABLE-152).
		for _, g := range d.GlobalSecondaryIndexes {
			if !indexThroughputGiven(in, aws.ToString(g.IndexName)) {
				return apierr.Validationf(MsgIndexThroughputRequiredFmt, aws.ToString(g.IndexName))
			}
		}
	case in.BillingMode == types.BillingModePayPerRequest && !payPerRequest:
		for _, u := range in.GlobalSecondaryIndexUpdates {
			if u.Update != nil && u.Update.ProvisionedThroughput != nil {
				return apierr.Validationf(MsgIndexThroughputOnPayPerRequestFmt, aws.ToString(u.Update.IndexName))
			}
		}
	}
	if pt != nil && !payPerRequest {
		var curR, curW int64
		if cur := d.ProvisionedThroughput; cur != nil {
			curR, curW = aws.ToInt64(cur.ReadCapacityUnits), aws.ToInt64(cur.WriteCapacityUnits)
		}
		r, w := aws.ToInt64(pt.ReadCapacityUnits), aws.ToInt64(pt.WriteCapacityUnits)
		if r == curR && w == curW {
			return apierr.Validationf(MsgThroughputUnchangedFmt, curR, r, curW, w)
		}
	}
	if s := in.StreamSpecification; s != nil {
		enabled := d.StreamSpecification != nil && aws.ToBool(d.StreamSpecification.StreamEnabled)
		// DynamoDB cannot change a stream's view type in place: a second
		// enable is refused whatever its view type (DDB-TABLE-050).
		if aws.ToBool(s.StreamEnabled) && enabled {
			return apierr.Validationf(MsgStreamAlreadyEnabledFmt, name)
		}
		if !aws.ToBool(s.StreamEnabled) && !enabled {
			return apierr.Validationf(MsgNoStreamToDisableFmt, name)
		}
	}
	if s := in.SSESpecification; s != nil {
		cur := d.SSEDescription
		switch {
		case !SSEEnables(s) && cur == nil:
			return apierr.Validation(MsgAlreadyEncryptedByDefault)
		case SSEEnables(s) && cur != nil && s.KMSMasterKeyId != nil && *s.KMSMasterKeyId == aws.ToString(cur.KMSMasterKeyArn):
			// Only the key's ARN is compared: an alias or key id of the
			// same key re-encrypts (DDB-TABLE-082).
			return apierr.Validation(MsgAlreadyEncryptedWithKey)
		}
	}
	return nil
}

// indexThroughputGiven reports whether in has an Update with
// ProvisionedThroughput for the index.
func indexThroughputGiven(in *dynamodb.UpdateTableInput, index string) bool {
	for _, u := range in.GlobalSecondaryIndexUpdates {
		if u.Update != nil && aws.ToString(u.Update.IndexName) == index && u.Update.ProvisionedThroughput != nil {
			return true
		}
	}
	return false
}

// DecreaseLimit is DynamoDB's LimitExceededException for a provisioned
// throughput decrease beyond the day's allowance: decreases is today's
// count, last the latest decrease, next when the next one is allowed
// (ack-api-quirks DDB-TABLE-184 and -326, captured live October 2026).
func DecreaseLimit(decreases int64, last, next time.Time) error {
	return apierr.LimitExceeded(fmt.Sprintf("Subscriber limit exceeded: Provisioned throughput decreases are limited within a given UTC day. "+
		"After the first %d decreases, each subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. "+
		"Number of decreases today: %d. Last decrease at %s. Next decrease can be made at %s.",
		MaxDecreasesPerDay, decreases, longUTC(last), longUTC(next)))
}

// longUTC formats t as DynamoDB's decrease message does: "Thursday,
// October 8, 2026 at 11:20:48 PM Coordinated Universal Time".
func longUTC(t time.Time) string {
	return t.UTC().Format("Monday, January 2, 2006 at 3:04:05 PM") + " Coordinated Universal Time"
}
