package engine

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/validate"
)

// CreateTable creates a table. As in DynamoDB the response says CREATING;
// the table is usable at once and DescribeTable reports it ACTIVE.
func (db *DB) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.CreateTable(in); err != nil {
		return nil, err
	}
	name := aws.ToString(in.TableName)

	db.catalogMu.Lock()
	defer db.catalogMu.Unlock()
	if _, ok := db.tables[name]; ok {
		return nil, apierr.ResourceInUse(fmt.Sprintf(validate.MsgTableExistsFmt, name))
	}
	id := db.nextID
	meta := tableMeta{ID: id, Description: db.newDescription(in), Tags: mergeTags(nil, in.Tags)}
	// Each index gets the next ids: ids are never reused, so a dropped
	// table's or index's entries can never be mistaken for a new one's.
	next := id + 1
	for _, g := range meta.Description.GlobalSecondaryIndexes {
		meta.Indexes = append(meta.Indexes, indexMeta{Name: aws.ToString(g.IndexName), ID: next})
		next++
	}
	for _, l := range meta.Description.LocalSecondaryIndexes {
		meta.Indexes = append(meta.Indexes, indexMeta{Name: aws.ToString(l.IndexName), ID: next})
		next++
	}
	t, err := newTable(meta)
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(meta)
	if err != nil {
		return nil, fmt.Errorf("engine: create table %q: %w", name, err)
	}
	b := db.store.NewBatch()
	b.Set(catalogKey(name), raw)
	if err := b.Commit(); err != nil {
		return nil, fmt.Errorf("engine: create table %q: %w", name, err)
	}
	db.nextID = next
	db.tables[name] = t

	created := t.description()
	created.TableStatus = types.TableStatusCreating
	for i := range created.GlobalSecondaryIndexes {
		created.GlobalSecondaryIndexes[i].IndexStatus = types.IndexStatusCreating
	}
	if created.BillingModeSummary != nil {
		// DynamoDB's CreateTable answer names the billing mode only;
		// DescribeTable adds when it took effect.
		created.BillingModeSummary = &types.BillingModeSummary{BillingMode: created.BillingModeSummary.BillingMode}
	}
	return &dynamodb.CreateTableOutput{TableDescription: created}, nil
}

// newDescription builds the description DynamoDB returns for a new table.
func (db *DB) newDescription(in *dynamodb.CreateTableInput) types.TableDescription {
	now := db.now().UTC().Truncate(1e6) // DynamoDB reports milliseconds
	name := aws.ToString(in.TableName)
	d := types.TableDescription{
		TableName:                 in.TableName,
		TableArn:                  aws.String(fmt.Sprintf("arn:aws:dynamodb:%s:%s:table/%s", db.region, db.acct, name)),
		TableStatus:               types.TableStatusActive,
		CreationDateTime:          &now,
		AttributeDefinitions:      in.AttributeDefinitions,
		KeySchema:                 in.KeySchema,
		ItemCount:                 aws.Int64(0),
		TableSizeBytes:            aws.Int64(0),
		DeletionProtectionEnabled: aws.Bool(aws.ToBool(in.DeletionProtectionEnabled)),
	}
	d.TableId = aws.String(newUUID())
	pt := &types.ProvisionedThroughputDescription{NumberOfDecreasesToday: aws.Int64(0), ReadCapacityUnits: aws.Int64(0), WriteCapacityUnits: aws.Int64(0)}
	if in.BillingMode == types.BillingModePayPerRequest {
		d.BillingModeSummary = &types.BillingModeSummary{BillingMode: types.BillingModePayPerRequest, LastUpdateToPayPerRequestDateTime: &now}
	} else if in.ProvisionedThroughput != nil {
		pt.ReadCapacityUnits = in.ProvisionedThroughput.ReadCapacityUnits
		pt.WriteCapacityUnits = in.ProvisionedThroughput.WriteCapacityUnits
	}
	d.ProvisionedThroughput = pt
	arn := aws.ToString(d.TableArn)
	for _, g := range in.GlobalSecondaryIndexes {
		d.GlobalSecondaryIndexes = append(d.GlobalSecondaryIndexes, db.newGlobalIndexDescription(arn, g.IndexName, g.KeySchema, g.Projection, g.ProvisionedThroughput))
	}
	for _, l := range in.LocalSecondaryIndexes {
		d.LocalSecondaryIndexes = append(d.LocalSecondaryIndexes, types.LocalSecondaryIndexDescription{
			IndexName: l.IndexName, KeySchema: l.KeySchema, Projection: l.Projection,
			IndexArn:       aws.String(arn + "/index/" + aws.ToString(l.IndexName)),
			IndexSizeBytes: aws.Int64(0), ItemCount: aws.Int64(0),
		})
	}
	if in.TableClass != "" {
		d.TableClassSummary = &types.TableClassSummary{TableClass: in.TableClass}
	}
	if s := in.StreamSpecification; s != nil && aws.ToBool(s.StreamEnabled) {
		enableStream(&d, s.StreamViewType, now)
	}
	if s := in.SSESpecification; s != nil && aws.ToBool(s.Enabled) {
		d.SSEDescription = db.kmsEncryption(s.KMSMasterKeyId)
	}
	return d
}

// enableStream gives d a new, enabled stream of the given view type, named
// as DynamoDB names streams: the label is the time it was enabled (UTC, in
// milliseconds), the ARN the table's followed by "/stream/<label>". Every
// enabling makes a new stream (CreateTable and UpdateTable alike).
func enableStream(d *types.TableDescription, view types.StreamViewType, now time.Time) {
	label := now.UTC().Format("2006-01-02T15:04:05.000")
	d.StreamSpecification = &types.StreamSpecification{StreamEnabled: aws.Bool(true), StreamViewType: view}
	d.LatestStreamLabel = aws.String(label)
	d.LatestStreamArn = aws.String(aws.ToString(d.TableArn) + "/stream/" + label)
}

// kmsEncryption describes server-side encryption with the KMS key keyID
// (nil or empty: the AWS managed key, which DynamoDB reports by its ARN).
func (db *DB) kmsEncryption(keyID *string) *types.SSEDescription {
	key := aws.ToString(keyID)
	if key == "" {
		key = fmt.Sprintf("arn:aws:kms:%s:%s:key/dynamodb", db.region, db.acct)
	}
	return &types.SSEDescription{Status: types.SSEStatusEnabled, SSEType: types.SSETypeKms, KMSMasterKeyArn: aws.String(key)}
}

// newGlobalIndexDescription describes a new, ACTIVE global secondary
// index. An on-demand table's indexes report zero throughput, as Amazon
// DynamoDB's do (DynamoDB Local leaves the member out).
func (db *DB) newGlobalIndexDescription(tableARN string, name *string, ks []types.KeySchemaElement, p *types.Projection, pt *types.ProvisionedThroughput) types.GlobalSecondaryIndexDescription {
	g := types.GlobalSecondaryIndexDescription{
		IndexName: name, KeySchema: ks, Projection: p, IndexStatus: types.IndexStatusActive,
		IndexArn:       aws.String(tableARN + "/index/" + aws.ToString(name)),
		IndexSizeBytes: aws.Int64(0), ItemCount: aws.Int64(0),
		ProvisionedThroughput: &types.ProvisionedThroughputDescription{
			NumberOfDecreasesToday: aws.Int64(0), ReadCapacityUnits: aws.Int64(0), WriteCapacityUnits: aws.Int64(0)},
	}
	if pt != nil {
		g.ProvisionedThroughput.ReadCapacityUnits = pt.ReadCapacityUnits
		g.ProvisionedThroughput.WriteCapacityUnits = pt.WriteCapacityUnits
	}
	return g
}

// newUUID returns a random (version 4) UUID, the form DynamoDB uses for
// table IDs.
func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
