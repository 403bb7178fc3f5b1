package engine

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

func (db *DB) UpdateTableGSI(_ context.Context, in *dynamodb.UpdateTableInput) (*dynamodb.UpdateTableOutput, error) {
	t, err := db.table(*in.TableName)
	if err != nil {
		return nil, err
	}
	d, err := db.updateGlobalIndexes(t, in)
	if err != nil {
		return nil, err
	}
	return &dynamodb.UpdateTableOutput{TableDescription: d}, nil
}
