package engine

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/validate"
	"github.com/dynabase/dynabase/internal/kv"
)

// DeleteTable deletes a table and all its items in one atomic batch. The
// response describes the table as DELETING, as DynamoDB's does; the name is
// free for CreateTable at once.
func (db *DB) DeleteTable(ctx context.Context, in *dynamodb.DeleteTableInput, _ ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error) {
	if err := db.begin(ctx); err != nil {
		return nil, err
	}
	defer db.end()
	if err := validate.DeleteTable(in); err != nil {
		return nil, err
	}
	name := aws.ToString(in.TableName)
	t, err := db.table(name)
	if err != nil {
		return nil, tableNotFoundByName(name)
	}
	if aws.ToBool(t.meta().Description.DeletionProtectionEnabled) {
		return nil, apierr.Validation(validate.MsgDeletionProtected)
	}

	db.catalogMu.Lock()
	defer db.catalogMu.Unlock()
	if db.tables[t.name] != t {
		return nil, tableNotFoundByName(name)
	}
	// Wait for writers already inside the table, and turn new ones away,
	// so no write lands after the range deletion.
	t.dropMu.Lock()
	defer t.dropMu.Unlock()

	b := db.store.NewBatch()
	b.Delete(catalogKey(t.name))
	b.DeleteRange(t.prefix, kv.PrefixEnd(t.prefix))
	counters := counterKey(t.id, "")
	b.DeleteRange(counters, kv.PrefixEnd(counters))
	for _, x := range t.meta().Indexes {
		stageDropIndex(b, x.ID)
	}
	if err := b.Commit(); err != nil {
		return nil, fmt.Errorf("engine: delete table %q: %w", t.name, err)
	}
	t.dropped = true
	delete(db.tables, t.name)

	d := t.description()
	d.TableStatus = types.TableStatusDeleting
	// DynamoDB's DeleteTable answer leaves out the key schema, attribute
	// definitions and creation time.
	d.AttributeDefinitions, d.KeySchema, d.CreationDateTime = nil, nil, nil
	return &dynamodb.DeleteTableOutput{TableDescription: d}, nil
}
