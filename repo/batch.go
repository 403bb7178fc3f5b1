package repo

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// DynamoDB's batch sizes.
const (
	maxBatchWrite = 25
	maxBatchGet   = 100
)

// PutBatch writes many items with BatchWriteItem, 25 to a call, retrying
// the items DynamoDB returns unprocessed with Config.Retry's backoff. Items
// are written whole and unconditionally: each gets the content's Version
// (1 when it is 0) rather than one more than the stored version, as a bulk
// load does; use Put where versions must count every write. When a key
// appears more than once the last one is written. If some items cannot be
// written (retries exhausted, the context ended, a call failed) the error
// is a *BatchError naming them; every other item was written.
func (r *Repository[T]) PutBatch(ctx context.Context, contents []Content[T]) error {
	type entry struct {
		key  Key
		item map[string]types.AttributeValue
	}
	_, now := r.timestamp()
	var entries []entry
	seen := map[string]int{} // encoded key → index in entries
	for _, c := range contents {
		item, err := r.wholeItem(c, now)
		if err != nil {
			return err
		}
		id := r.keyID(item)
		if i, ok := seen[id]; ok {
			entries[i] = entry{c.Key(), item}
			continue
		}
		seen[id] = len(entries)
		entries = append(entries, entry{c.Key(), item})
	}
	retry := r.cfg.Retry.withDefaults()
	for start := 0; start < len(entries); start += maxBatchWrite {
		chunk := entries[start:min(start+maxBatchWrite, len(entries))]
		pending := make([]types.WriteRequest, len(chunk))
		keyOf := make(map[string]Key, len(chunk))
		for i, e := range chunk {
			pending[i] = types.WriteRequest{PutRequest: &types.PutRequest{Item: e.item}}
			keyOf[r.keyID(e.item)] = e.key
		}
		fail := func(cause error) error {
			var keys []Key
			for _, w := range pending {
				keys = append(keys, keyOf[r.keyID(w.PutRequest.Item)])
			}
			for _, e := range entries[start+len(chunk):] {
				keys = append(keys, e.key)
			}
			return &BatchError{Op: "PutBatch", Keys: keys, Err: cause}
		}
		err := retry.untilProcessed(ctx, func() (int, error) {
			out, err := r.api.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
				RequestItems: map[string][]types.WriteRequest{r.cfg.Table: pending},
			})
			if err != nil {
				return 0, callError("BatchWriteItem", err)
			}
			pending = out.UnprocessedItems[r.cfg.Table]
			return len(pending), nil
		})
		if err != nil {
			return fail(err)
		}
	}
	return nil
}

// wholeItem is c as one stored item: T's attributes, the key and the
// repository's attributes.
func (r *Repository[T]) wholeItem(c Content[T], now types.AttributeValue) (map[string]types.AttributeValue, error) {
	key, err := r.key(c.Key())
	if err != nil {
		return nil, err
	}
	item, err := r.marshalItem(c.Item)
	if err != nil {
		return nil, err
	}
	item[AttrContentHash] = contentHash(item, c.Expiry)
	for n, v := range key {
		item[n] = v
	}
	version := c.Version
	if version <= 0 {
		version = 1
	}
	item[AttrVersion] = number(version)
	item[AttrTimestamp] = now
	if !c.Expiry.IsZero() {
		item[AttrTTL] = number(c.Expiry.Unix())
	}
	return item, nil
}

// keyID is a string naming an item's key, for matching DynamoDB's
// unprocessed requests to the caller's keys.
func (r *Repository[T]) keyID(item map[string]types.AttributeValue) string {
	id := item[r.cfg.PartitionKey].(*types.AttributeValueMemberS).Value
	if r.cfg.SortKey != "" {
		id += "\x00" + item[r.cfg.SortKey].(*types.AttributeValueMemberS).Value
	}
	return id
}

// GetBatch reads many items with BatchGetItem, 100 to a call, retrying the
// keys DynamoDB returns unprocessed. It returns the items found, in the
// order of keys (absent ones left out, duplicates read once). If some keys
// cannot be read the error is a *BatchError naming them, returned with
// everything that was read.
func (r *Repository[T]) GetBatch(ctx context.Context, keys []Key) ([]Content[T], error) {
	var order []string
	want := map[string]Key{}
	tableKeys := map[string]map[string]types.AttributeValue{}
	for _, k := range keys {
		tk, err := r.key(k)
		if err != nil {
			return nil, err
		}
		id := r.keyID(tk)
		if _, dup := want[id]; dup {
			continue
		}
		want[id] = k
		tableKeys[id] = tk
		order = append(order, id)
	}
	found := map[string]Content[T]{}
	collect := func() []Content[T] {
		out := make([]Content[T], 0, len(found))
		for _, id := range order {
			if c, ok := found[id]; ok {
				out = append(out, c)
			}
		}
		return out
	}
	retry := r.cfg.Retry.withDefaults()
	for start := 0; start < len(order); start += maxBatchGet {
		ids := order[start:min(start+maxBatchGet, len(order))]
		pending := make([]map[string]types.AttributeValue, len(ids))
		for i, id := range ids {
			pending[i] = tableKeys[id]
		}
		fail := func(cause error) ([]Content[T], error) {
			var missing []Key
			for _, k := range pending {
				missing = append(missing, want[r.keyID(k)])
			}
			for _, id := range order[start+len(ids):] {
				missing = append(missing, want[id])
			}
			return collect(), &BatchError{Op: "GetBatch", Keys: missing, Err: cause}
		}
		err := retry.untilProcessed(ctx, func() (int, error) {
			out, err := r.api.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
				RequestItems: map[string]types.KeysAndAttributes{r.cfg.Table: {
					Keys:           pending,
					ConsistentRead: aws.Bool(r.cfg.ConsistentRead),
				}},
			})
			if err != nil {
				return 0, callError("BatchGetItem", err)
			}
			for _, item := range out.Responses[r.cfg.Table] {
				c, err := r.decode(item)
				if err != nil {
					return 0, err
				}
				found[r.keyID(item)] = c
			}
			pending = out.UnprocessedKeys[r.cfg.Table].Keys
			return len(pending), nil
		})
		if err != nil {
			return fail(err)
		}
	}
	return collect(), nil
}
