package repo

import (
	"crypto/rand"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The attributes a repository keeps beside T's (pydantic-dynamo's names).
const (
	// AttrTimestamp is the time of the last write, RFC 3339 in UTC.
	AttrTimestamp = "_timestamp"
	// AttrVersion is 1 when the item is created and one more on every write.
	AttrVersion = "_object_version"
	// AttrTTL is the expiry in epoch seconds, for DynamoDB's Time to Live.
	AttrTTL = "_ttl"
	// AttrContentHash is a hash of T's attributes as last written whole
	// (Put, WriteOnce); WriteOnce compares it. Update removes it.
	AttrContentHash = "_content_hash"

	// DefaultPartitionKey and DefaultSortKey are the table's key attribute
	// names unless Config says otherwise (pydantic-dynamo's defaults).
	DefaultPartitionKey = "_table_item_id"
	DefaultSortKey      = "_table_content_id"
)

// Config says where a repository's items live and how their keys are made.
type Config struct {
	// Table is the DynamoDB table. Required.
	Table string
	// PartitionKey and SortKey are the table's key attribute names
	// (default DefaultPartitionKey and DefaultSortKey). With NoSortKey the
	// table has a partition key only, and items have no content IDs.
	PartitionKey string
	SortKey      string
	NoSortKey    bool
	// PartitionPrefix and PartitionName begin every partition key value:
	// "prefix#name#id1#id2...". When both are empty the value is the IDs
	// alone, so a table keyed by a plain "id" can be used as it is.
	PartitionPrefix string
	PartitionName   string
	// ContentType begins every sort key value: "contenttype#id1#id2...".
	ContentType string
	// ConsistentRead makes Get, GetBatch and List read strongly consistent
	// (not on global secondary indexes, which DynamoDB does not allow).
	ConsistentRead bool
	// CursorKey signs page cursors (HMAC-SHA256). Repositories that should
	// accept each other's cursors, or cursors issued before a restart, need
	// the same key; nil means a random key made by New.
	CursorKey []byte
	// Retry paces the retries of unprocessed batch items. Zero values take
	// the defaults described on Backoff.
	Retry Backoff
	// Now is the clock for _timestamp; nil means time.Now.
	Now func() time.Time
}

// Repository stores values of T, a struct type, in one DynamoDB table
// through API. Its methods are safe for concurrent use.
type Repository[T any] struct {
	api        API
	cfg        Config
	partition  keyFormat
	content    keyFormat
	shape      *shape
	attrs      []string // T's top-level attribute names, sorted
	cursorKey  []byte
	keyAttrSet map[string]bool
	items      *itemDecoder[T]
	// indexKeyCache maps an index name to its key attribute names.
	indexKeyCache sync.Map
}

// New returns a repository for T. T must be a struct whose attribute names
// differ from the key attributes and the reserved ones (AttrTimestamp,
// AttrVersion, AttrTTL, AttrContentHash).
func New[T any](api API, cfg Config) (*Repository[T], error) {
	if api == nil {
		return nil, errors.New("repo: New: nil API")
	}
	if cfg.Table == "" {
		return nil, errors.New("repo: New: Config.Table is required")
	}
	if cfg.PartitionKey == "" {
		cfg.PartitionKey = DefaultPartitionKey
	}
	if cfg.NoSortKey {
		cfg.SortKey = ""
	} else if cfg.SortKey == "" {
		cfg.SortKey = DefaultSortKey
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("repo: New: %s is not a struct type", t)
	}
	r := &Repository[T]{
		api:       api,
		cfg:       cfg,
		partition: newKeyFormat(cfg.PartitionPrefix, cfg.PartitionName),
		content:   newKeyFormat(cfg.ContentType),
		shape:     shapeOf(t),
		cursorKey: cfg.CursorKey,
	}
	if cfg.NoSortKey {
		r.content = keyFormat{}
	}
	r.keyAttrSet = map[string]bool{cfg.PartitionKey: true, AttrTimestamp: true, AttrVersion: true, AttrTTL: true, AttrContentHash: true}
	if cfg.SortKey != "" {
		r.keyAttrSet[cfg.SortKey] = true
	}
	for name := range r.shape.fields {
		if r.keyAttrSet[name] {
			return nil, fmt.Errorf("repo: New: %s's attribute %q is a key or reserved attribute of the repository", t, name)
		}
		r.attrs = append(r.attrs, name)
	}
	slices.Sort(r.attrs)
	r.items = newItemDecoder[T](r.keyAttrSet)
	if r.cursorKey == nil {
		r.cursorKey = make([]byte, 32)
		rand.Read(r.cursorKey)
	}
	return r, nil
}

// Config returns the repository's configuration, defaults filled in.
func (r *Repository[T]) Config() Config { return r.cfg }

// key returns the table key of k, refusing what DynamoDB would refuse
// (empty key values, content IDs on a table without a sort key).
func (r *Repository[T]) key(k Key) (map[string]types.AttributeValue, error) {
	pk := r.partition.value(k.PartitionIDs)
	if pk == "" {
		return nil, invalid("the partition key of %v would be empty", k)
	}
	key := make(map[string]types.AttributeValue, 2)
	key[r.cfg.PartitionKey] = &types.AttributeValueMemberS{Value: pk}
	if r.cfg.NoSortKey {
		if len(k.ContentIDs) > 0 {
			return nil, invalid("%v has content IDs, but table %s has no sort key", k, r.cfg.Table)
		}
		return key, nil
	}
	sk := r.content.value(k.ContentIDs)
	if sk == "" {
		return nil, invalid("the sort key of %v would be empty", k)
	}
	key[r.cfg.SortKey] = &types.AttributeValueMemberS{Value: sk}
	return key, nil
}

// decode turns a stored item back into Content.
func (r *Repository[T]) decode(item map[string]types.AttributeValue) (Content[T], error) {
	return r.decodeKnown(item, nil)
}

// decodeKnown is decode for an item whose key the caller already has (a
// Get): the key attributes are not parsed again.
func (r *Repository[T]) decodeKnown(item map[string]types.AttributeValue, k *Key) (Content[T], error) {
	var c Content[T]
	var err error
	if k != nil {
		c.PartitionIDs, c.ContentIDs = k.PartitionIDs, k.ContentIDs
	} else if c.PartitionIDs, c.ContentIDs, err = r.parseKey(item); err != nil {
		return c, err
	}
	if c.Version, err = versionOf(item); err != nil {
		return c, err
	}
	if v, ok := item[AttrTimestamp].(*types.AttributeValueMemberS); ok {
		if c.Timestamp, err = time.Parse(time.RFC3339Nano, v.Value); err != nil {
			return c, fmt.Errorf("repo: %s: %w", AttrTimestamp, err)
		}
	}
	if v, ok := item[AttrTTL].(*types.AttributeValueMemberN); ok {
		secs, err := strconv.ParseInt(v.Value, 10, 64)
		if err != nil {
			return c, fmt.Errorf("repo: %s: %w", AttrTTL, err)
		}
		c.Expiry = time.Unix(secs, 0).UTC()
	}
	if err := r.items.decode(item, &c.Item); err != nil {
		return c, fmt.Errorf("repo: decode %T: %w", c.Item, err)
	}
	return c, nil
}

// parseKey reads the IDs back from an item's key attributes.
func (r *Repository[T]) parseKey(item map[string]types.AttributeValue) (partitionIDs, contentIDs []string, err error) {
	pk, ok := item[r.cfg.PartitionKey].(*types.AttributeValueMemberS)
	if !ok {
		return nil, nil, fmt.Errorf("repo: item has no string %s", r.cfg.PartitionKey)
	}
	if partitionIDs, err = r.partition.parse(pk.Value); err != nil {
		return nil, nil, fmt.Errorf("repo: partition key: %w", err)
	}
	if r.cfg.NoSortKey {
		return partitionIDs, []string{}, nil
	}
	sk, ok := item[r.cfg.SortKey].(*types.AttributeValueMemberS)
	if !ok {
		return nil, nil, fmt.Errorf("repo: item has no string %s", r.cfg.SortKey)
	}
	if contentIDs, err = r.content.parse(sk.Value); err != nil {
		return nil, nil, fmt.Errorf("repo: sort key: %w", err)
	}
	return partitionIDs, contentIDs, nil
}

// timestamp is _timestamp's value for a write now.
func (r *Repository[T]) timestamp() (time.Time, types.AttributeValue) {
	now := r.cfg.Now().UTC()
	return now, &types.AttributeValueMemberS{Value: now.Format(time.RFC3339Nano)}
}

func number(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// API returns the DynamoDB API the repository talks to.
func (r *Repository[T]) API() API { return r.api }

// TableKey returns the table key attributes of k, as GetItem and the other
// single-item operations take them: for code that mixes the repository with
// direct calls (a transaction, a raw read).
func (r *Repository[T]) TableKey(k Key) (map[string]types.AttributeValue, error) { return r.key(k) }

// versionOf reads _object_version from an item or a write's returned
// attributes; 0 when it is absent.
func versionOf(item map[string]types.AttributeValue) (int64, error) {
	v, ok := item[AttrVersion].(*types.AttributeValueMemberN)
	if !ok {
		return 0, nil
	}
	n, err := strconv.ParseInt(v.Value, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("repo: %s: %w", AttrVersion, err)
	}
	return n, nil
}
