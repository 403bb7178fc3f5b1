package validate

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine/apierr"
	"github.com/dynabase/dynabase/engine/value"
)

// MaxBatchGetKeys is how many keys one BatchGetItem may ask for, over all
// its tables.
const MaxBatchGetKeys = 100

// BatchGetItem checks everything of a BatchGetItem request that does not
// depend on the tables, table by table in name order.
func BatchGetItem(in *dynamodb.BatchGetItemInput) error {
	if len(in.RequestItems) == 0 {
		return apierr.Validation("The requestItems parameter is required for BatchGetItem")
	}
	var c collector
	c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
	names := sortedKeys(in.RequestItems)
	for _, name := range names {
		if n := len(in.RequestItems[name].Keys); n > MaxBatchGetKeys {
			// AWS-verified wording: no value, the member path capitalised.
			c.msgs = append(c.msgs, "Value at 'RequestItems."+name+".member.Keys' failed to satisfy constraint: "+maxLen(MaxBatchGetKeys))
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	total := 0
	for _, name := range names {
		ka := in.RequestItems[name]
		if len(ka.Keys) == 0 {
			return apierr.Validation("The list of keys in RequestItems for BatchGetItem is required: " + name + " has empty list")
		}
		total += len(ka.Keys)
		if err := expressionParams(ka.ProjectionExpression != nil, ka.AttributesToGet != nil,
			ka.ExpressionAttributeNames != nil, false, projectionParams); err != nil {
			return err
		}
		for _, k := range ka.Keys {
			if err := checkItem(k); err != nil {
				return err
			}
		}
		if err := expressions(ka.ExpressionAttributeNames, nil, expression{"ProjectionExpression", ka.ProjectionExpression}); err != nil {
			return err
		}
	}
	if total > MaxBatchGetKeys {
		return apierr.Validation("Too many items requested for the BatchGetItem call")
	}
	return nil
}

// errDuplicateKeys is a batch asking for (or writing) one item twice.
var errDuplicateKeys = apierr.Validation("Provided list of item keys contains duplicates")

// DuplicateKeys is the error for a batch that names one item twice.
func DuplicateKeys() error { return errDuplicateKeys }

const msgManyTypes = "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes"

// MaxBatchWriteRequests is how many puts and deletes one BatchWriteItem
// may carry, over all its tables.
const MaxBatchWriteRequests = 25

// BatchWriteItem checks everything of a BatchWriteItem request that does
// not depend on the tables, table by table in name order.
func BatchWriteItem(in *dynamodb.BatchWriteItemInput) error {
	if len(in.RequestItems) == 0 {
		return apierr.Validation("The requestItems parameter is required for BatchWriteItem")
	}
	var c collector
	c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
	c.checkEnum(string(in.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", enumReturnItemCollectionMetrics...)
	if err := c.err(); err != nil {
		return err
	}
	total := 0
	for _, name := range sortedKeys(in.RequestItems) {
		reqs := in.RequestItems[name]
		if len(reqs) == 0 {
			return apierr.Validation("The batch write request list for a table cannot be null or empty: " + name)
		}
		total += len(reqs)
	}
	if total > MaxBatchWriteRequests {
		// DynamoDB's own message renders the whole request in Java's
		// toString; DynamoDB Local's plain one is used until that
		// rendering is known (compat/testdata/batchwrite.txt).
		return apierr.Validation("Too many items requested for the BatchWriteItem call")
	}
	for _, name := range sortedKeys(in.RequestItems) {
		for _, r := range in.RequestItems[name] {
			if (r.PutRequest == nil) == (r.DeleteRequest == nil) {
				// DynamoDB Local's answer for a request with both or neither
				// (the union of WriteRequest is checked like a value's).
				return apierr.Validation(msgManyTypes)
			}
			if r.PutRequest != nil {
				size, err := checkItemSize(r.PutRequest.Item)
				if err != nil {
					return err
				}
				if size > MaxItemSize {
					return errItemSize
				}
			} else if err := checkItem(r.DeleteRequest.Key); err != nil {
				return err
			}
		}
	}
	return nil
}

// MaxTransactItems is how many actions one transaction may carry.
const MaxTransactItems = 100

// TransactGetItems checks the shape of a TransactGetItems request.
func TransactGetItems(in *dynamodb.TransactGetItemsInput) error {
	var c collector
	switch n := len(in.TransactItems); {
	case in.TransactItems == nil:
		c.add(null, "transactItems", notNull)
	case n == 0:
		c.add("'[]'", "transactItems", minLen(1))
	}
	c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
	if err := c.err(); err != nil {
		return err
	}
	if len(in.TransactItems) > MaxTransactItems {
		// DynamoDB renders the whole list in Java's toString here; this is
		// DynamoDB Local's text until that rendering is known.
		return apierr.Validation(maxLen(MaxTransactItems))
	}
	for _, it := range in.TransactItems {
		if it.Get == nil {
			return apierr.Validation("Value null at 'transactItems' failed to satisfy constraint: " + notNull)
		}
		if err := expressionParams(it.Get.ProjectionExpression != nil, false,
			it.Get.ExpressionAttributeNames != nil, false, projectionParams); err != nil {
			return err
		}
		if err := expressions(it.Get.ExpressionAttributeNames, nil, expression{"ProjectionExpression", it.Get.ProjectionExpression}); err != nil {
			return err
		}
	}
	return nil
}

// TransactWriteItems checks the shape of a TransactWriteItems request and
// the values of its actions.
func TransactWriteItems(in *dynamodb.TransactWriteItemsInput) error {
	var c collector
	switch n := len(in.TransactItems); {
	case in.TransactItems == nil:
		c.add(null, "transactItems", notNull)
	case n == 0:
		c.add("'[]'", "transactItems", minLen(1))
	}
	c.checkEnum(string(in.ReturnConsumedCapacity), "returnConsumedCapacity", enumReturnConsumedCapacity...)
	c.checkEnum(string(in.ReturnItemCollectionMetrics), "returnItemCollectionMetrics", enumReturnItemCollectionMetrics...)
	for i, it := range in.TransactItems {
		path := "transactItems." + strconv.Itoa(i+1) + ".member."
		if it.ConditionCheck != nil && it.ConditionCheck.ConditionExpression == nil {
			c.add(null, path+"conditionCheck.conditionExpression", notNull)
		}
		if it.Update != nil && it.Update.UpdateExpression == nil {
			c.add(null, path+"update.updateExpression", notNull)
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	if len(in.TransactItems) > MaxTransactItems {
		return apierr.Validation(maxLen(MaxTransactItems)) // see TransactGetItems
	}
	payload := 0
	for _, it := range in.TransactItems {
		actions := 0
		for _, set := range []bool{it.Put != nil, it.Update != nil, it.Delete != nil, it.ConditionCheck != nil} {
			if set {
				actions++
			}
		}
		if actions != 1 {
			return apierr.Validation("Invalid Request: TransactWriteRequest should contain Delete or Put or Update request")
		}
		var err error
		switch {
		case it.Put != nil:
			var size int
			if size, err = checkItemSize(it.Put.Item); err == nil && size > MaxItemSize {
				err = errItemSize
			}
			if err == nil {
				err = expressions(it.Put.ExpressionAttributeNames, it.Put.ExpressionAttributeValues,
					expression{"ConditionExpression", it.Put.ConditionExpression})
			}
		case it.Update != nil:
			if err = checkItem(it.Update.Key); err == nil {
				err = expressions(it.Update.ExpressionAttributeNames, it.Update.ExpressionAttributeValues,
					expression{"UpdateExpression", it.Update.UpdateExpression},
					expression{"ConditionExpression", it.Update.ConditionExpression})
			}
		case it.Delete != nil:
			if err = checkItem(it.Delete.Key); err == nil {
				err = expressions(it.Delete.ExpressionAttributeNames, it.Delete.ExpressionAttributeValues,
					expression{"ConditionExpression", it.Delete.ConditionExpression})
			}
		default:
			if err = checkItem(it.ConditionCheck.Key); err == nil {
				err = expressions(it.ConditionCheck.ExpressionAttributeNames, it.ConditionCheck.ExpressionAttributeValues,
					expression{"ConditionExpression", it.ConditionCheck.ConditionExpression})
			}
		}
		if err != nil {
			return err
		}
		switch {
		case it.Put != nil:
			payload += value.ItemSize(it.Put.Item)
		case it.Update != nil:
			payload += value.ItemSize(it.Update.Key)
		case it.Delete != nil:
			payload += value.ItemSize(it.Delete.Key)
		default:
			payload += value.ItemSize(it.ConditionCheck.Key)
		}
	}
	if payload > MaxTransactPayload {
		return apierr.Validation("Transaction payload size cannot exceed 4MB. Payload Size: " + strconv.Itoa(payload))
	}
	return nil
}

// MaxTransactPayload is the most a transaction may carry: the DynamoDB
// sizes of its items (puts) and keys (the other actions).
const MaxTransactPayload = 4 << 20
