package repo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"
)

// KeyAttribute is a key attribute: its name and scalar type (S, N or B).
// Key attributes are the only ones a table declares, so they are the only
// ones a definition names with a type.
type KeyAttribute struct {
	Name string
	Type types.ScalarAttributeType
}

func (a KeyAttribute) String() string {
	if a.Name == "" {
		return "none"
	}
	return fmt.Sprintf("%s (%s)", a.Name, a.Type)
}

// IndexSpec declares a secondary index. The same type serves global and
// local indexes; TableSpec's field says which one it is.
type IndexSpec struct {
	Name string
	// PartitionKey of a local index must be the table's; leaving it empty
	// means the table's.
	PartitionKey KeyAttribute
	// SortKey with Name "" means none (global indexes only: a local index
	// exists to give the table another sort key).
	SortKey KeyAttribute
	// Projection "" means ALL, so that queries on the index return whole
	// items unless the definition says otherwise.
	Projection types.ProjectionType
	// NonKeyAttributes are the attributes an INCLUDE projection copies.
	NonKeyAttributes []string
}

// TTLSpec declares Time to Live. Attribute names the expiry attribute
// (epoch seconds); Enabled turns deletion on. Declared but disabled changes
// nothing: EnsureTable never turns TTL off, because turning it back on can
// be refused by DynamoDB for up to an hour.
type TTLSpec struct {
	Attribute string
	Enabled   bool
}

// TableSpec is a table's definition as code, for EnsureTable. Only what a
// program depends on is declared: keys, indexes, TTL and, for new tables,
// billing.
type TableSpec struct {
	Name         string
	PartitionKey KeyAttribute
	// SortKey with Name "" means the table has a partition key only.
	SortKey       KeyAttribute
	GlobalIndexes []IndexSpec
	// LocalIndexes can only be made with the table: EnsureTable reports an
	// existing table that lacks one as a mismatch.
	LocalIndexes []IndexSpec
	TTL          TTLSpec
	// BillingMode "" means PAY_PER_REQUEST. PROVISIONED takes Throughput,
	// applied to a new table and to each global index EnsureTable adds.
	// An existing table's billing is left as it is.
	BillingMode types.BillingMode
	Throughput  *types.ProvisionedThroughput
}

// ErrTableMismatch is returned by EnsureTable when the table exists but
// differs from its definition in a way EnsureTable must not repair (keys,
// local indexes, an index's keys or projection, TTL on another attribute):
// repairing would mean deleting data, which is for a person to decide.
var ErrTableMismatch = errors.New("repo: table does not match its definition")

// TableSpec returns the definition of the repository's table as the
// repository uses it: string keys named by Config, and TTL declared on
// AttrTTL but not enabled (set TTL.Enabled to have DynamoDB delete expired
// items). Add indexes to it before passing it to EnsureTable.
func (r *Repository[T]) TableSpec() TableSpec {
	spec := TableSpec{
		Name:         r.cfg.Table,
		PartitionKey: KeyAttribute{Name: r.cfg.PartitionKey, Type: types.ScalarAttributeTypeS},
		TTL:          TTLSpec{Attribute: AttrTTL},
	}
	if !r.cfg.NoSortKey {
		spec.SortKey = KeyAttribute{Name: r.cfg.SortKey, Type: types.ScalarAttributeTypeS}
	}
	return spec
}

// EnsureTable makes the table match spec, like Terraform for one table:
// it creates a missing table, adds missing global indexes (one at a time,
// as DynamoDB requires), enables declared TTL, and waits until the table
// and its indexes are ACTIVE. What spec does not mention is left alone.
// Differences it cannot repair without losing data are reported as
// ErrTableMismatch before anything is changed; an invalid spec is reported
// as ErrInvalid before any call is made.
//
// It is idempotent (a second call only describes the table) and safe to run
// from several processes at once: losing a race to create the table, an
// index or TTL counts as success once the winner's result matches spec.
func EnsureTable(ctx context.Context, api API, spec TableSpec) error {
	if err := spec.validate(); err != nil {
		return fmt.Errorf("repo: EnsureTable %s: %w", spec.Name, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("repo: EnsureTable %s: %w", spec.Name, err)
	}
	e := &ensurer{api: api, spec: spec}
	if err := e.run(ctx); err != nil {
		// A call cut short by the context may report it in its own way
		// (the SDK's "canceled"); keep ctx.Err() matchable either way.
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			return fmt.Errorf("repo: EnsureTable %s: %w: %w", spec.Name, cerr, err)
		}
		return fmt.Errorf("repo: EnsureTable %s: %w", spec.Name, err)
	}
	return nil
}

// ensurer carries one EnsureTable call.
type ensurer struct {
	api  API
	spec TableSpec
}

func (e *ensurer) run(ctx context.Context) error {
	d, err := e.settle(ctx, "", nil)
	if err != nil {
		return err
	}
	// Check everything first, so a mismatch changes nothing.
	missing, err := e.check(d)
	if err != nil {
		return err
	}
	enableTTL := false
	if e.spec.TTL.Enabled {
		if enableTTL, err = e.ttlNeeded(ctx); err != nil {
			return err
		}
	}
	for _, ix := range missing {
		if d, err = e.addIndex(ctx, d, ix); err != nil {
			return err
		}
	}
	if enableTTL {
		return e.enableTTL(ctx)
	}
	return nil
}

// Polling pace while waiting for DynamoDB: the engine and DynamoDB Local
// settle at once, so the first look is soon; Amazon DynamoDB takes seconds
// to minutes, so the pace slows to one call every couple of seconds.
const (
	pollFirst = 25 * time.Millisecond
	pollMax   = 2 * time.Second
)

// settle describes the table until it and every global index on it are
// ACTIVE and ready (if not nil) accepts the description, creating the table
// whenever it is missing. Indexes being built by anyone are waited for,
// since DynamoDB builds one at a time and queries on them are incomplete
// until they are done. what says what is awaited, for errors.
func (e *ensurer) settle(ctx context.Context, what string, ready func(*types.TableDescription) bool) (*types.TableDescription, error) {
	delay := pollFirst
	for {
		out, err := e.api.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(e.spec.Name)})
		var notFound *types.ResourceNotFoundException
		switch {
		case errors.As(err, &notFound):
			// Missing, or not yet visible after a create (DescribeTable is
			// eventually consistent): creating again is harmless, since
			// ResourceInUseException counts as success.
			if err := e.create(ctx); err != nil {
				return nil, err
			}
		case err != nil:
			return nil, fmt.Errorf("DescribeTable: %w", err)
		case out.Table == nil:
			return nil, errors.New("DescribeTable: no table description")
		default:
			d := out.Table
			busy, err := busy(d)
			if err != nil {
				return nil, err
			}
			if !busy && (ready == nil || ready(d)) {
				return d, nil
			}
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			if what == "" {
				what = "table to become ACTIVE"
			}
			return nil, fmt.Errorf("waiting for %s: %w", what, ctx.Err())
		case <-t.C:
		}
		delay = min(delay*2, pollMax)
	}
}

// busy reports whether DynamoDB is still working on the table or one of
// its global indexes, and fails for states that waiting will not end.
func busy(d *types.TableDescription) (bool, error) {
	switch d.TableStatus {
	case types.TableStatusActive:
	case types.TableStatusCreating, types.TableStatusUpdating, types.TableStatusDeleting:
		return true, nil
	default:
		return false, fmt.Errorf("table is %s", d.TableStatus)
	}
	for _, g := range d.GlobalSecondaryIndexes {
		if g.IndexStatus != types.IndexStatusActive || aws.ToBool(g.Backfilling) {
			return true, nil
		}
	}
	return false, nil
}

// create creates the table as spec declares it.
func (e *ensurer) create(ctx context.Context) error {
	_, err := e.api.CreateTable(ctx, e.spec.createInput())
	var inUse *types.ResourceInUseException
	if errors.As(err, &inUse) {
		// Another process created it first (or it is being deleted);
		// settle looks at what is there.
		return nil
	}
	if err != nil {
		return callFailed("CreateTable", err)
	}
	return nil
}

// callFailed wraps the error of a call that changes the table. DynamoDB's
// ValidationException there means it refused what spec asks for, so the
// error also matches ErrInvalid.
func callFailed(op string, err error) error {
	if isValidation(err) {
		return fmt.Errorf("%s: %w: %w", op, ErrInvalid, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

func isValidation(err error) bool {
	var api smithy.APIError
	return errors.As(err, &api) && api.ErrorCode() == "ValidationException"
}

// check compares the existing table with spec and returns the global
// indexes to add, or an ErrTableMismatch error naming every difference.
func (e *ensurer) check(d *types.TableDescription) ([]IndexSpec, error) {
	s := e.spec
	defs := map[string]types.ScalarAttributeType{}
	for _, a := range d.AttributeDefinitions {
		defs[aws.ToString(a.AttributeName)] = a.AttributeType
	}
	var diffs []string
	pk, sk := describedKeys(d.KeySchema, defs)
	if pk != s.PartitionKey {
		diffs = append(diffs, fmt.Sprintf("partition key is %s, definition says %s", pk, s.PartitionKey))
	}
	if sk != s.SortKey {
		diffs = append(diffs, fmt.Sprintf("sort key is %s, definition says %s", sk, s.SortKey))
	}
	for _, ix := range s.LocalIndexes {
		i := slices.IndexFunc(d.LocalSecondaryIndexes, func(l types.LocalSecondaryIndexDescription) bool {
			return aws.ToString(l.IndexName) == ix.Name
		})
		if i < 0 {
			diffs = append(diffs, fmt.Sprintf("local index %s is missing (local indexes can only be made with the table)", ix.Name))
			continue
		}
		l := d.LocalSecondaryIndexes[i]
		diffs = append(diffs, indexDiffs("local", s.indexKeys(ix, true), ix, l.KeySchema, l.Projection, defs)...)
	}
	var missing []IndexSpec
	for _, ix := range s.GlobalIndexes {
		i := slices.IndexFunc(d.GlobalSecondaryIndexes, func(g types.GlobalSecondaryIndexDescription) bool {
			return aws.ToString(g.IndexName) == ix.Name
		})
		if i >= 0 {
			g := d.GlobalSecondaryIndexes[i]
			diffs = append(diffs, indexDiffs("global", s.indexKeys(ix, false), ix, g.KeySchema, g.Projection, defs)...)
			continue
		}
		// A new index's key attributes must keep the types the table
		// already gives them; DynamoDB would refuse the index otherwise.
		for _, a := range s.indexKeys(ix, false) {
			if t, ok := defs[a.Name]; ok && a.Name != "" && t != a.Type {
				diffs = append(diffs, fmt.Sprintf("attribute %s is %s on the table, global index %s declares it %s", a.Name, t, ix.Name, a.Type))
			}
		}
		missing = append(missing, ix)
	}
	if len(diffs) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrTableMismatch, strings.Join(diffs, "; "))
	}
	return missing, nil
}

// indexDiffs compares an existing index with its declaration.
func indexDiffs(kind string, want [2]KeyAttribute, ix IndexSpec, ks []types.KeySchemaElement, p *types.Projection, defs map[string]types.ScalarAttributeType) []string {
	var diffs []string
	pk, sk := describedKeys(ks, defs)
	if pk != want[0] || sk != want[1] {
		diffs = append(diffs, fmt.Sprintf("%s index %s has keys %s / %s, definition says %s / %s", kind, ix.Name, pk, sk, want[0], want[1]))
	}
	// The projection decides what a query on the index returns, so a
	// different one would break the program as surely as other keys.
	got, gotAttrs := types.ProjectionTypeAll, []string(nil)
	if p != nil && p.ProjectionType != "" {
		got, gotAttrs = p.ProjectionType, slices.Sorted(slices.Values(p.NonKeyAttributes))
	}
	wantType, wantAttrs := ix.projection(), slices.Sorted(slices.Values(ix.NonKeyAttributes))
	if got != wantType || (got == types.ProjectionTypeInclude && !slices.Equal(gotAttrs, wantAttrs)) {
		diffs = append(diffs, fmt.Sprintf("%s index %s projects %s %v, definition says %s %v", kind, ix.Name, got, gotAttrs, wantType, wantAttrs))
	}
	return diffs
}

// describedKeys reads a key schema with the types the table defines.
func describedKeys(ks []types.KeySchemaElement, defs map[string]types.ScalarAttributeType) (pk, sk KeyAttribute) {
	for _, k := range ks {
		a := KeyAttribute{Name: aws.ToString(k.AttributeName), Type: defs[aws.ToString(k.AttributeName)]}
		switch k.KeyType {
		case types.KeyTypeHash:
			pk = a
		case types.KeyTypeRange:
			sk = a
		}
	}
	return pk, sk
}

// maxIndexAttempts bounds the retries of an index creation that DynamoDB
// refused because the table was busy with someone else's change.
const maxIndexAttempts = 10

// addIndex adds the global index ix and waits until it is ACTIVE. When a
// concurrent process gets there first DynamoDB refuses the second creation
// (ValidationException: the index exists; LimitExceededException or
// ResourceInUseException: another index or change is under way): the table
// is described again, and the winner's index is accepted if it matches.
func (e *ensurer) addIndex(ctx context.Context, d *types.TableDescription, ix IndexSpec) (*types.TableDescription, error) {
	what := "global index " + ix.Name + " to become ACTIVE"
	hasIndex := func(d *types.TableDescription) bool {
		return slices.ContainsFunc(d.GlobalSecondaryIndexes, func(g types.GlobalSecondaryIndexDescription) bool {
			return aws.ToString(g.IndexName) == ix.Name
		})
	}
	for attempt := 1; ; attempt++ {
		_, err := e.api.UpdateTable(ctx, e.spec.indexInput(d, ix))
		if err == nil {
			// Wait until the new index shows (DescribeTable is eventually
			// consistent) and is built.
			d, err = e.settle(ctx, what, hasIndex)
			if err != nil {
				return nil, err
			}
			return d, nil
		}
		var limit *types.LimitExceededException
		var inUse *types.ResourceInUseException
		contended := errors.As(err, &limit) || errors.As(err, &inUse)
		if !contended && !isValidation(err) {
			return nil, fmt.Errorf("UpdateTable (create global index %s): %w", ix.Name, err)
		}
		d2, derr := e.settle(ctx, what, nil)
		if derr != nil {
			return nil, derr
		}
		if hasIndex(d2) {
			if _, cerr := e.check(d2); cerr != nil {
				return nil, cerr
			}
			return d2, nil
		}
		if !contended || attempt >= maxIndexAttempts {
			return nil, callFailed(fmt.Sprintf("UpdateTable (create global index %s)", ix.Name), err)
		}
		d = d2
	}
}

// ttlNeeded reports whether TTL must be enabled, and fails when it is on
// for another attribute (DynamoDB allows one TTL attribute per table).
func (e *ensurer) ttlNeeded(ctx context.Context) (bool, error) {
	out, err := e.api.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(e.spec.Name)})
	if err != nil {
		return false, fmt.Errorf("DescribeTimeToLive: %w", err)
	}
	var status types.TimeToLiveStatus
	var attr string
	if d := out.TimeToLiveDescription; d != nil {
		status, attr = d.TimeToLiveStatus, aws.ToString(d.AttributeName)
	}
	switch status {
	case "", types.TimeToLiveStatusDisabled:
		return true, nil
	case types.TimeToLiveStatusEnabled, types.TimeToLiveStatusEnabling:
		if attr != e.spec.TTL.Attribute {
			return false, fmt.Errorf("%w: TTL is %s on attribute %s, definition says %s", ErrTableMismatch, status, attr, e.spec.TTL.Attribute)
		}
		return false, nil
	default:
		// DISABLING: DynamoDB refuses to enable TTL until it is over,
		// which can take an hour; waiting here would stall a start-up.
		return false, fmt.Errorf("TTL is %s on attribute %s; it can be enabled once that ends", status, attr)
	}
}

// enableTTL turns TTL on. A concurrent process enabling it first makes
// DynamoDB refuse with a ValidationException; TTL is then described again
// and accepted if it is on the declared attribute.
func (e *ensurer) enableTTL(ctx context.Context) error {
	_, err := e.api.UpdateTimeToLive(ctx, &dynamodb.UpdateTimeToLiveInput{
		TableName: aws.String(e.spec.Name),
		TimeToLiveSpecification: &types.TimeToLiveSpecification{
			AttributeName: aws.String(e.spec.TTL.Attribute),
			Enabled:       aws.Bool(true),
		},
	})
	if err == nil {
		return nil
	}
	if isValidation(err) {
		need, derr := e.ttlNeeded(ctx)
		if derr != nil {
			return derr
		}
		if !need {
			return nil
		}
	}
	return fmt.Errorf("UpdateTimeToLive: %w", err)
}

// maxLocalIndexes is DynamoDB's fixed limit of local indexes per table.
// (The limit of global indexes is a quota an account can raise, so it is
// left to DynamoDB.)
const maxLocalIndexes = 5

// validate refuses what DynamoDB would refuse or what cannot be meant,
// before any call, so a typo fails at once with a message about the spec.
func (s TableSpec) validate() error {
	if err := checkResourceName("table name", s.Name); err != nil {
		return err
	}
	// Every key attribute has one type across the table and its indexes:
	// DynamoDB's attribute definitions are per table.
	typeOf := map[string]types.ScalarAttributeType{}
	use := func(where string, a KeyAttribute) error {
		if a.Name == "" {
			return invalid("%s has no name", where)
		}
		if len(a.Name) > 255 {
			return invalid("%s name %.20q... is longer than 255 bytes", where, a.Name)
		}
		switch a.Type {
		case types.ScalarAttributeTypeS, types.ScalarAttributeTypeN, types.ScalarAttributeTypeB:
		default:
			return invalid("%s %s has type %q, want S, N or B", where, a.Name, a.Type)
		}
		if t, ok := typeOf[a.Name]; ok && t != a.Type {
			return invalid("attribute %s is used as %s and as %s (%s)", a.Name, t, a.Type, where)
		}
		typeOf[a.Name] = a.Type
		return nil
	}
	if err := use("partition key", s.PartitionKey); err != nil {
		return err
	}
	if s.SortKey.Name == "" {
		if s.SortKey.Type != "" {
			return invalid("sort key has type %s but no name", s.SortKey.Type)
		}
	} else {
		if err := use("sort key", s.SortKey); err != nil {
			return err
		}
		if s.SortKey.Name == s.PartitionKey.Name {
			return invalid("sort key %s is also the partition key", s.SortKey.Name)
		}
	}
	if len(s.LocalIndexes) > maxLocalIndexes {
		return invalid("%d local indexes, DynamoDB allows %d", len(s.LocalIndexes), maxLocalIndexes)
	}
	if len(s.LocalIndexes) > 0 && s.SortKey.Name == "" {
		return invalid("local indexes need a table with a sort key")
	}
	names := map[string]bool{}
	for i, ix := range slices.Concat(s.GlobalIndexes, s.LocalIndexes) {
		local := i >= len(s.GlobalIndexes)
		kind := "global index"
		if local {
			kind = "local index"
		}
		if err := checkResourceName(kind+" name", ix.Name); err != nil {
			return err
		}
		if names[ix.Name] {
			return invalid("index name %s is used twice", ix.Name)
		}
		names[ix.Name] = true
		where := kind + " " + ix.Name
		if local && ix.PartitionKey.Name != "" && (ix.PartitionKey.Name != s.PartitionKey.Name || (ix.PartitionKey.Type != "" && ix.PartitionKey.Type != s.PartitionKey.Type)) {
			return invalid("%s has partition key %s; a local index's must be the table's, %s", where, ix.PartitionKey, s.PartitionKey)
		}
		if local && ix.PartitionKey.Name == "" && ix.PartitionKey.Type != "" {
			return invalid("%s partition key has type %s but no name", where, ix.PartitionKey.Type)
		}
		keys := s.indexKeys(ix, local)
		if err := use(where+" partition key", keys[0]); err != nil {
			return err
		}
		switch {
		case keys[1].Name != "":
			if err := use(where+" sort key", keys[1]); err != nil {
				return err
			}
			if keys[1].Name == keys[0].Name {
				return invalid("%s sort key %s is also its partition key", where, keys[1].Name)
			}
		case local:
			return invalid("%s has no sort key; a local index exists to give the table another", where)
		case keys[1].Type != "":
			return invalid("%s sort key has type %s but no name", where, keys[1].Type)
		}
		if err := ix.validateProjection(where); err != nil {
			return err
		}
	}
	if s.TTL.Enabled && s.TTL.Attribute == "" {
		return invalid("TTL is enabled but names no attribute")
	}
	if len(s.TTL.Attribute) > 255 {
		return invalid("TTL attribute name %.20q... is longer than 255 bytes", s.TTL.Attribute)
	}
	switch s.BillingMode {
	case "", types.BillingModePayPerRequest:
		if s.Throughput != nil {
			return invalid("throughput is given but billing mode is PAY_PER_REQUEST; set BillingMode PROVISIONED")
		}
	case types.BillingModeProvisioned:
		t := s.Throughput
		if t == nil || aws.ToInt64(t.ReadCapacityUnits) < 1 || aws.ToInt64(t.WriteCapacityUnits) < 1 {
			return invalid("billing mode PROVISIONED needs Throughput with read and write capacity units of at least 1")
		}
	default:
		return invalid("billing mode %q, want PAY_PER_REQUEST or PROVISIONED", s.BillingMode)
	}
	return nil
}

func (ix IndexSpec) validateProjection(where string) error {
	switch ix.projection() {
	case types.ProjectionTypeAll, types.ProjectionTypeKeysOnly:
		if len(ix.NonKeyAttributes) > 0 {
			return invalid("%s lists non-key attributes, which only an INCLUDE projection takes", where)
		}
	case types.ProjectionTypeInclude:
		if len(ix.NonKeyAttributes) == 0 {
			return invalid("%s projects INCLUDE but lists no non-key attributes", where)
		}
		seen := map[string]bool{}
		for _, a := range ix.NonKeyAttributes {
			if a == "" || seen[a] {
				return invalid("%s non-key attribute %q is empty or listed twice", where, a)
			}
			seen[a] = true
		}
	default:
		return invalid("%s has projection %q, want ALL, KEYS_ONLY or INCLUDE", where, ix.Projection)
	}
	return nil
}

// checkResourceName applies DynamoDB's rule for table and index names.
func checkResourceName(what, name string) error {
	if len(name) < 3 || len(name) > 255 {
		return invalid("%s %q must be 3 to 255 characters long", what, name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return invalid("%s %q has %q; only letters, digits, '_', '-' and '.' are allowed", what, name, c)
		}
	}
	return nil
}

// projection is the index's projection type, ALL when not given.
func (ix IndexSpec) projection() types.ProjectionType {
	if ix.Projection == "" {
		return types.ProjectionTypeAll
	}
	return ix.Projection
}

// indexKeys is ix's partition and sort key, a local index's partition key
// filled in from the table's.
func (s TableSpec) indexKeys(ix IndexSpec, local bool) [2]KeyAttribute {
	pk := ix.PartitionKey
	if local {
		pk = s.PartitionKey
	}
	return [2]KeyAttribute{pk, ix.SortKey}
}

// keySchema is DynamoDB's form of a partition and optional sort key.
func keySchema(pk, sk KeyAttribute) []types.KeySchemaElement {
	ks := []types.KeySchemaElement{{AttributeName: aws.String(pk.Name), KeyType: types.KeyTypeHash}}
	if sk.Name != "" {
		ks = append(ks, types.KeySchemaElement{AttributeName: aws.String(sk.Name), KeyType: types.KeyTypeRange})
	}
	return ks
}

// definitions are the attribute definitions of keys, once each, sorted by
// name. DynamoDB refuses definitions no key uses, so only these are sent.
func definitions(keys ...KeyAttribute) []types.AttributeDefinition {
	seen := map[string]bool{}
	var defs []types.AttributeDefinition
	for _, k := range keys {
		if k.Name == "" || seen[k.Name] {
			continue
		}
		seen[k.Name] = true
		defs = append(defs, types.AttributeDefinition{AttributeName: aws.String(k.Name), AttributeType: k.Type})
	}
	slices.SortFunc(defs, func(a, b types.AttributeDefinition) int {
		return strings.Compare(aws.ToString(a.AttributeName), aws.ToString(b.AttributeName))
	})
	return defs
}

func (ix IndexSpec) projectionInput() *types.Projection {
	p := &types.Projection{ProjectionType: ix.projection()}
	if p.ProjectionType == types.ProjectionTypeInclude {
		p.NonKeyAttributes = slices.Clone(ix.NonKeyAttributes)
	}
	return p
}

// throughput is a copy of the declared throughput, for one table or index.
func (s TableSpec) throughput() *types.ProvisionedThroughput {
	return &types.ProvisionedThroughput{
		ReadCapacityUnits:  aws.Int64(aws.ToInt64(s.Throughput.ReadCapacityUnits)),
		WriteCapacityUnits: aws.Int64(aws.ToInt64(s.Throughput.WriteCapacityUnits)),
	}
}

// createInput is the CreateTable request for the whole spec.
func (s TableSpec) createInput() *dynamodb.CreateTableInput {
	in := &dynamodb.CreateTableInput{
		TableName:   aws.String(s.Name),
		KeySchema:   keySchema(s.PartitionKey, s.SortKey),
		BillingMode: types.BillingModePayPerRequest,
	}
	provisioned := s.BillingMode == types.BillingModeProvisioned
	if provisioned {
		in.BillingMode = types.BillingModeProvisioned
		in.ProvisionedThroughput = s.throughput()
	}
	keys := []KeyAttribute{s.PartitionKey, s.SortKey}
	for _, ix := range s.GlobalIndexes {
		k := s.indexKeys(ix, false)
		keys = append(keys, k[:]...)
		g := types.GlobalSecondaryIndex{
			IndexName:  aws.String(ix.Name),
			KeySchema:  keySchema(k[0], k[1]),
			Projection: ix.projectionInput(),
		}
		if provisioned {
			g.ProvisionedThroughput = s.throughput()
		}
		in.GlobalSecondaryIndexes = append(in.GlobalSecondaryIndexes, g)
	}
	for _, ix := range s.LocalIndexes {
		k := s.indexKeys(ix, true)
		keys = append(keys, k[:]...)
		in.LocalSecondaryIndexes = append(in.LocalSecondaryIndexes, types.LocalSecondaryIndex{
			IndexName:  aws.String(ix.Name),
			KeySchema:  keySchema(k[0], k[1]),
			Projection: ix.projectionInput(),
		})
	}
	in.AttributeDefinitions = definitions(keys...)
	return in
}

// indexInput is the UpdateTable request that adds the global index ix to
// the table d describes. The index's throughput follows the table's actual
// billing, not the spec's, since EnsureTable leaves an existing table's
// billing alone: a provisioned table's new index gets the declared
// throughput, or the table's own when none is declared.
func (s TableSpec) indexInput(d *types.TableDescription, ix IndexSpec) *dynamodb.UpdateTableInput {
	k := s.indexKeys(ix, false)
	c := &types.CreateGlobalSecondaryIndexAction{
		IndexName:  aws.String(ix.Name),
		KeySchema:  keySchema(k[0], k[1]),
		Projection: ix.projectionInput(),
	}
	if provisionedTable(d) {
		var read, write int64
		if t := d.ProvisionedThroughput; t != nil {
			read, write = aws.ToInt64(t.ReadCapacityUnits), aws.ToInt64(t.WriteCapacityUnits)
		}
		if s.Throughput != nil {
			read, write = aws.ToInt64(s.Throughput.ReadCapacityUnits), aws.ToInt64(s.Throughput.WriteCapacityUnits)
		}
		c.ProvisionedThroughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(read), WriteCapacityUnits: aws.Int64(write)}
	}
	return &dynamodb.UpdateTableInput{
		TableName:                   aws.String(s.Name),
		AttributeDefinitions:        definitions(k[:]...),
		GlobalSecondaryIndexUpdates: []types.GlobalSecondaryIndexUpdate{{Create: c}},
	}
}

// provisionedTable reports whether d bills by provisioned capacity. Tables
// created before on-demand billing existed have no BillingModeSummary, so
// positive capacity units say it too.
func provisionedTable(d *types.TableDescription) bool {
	if b := d.BillingModeSummary; b != nil && b.BillingMode != "" {
		return b.BillingMode == types.BillingModeProvisioned
	}
	return d.ProvisionedThroughput != nil && aws.ToInt64(d.ProvisionedThroughput.ReadCapacityUnits) > 0
}
