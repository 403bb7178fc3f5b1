package repo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/repo"
)

// ensureCounter counts the table calls EnsureTable makes, to show what a
// call changed (or that an invalid spec made none).
type ensureCounter struct {
	repo.API
	mu    sync.Mutex
	calls map[string]int
}

func newEnsureCounter(api repo.API) *ensureCounter {
	return &ensureCounter{API: api, calls: map[string]int{}}
}

func (c *ensureCounter) count(op string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls[op]++
}

func (c *ensureCounter) get(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[op]
}

// changes is how many calls that change a table were made.
func (c *ensureCounter) changes() int {
	return c.get("CreateTable") + c.get("UpdateTable") + c.get("UpdateTimeToLive")
}

func (c *ensureCounter) total() int {
	return c.changes() + c.get("DescribeTable") + c.get("DescribeTimeToLive")
}

func (c *ensureCounter) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	c.count("CreateTable")
	return c.API.CreateTable(ctx, in, o...)
}

func (c *ensureCounter) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	c.count("DescribeTable")
	return c.API.DescribeTable(ctx, in, o...)
}

func (c *ensureCounter) UpdateTable(ctx context.Context, in *dynamodb.UpdateTableInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTableOutput, error) {
	c.count("UpdateTable")
	return c.API.UpdateTable(ctx, in, o...)
}

func (c *ensureCounter) DescribeTimeToLive(ctx context.Context, in *dynamodb.DescribeTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTimeToLiveOutput, error) {
	c.count("DescribeTimeToLive")
	return c.API.DescribeTimeToLive(ctx, in, o...)
}

func (c *ensureCounter) UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, o ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	c.count("UpdateTimeToLive")
	return c.API.UpdateTimeToLive(ctx, in, o...)
}

// ensureStuck reports the table as CREATING forever, so EnsureTable waits
// until its context ends.
type ensureStuck struct{ repo.API }

func (s ensureStuck) DescribeTable(ctx context.Context, in *dynamodb.DescribeTableInput, o ...func(*dynamodb.Options)) (*dynamodb.DescribeTableOutput, error) {
	out, err := s.API.DescribeTable(ctx, in, o...)
	if err == nil {
		out.Table.TableStatus = types.TableStatusCreating
	}
	return out, err
}

var (
	attrS = types.ScalarAttributeTypeS
	attrN = types.ScalarAttributeTypeN
	attrB = types.ScalarAttributeTypeB
)

// fullSpec declares one of everything: both keys, two global indexes
// (KEYS_ONLY and INCLUDE), a local index and TTL.
func fullSpec(name string) repo.TableSpec {
	return repo.TableSpec{
		Name:         name,
		PartitionKey: repo.KeyAttribute{Name: "pk", Type: attrS},
		SortKey:      repo.KeyAttribute{Name: "sk", Type: attrN},
		GlobalIndexes: []repo.IndexSpec{
			{Name: "byEmail", PartitionKey: repo.KeyAttribute{Name: "email", Type: attrS}, Projection: types.ProjectionTypeKeysOnly},
			{Name: "byStatus", PartitionKey: repo.KeyAttribute{Name: "status", Type: attrS}, SortKey: repo.KeyAttribute{Name: "created", Type: attrN},
				Projection: types.ProjectionTypeInclude, NonKeyAttributes: []string{"title"}},
		},
		LocalIndexes: []repo.IndexSpec{
			{Name: "byCreated", SortKey: repo.KeyAttribute{Name: "created", Type: attrN}},
		},
		TTL: repo.TTLSpec{Attribute: "expires", Enabled: true},
	}
}

func describe(t *testing.T, api repo.API, name string) *types.TableDescription {
	t.Helper()
	out, err := api.DescribeTable(context.Background(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeTable: %v", err)
	}
	return out.Table
}

func describeTTL(t *testing.T, api repo.API, name string) *types.TimeToLiveDescription {
	t.Helper()
	out, err := api.DescribeTimeToLive(context.Background(), &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(name)})
	if err != nil {
		t.Fatalf("DescribeTimeToLive: %v", err)
	}
	return out.TimeToLiveDescription
}

// keysOf renders a key schema with its types as "pk:S sk:N".
func keysOf(ks []types.KeySchemaElement, defs []types.AttributeDefinition) string {
	typ := map[string]types.ScalarAttributeType{}
	for _, d := range defs {
		typ[aws.ToString(d.AttributeName)] = d.AttributeType
	}
	var hash, rng string
	for _, k := range ks {
		s := fmt.Sprintf("%s:%s", aws.ToString(k.AttributeName), typ[aws.ToString(k.AttributeName)])
		if k.KeyType == types.KeyTypeHash {
			hash = s
		} else {
			rng = " " + s
		}
	}
	return hash + rng
}

func specKeys(pk, sk repo.KeyAttribute) string {
	s := fmt.Sprintf("%s:%s", pk.Name, pk.Type)
	if sk.Name != "" {
		s += fmt.Sprintf(" %s:%s", sk.Name, sk.Type)
	}
	return s
}

func projectionOf(p *types.Projection) string {
	return fmt.Sprintf("%s%v", p.ProjectionType, p.NonKeyAttributes)
}

func specProjection(ix repo.IndexSpec) string {
	p := ix.Projection
	if p == "" {
		p = types.ProjectionTypeAll
	}
	return fmt.Sprintf("%s%v", p, ix.NonKeyAttributes)
}

// assertTable checks, by describing the table, that it is ACTIVE and has
// what spec declares. It reads DynamoDB's descriptions directly rather
// than through anything EnsureTable uses.
func assertTable(t *testing.T, api repo.API, spec repo.TableSpec) {
	t.Helper()
	d := describe(t, api, spec.Name)
	if d.TableStatus != types.TableStatusActive {
		t.Errorf("table status %s, want ACTIVE", d.TableStatus)
	}
	if got, want := keysOf(d.KeySchema, d.AttributeDefinitions), specKeys(spec.PartitionKey, spec.SortKey); got != want {
		t.Errorf("table keys %q, want %q", got, want)
	}
	for _, ix := range spec.GlobalIndexes {
		i := slices.IndexFunc(d.GlobalSecondaryIndexes, func(g types.GlobalSecondaryIndexDescription) bool { return aws.ToString(g.IndexName) == ix.Name })
		if i < 0 {
			t.Errorf("global index %s missing", ix.Name)
			continue
		}
		g := d.GlobalSecondaryIndexes[i]
		if got, want := keysOf(g.KeySchema, d.AttributeDefinitions), specKeys(ix.PartitionKey, ix.SortKey); got != want {
			t.Errorf("global index %s keys %q, want %q", ix.Name, got, want)
		}
		if got, want := projectionOf(g.Projection), specProjection(ix); got != want {
			t.Errorf("global index %s projection %s, want %s", ix.Name, got, want)
		}
		if g.IndexStatus != types.IndexStatusActive || aws.ToBool(g.Backfilling) {
			t.Errorf("global index %s is %s (backfilling %v), want ACTIVE", ix.Name, g.IndexStatus, aws.ToBool(g.Backfilling))
		}
	}
	for _, ix := range spec.LocalIndexes {
		i := slices.IndexFunc(d.LocalSecondaryIndexes, func(l types.LocalSecondaryIndexDescription) bool { return aws.ToString(l.IndexName) == ix.Name })
		if i < 0 {
			t.Errorf("local index %s missing", ix.Name)
			continue
		}
		l := d.LocalSecondaryIndexes[i]
		if got, want := keysOf(l.KeySchema, d.AttributeDefinitions), specKeys(spec.PartitionKey, ix.SortKey); got != want {
			t.Errorf("local index %s keys %q, want %q", ix.Name, got, want)
		}
		if got, want := projectionOf(l.Projection), specProjection(ix); got != want {
			t.Errorf("local index %s projection %s, want %s", ix.Name, got, want)
		}
	}
	ttl := describeTTL(t, api, spec.Name)
	switch {
	case spec.TTL.Enabled && (ttl.TimeToLiveStatus != types.TimeToLiveStatusEnabled || aws.ToString(ttl.AttributeName) != spec.TTL.Attribute):
		t.Errorf("TTL %s on %q, want ENABLED on %q", ttl.TimeToLiveStatus, aws.ToString(ttl.AttributeName), spec.TTL.Attribute)
	case !spec.TTL.Enabled && ttl.TimeToLiveStatus != types.TimeToLiveStatusDisabled:
		t.Errorf("TTL %s, want DISABLED", ttl.TimeToLiveStatus)
	}
}

func TestEnsureTableCreates(t *testing.T) {
	tests := []struct {
		name string
		spec func(name string) repo.TableSpec
		// definitions are the attribute definitions the table must have:
		// those of its keys and index keys, and no others.
		definitions []string
		billing     types.BillingMode
	}{
		{
			name:        "everything",
			spec:        fullSpec,
			definitions: []string{"created:N", "email:S", "pk:S", "sk:N", "status:S"},
			billing:     types.BillingModePayPerRequest,
		},
		{
			name: "partition key only",
			spec: func(name string) repo.TableSpec {
				return repo.TableSpec{Name: name, PartitionKey: repo.KeyAttribute{Name: "id", Type: attrB}}
			},
			definitions: []string{"id:B"},
			billing:     types.BillingModePayPerRequest,
		},
		{
			name: "provisioned",
			spec: func(name string) repo.TableSpec {
				return repo.TableSpec{
					Name:          name,
					PartitionKey:  repo.KeyAttribute{Name: "id", Type: attrN},
					GlobalIndexes: []repo.IndexSpec{{Name: "byOwner", PartitionKey: repo.KeyAttribute{Name: "owner", Type: attrS}}},
					BillingMode:   types.BillingModeProvisioned,
					Throughput:    &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(3), WriteCapacityUnits: aws.Int64(4)},
				}
			},
			definitions: []string{"id:N", "owner:S"},
			billing:     types.BillingModeProvisioned,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, api repo.API) {
				spec := tt.spec(tableName(t, api))
				if err := repo.EnsureTable(context.Background(), api, spec); err != nil {
					t.Fatal(err)
				}
				assertTable(t, api, spec)
				d := describe(t, api, spec.Name)
				var defs []string
				for _, a := range d.AttributeDefinitions {
					defs = append(defs, fmt.Sprintf("%s:%s", aws.ToString(a.AttributeName), a.AttributeType))
				}
				slices.Sort(defs)
				if !slices.Equal(defs, tt.definitions) {
					t.Errorf("attribute definitions %v, want %v", defs, tt.definitions)
				}
				if tt.billing == types.BillingModeProvisioned {
					if r, w := aws.ToInt64(d.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(d.ProvisionedThroughput.WriteCapacityUnits); r != 3 || w != 4 {
						t.Errorf("table throughput %d/%d, want 3/4", r, w)
					}
					for _, g := range d.GlobalSecondaryIndexes {
						if r, w := aws.ToInt64(g.ProvisionedThroughput.ReadCapacityUnits), aws.ToInt64(g.ProvisionedThroughput.WriteCapacityUnits); r != 3 || w != 4 {
							t.Errorf("index %s throughput %d/%d, want 3/4", aws.ToString(g.IndexName), r, w)
						}
					}
				}
				if b := d.BillingModeSummary; tt.billing == types.BillingModePayPerRequest && (b == nil || b.BillingMode != tt.billing) {
					t.Errorf("billing mode summary %+v, want %s", b, tt.billing)
				}
			})
		})
	}
}

func TestEnsureTableTwiceIsNoOp(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		spec := fullSpec(tableName(t, api))
		first := newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, first, spec); err != nil {
			t.Fatal(err)
		}
		if first.get("CreateTable") != 1 || first.get("UpdateTimeToLive") != 1 {
			t.Errorf("first call: %v, want one CreateTable and one UpdateTimeToLive", first.calls)
		}
		second := newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, second, spec); err != nil {
			t.Fatal(err)
		}
		if second.changes() != 0 {
			t.Errorf("second call changed the table: %v", second.calls)
		}
		if second.get("DescribeTable") == 0 {
			t.Errorf("second call did not describe the table: %v", second.calls)
		}
		assertTable(t, api, spec)
	})
}

func TestEnsureTableAddsGlobalIndexes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		spec := fullSpec(tableName(t, api))
		indexes := spec.GlobalIndexes
		spec.GlobalIndexes = nil
		if err := repo.EnsureTable(ctx, api, spec); err != nil {
			t.Fatal(err)
		}
		// Enough items that the engine's backfill (256 items a step) takes
		// several steps: the index must be complete when EnsureTable returns.
		const n = 600
		for i := range n {
			status := "open"
			if i%3 == 0 {
				status = "closed"
			}
			_, err := api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(spec.Name), Item: map[string]types.AttributeValue{
				"pk":      &types.AttributeValueMemberS{Value: fmt.Sprintf("p%d", i%7)},
				"sk":      &types.AttributeValueMemberN{Value: fmt.Sprint(i)},
				"email":   &types.AttributeValueMemberS{Value: fmt.Sprintf("u%d@example.com", i)},
				"status":  &types.AttributeValueMemberS{Value: status},
				"created": &types.AttributeValueMemberN{Value: fmt.Sprint(i)},
				"title":   &types.AttributeValueMemberS{Value: fmt.Sprintf("title %d", i)},
				"body":    &types.AttributeValueMemberS{Value: "not projected"},
			}})
			if err != nil {
				t.Fatal(err)
			}
		}

		spec.GlobalIndexes = indexes
		c := newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, c, spec); err != nil {
			t.Fatal(err)
		}
		if c.get("UpdateTable") != 2 || c.get("CreateTable") != 0 {
			t.Errorf("calls %v, want two UpdateTable (one per index) and no CreateTable", c.calls)
		}
		assertTable(t, api, spec)

		out, err := api.Query(ctx, &dynamodb.QueryInput{
			TableName:                 aws.String(spec.Name),
			IndexName:                 aws.String("byEmail"),
			KeyConditionExpression:    aws.String("email = :e"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":e": &types.AttributeValueMemberS{Value: "u599@example.com"}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Items) != 1 || out.Items[0]["sk"].(*types.AttributeValueMemberN).Value != "599" {
			t.Errorf("byEmail query: %v, want the item with sk 599", out.Items)
		}
		if _, ok := out.Items[0]["title"]; ok {
			t.Errorf("KEYS_ONLY index returned title: %v", out.Items[0])
		}

		var closed int
		p := dynamodb.NewQueryPaginator(api, &dynamodb.QueryInput{
			TableName:                 aws.String(spec.Name),
			IndexName:                 aws.String("byStatus"),
			KeyConditionExpression:    aws.String("#s = :s AND created >= :c"),
			ExpressionAttributeNames:  map[string]string{"#s": "status"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":s": &types.AttributeValueMemberS{Value: "closed"}, ":c": &types.AttributeValueMemberN{Value: "0"}},
		})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range page.Items {
				if _, ok := it["title"]; !ok {
					t.Fatalf("INCLUDE index lost title: %v", it)
				}
				if _, ok := it["body"]; ok {
					t.Fatalf("INCLUDE index returned body: %v", it)
				}
			}
			closed += len(page.Items)
		}
		if closed != n/3 {
			t.Errorf("byStatus query found %d closed items, want %d", closed, n/3)
		}
	})
}

func TestEnsureTableTTL(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		spec := repo.TableSpec{
			Name:         tableName(t, api),
			PartitionKey: repo.KeyAttribute{Name: "id", Type: attrS},
			TTL:          repo.TTLSpec{Attribute: "expires"}, // declared, disabled
		}
		c := newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, c, spec); err != nil {
			t.Fatal(err)
		}
		if c.get("UpdateTimeToLive") != 0 || c.get("DescribeTimeToLive") != 0 {
			t.Errorf("disabled TTL made TTL calls: %v", c.calls)
		}
		if s := describeTTL(t, api, spec.Name).TimeToLiveStatus; s != types.TimeToLiveStatusDisabled {
			t.Fatalf("declared but disabled TTL is %s, want DISABLED", s)
		}

		spec.TTL.Enabled = true
		c = newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, c, spec); err != nil {
			t.Fatal(err)
		}
		if c.get("UpdateTimeToLive") != 1 || c.get("UpdateTable") != 0 || c.get("CreateTable") != 0 {
			t.Errorf("enabling TTL on an existing table: %v, want one UpdateTimeToLive", c.calls)
		}
		assertTable(t, api, spec)

		// Declared disabled again: EnsureTable never turns TTL off.
		spec.TTL.Enabled = false
		if err := repo.EnsureTable(ctx, api, spec); err != nil {
			t.Fatal(err)
		}
		if s := describeTTL(t, api, spec.Name).TimeToLiveStatus; s != types.TimeToLiveStatusEnabled {
			t.Errorf("TTL %s after a disabled declaration, want it left ENABLED", s)
		}

		// Enabled on another attribute: a mismatch, and nothing changes.
		c = newEnsureCounter(api)
		err := repo.EnsureTable(ctx, c, repo.TableSpec{Name: spec.Name, PartitionKey: spec.PartitionKey, TTL: repo.TTLSpec{Attribute: "other", Enabled: true}})
		if !errors.Is(err, repo.ErrTableMismatch) {
			t.Errorf("TTL on another attribute: %v, want ErrTableMismatch", err)
		}
		if c.changes() != 0 {
			t.Errorf("TTL mismatch changed the table: %v", c.calls)
		}
		if a := aws.ToString(describeTTL(t, api, spec.Name).AttributeName); a != "expires" {
			t.Errorf("TTL attribute %q after a mismatch, want expires", a)
		}
	})
}

func TestEnsureTableMismatch(t *testing.T) {
	// The existing table: pk S / sk S, a KEYS_ONLY global index on email
	// and a local index on created.
	existing := func(name string) *dynamodb.CreateTableInput {
		return &dynamodb.CreateTableInput{
			TableName:   aws.String(name),
			BillingMode: types.BillingModePayPerRequest,
			AttributeDefinitions: []types.AttributeDefinition{
				{AttributeName: aws.String("pk"), AttributeType: attrS},
				{AttributeName: aws.String("sk"), AttributeType: attrS},
				{AttributeName: aws.String("email"), AttributeType: attrS},
				{AttributeName: aws.String("created"), AttributeType: attrN},
			},
			KeySchema: []types.KeySchemaElement{
				{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
				{AttributeName: aws.String("sk"), KeyType: types.KeyTypeRange},
			},
			GlobalSecondaryIndexes: []types.GlobalSecondaryIndex{{
				IndexName:  aws.String("byEmail"),
				KeySchema:  []types.KeySchemaElement{{AttributeName: aws.String("email"), KeyType: types.KeyTypeHash}},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeKeysOnly},
			}},
			LocalSecondaryIndexes: []types.LocalSecondaryIndex{{
				IndexName: aws.String("byCreated"),
				KeySchema: []types.KeySchemaElement{
					{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash},
					{AttributeName: aws.String("created"), KeyType: types.KeyTypeRange},
				},
				Projection: &types.Projection{ProjectionType: types.ProjectionTypeAll},
			}},
		}
	}
	matching := func(name string) repo.TableSpec {
		return repo.TableSpec{
			Name:          name,
			PartitionKey:  repo.KeyAttribute{Name: "pk", Type: attrS},
			SortKey:       repo.KeyAttribute{Name: "sk", Type: attrS},
			GlobalIndexes: []repo.IndexSpec{{Name: "byEmail", PartitionKey: repo.KeyAttribute{Name: "email", Type: attrS}, Projection: types.ProjectionTypeKeysOnly}},
			LocalIndexes:  []repo.IndexSpec{{Name: "byCreated", SortKey: repo.KeyAttribute{Name: "created", Type: attrN}}},
		}
	}
	tests := []struct {
		name   string
		change func(*repo.TableSpec)
	}{
		{"partition key type", func(s *repo.TableSpec) { s.PartitionKey.Type = attrN }},
		{"partition key name", func(s *repo.TableSpec) { s.PartitionKey.Name = "id" }},
		{"sort key missing", func(s *repo.TableSpec) { s.SortKey = repo.KeyAttribute{}; s.LocalIndexes = nil }},
		{"sort key type", func(s *repo.TableSpec) { s.SortKey.Type = attrB }},
		{"local index missing", func(s *repo.TableSpec) {
			s.LocalIndexes = append(s.LocalIndexes, repo.IndexSpec{Name: "byTitle", SortKey: repo.KeyAttribute{Name: "title", Type: attrS}})
		}},
		{"local index keys", func(s *repo.TableSpec) { s.LocalIndexes[0].SortKey = repo.KeyAttribute{Name: "updated", Type: attrN} }},
		{"global index keys", func(s *repo.TableSpec) { s.GlobalIndexes[0].SortKey = repo.KeyAttribute{Name: "created", Type: attrN} }},
		{"global index projection", func(s *repo.TableSpec) { s.GlobalIndexes[0].Projection = "" }},
		{"new global index retypes an attribute", func(s *repo.TableSpec) {
			s.GlobalIndexes = append(s.GlobalIndexes, repo.IndexSpec{Name: "byCreatedText", PartitionKey: repo.KeyAttribute{Name: "created", Type: attrS}})
			s.LocalIndexes = nil
		}},
	}
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		name := tableName(t, api)
		if _, err := api.CreateTable(ctx, existing(name)); err != nil {
			t.Fatal(err)
		}
		// The unchanged spec matches (and waits for the table).
		if err := repo.EnsureTable(ctx, api, matching(name)); err != nil {
			t.Fatalf("matching spec: %v", err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				spec := matching(name)
				tt.change(&spec)
				// Also declare a new index and TTL: a mismatch must stop
				// EnsureTable before it changes anything.
				spec.GlobalIndexes = append(spec.GlobalIndexes, repo.IndexSpec{Name: "byOwner", PartitionKey: repo.KeyAttribute{Name: "owner", Type: attrS}})
				spec.TTL = repo.TTLSpec{Attribute: "expires", Enabled: true}
				c := newEnsureCounter(api)
				err := repo.EnsureTable(ctx, c, spec)
				if !errors.Is(err, repo.ErrTableMismatch) {
					t.Fatalf("EnsureTable: %v, want ErrTableMismatch", err)
				}
				if c.changes() != 0 {
					t.Errorf("a mismatch changed the table: %v", c.calls)
				}
				t.Log(err)
			})
		}
		if n := len(describe(t, api, name).GlobalSecondaryIndexes); n != 1 {
			t.Errorf("table has %d global indexes after the mismatches, want 1", n)
		}
	})
}

func TestEnsureTableInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*repo.TableSpec)
	}{
		{"no table name", func(s *repo.TableSpec) { s.Name = "" }},
		{"short table name", func(s *repo.TableSpec) { s.Name = "ab" }},
		{"bad table name", func(s *repo.TableSpec) { s.Name = "no spaces" }},
		{"no partition key", func(s *repo.TableSpec) { s.PartitionKey = repo.KeyAttribute{} }},
		{"partition key without type", func(s *repo.TableSpec) { s.PartitionKey.Type = "" }},
		{"partition key type BOOL", func(s *repo.TableSpec) { s.PartitionKey.Type = "BOOL" }},
		{"sort key type without name", func(s *repo.TableSpec) { s.SortKey = repo.KeyAttribute{Type: attrS}; s.LocalIndexes = nil }},
		{"sort key is partition key", func(s *repo.TableSpec) { s.SortKey = repo.KeyAttribute{Name: "pk", Type: attrS} }},
		{"attribute with two types", func(s *repo.TableSpec) { s.GlobalIndexes[0].PartitionKey = repo.KeyAttribute{Name: "sk", Type: attrS} }},
		{"index attribute with two types", func(s *repo.TableSpec) { s.LocalIndexes[0].SortKey.Type = attrS }},
		{"index names repeat", func(s *repo.TableSpec) { s.GlobalIndexes[1].Name = s.GlobalIndexes[0].Name }},
		{"global and local index names repeat", func(s *repo.TableSpec) { s.LocalIndexes[0].Name = s.GlobalIndexes[0].Name }},
		{"bad index name", func(s *repo.TableSpec) { s.GlobalIndexes[0].Name = "x" }},
		{"global index without partition key", func(s *repo.TableSpec) { s.GlobalIndexes[0].PartitionKey = repo.KeyAttribute{} }},
		{"local index with another partition key", func(s *repo.TableSpec) {
			s.LocalIndexes[0].PartitionKey = repo.KeyAttribute{Name: "email", Type: attrS}
		}},
		{"local index without sort key", func(s *repo.TableSpec) { s.LocalIndexes[0].SortKey = repo.KeyAttribute{} }},
		{"local index on a table without sort key", func(s *repo.TableSpec) { s.SortKey = repo.KeyAttribute{} }},
		{"too many local indexes", func(s *repo.TableSpec) {
			for i := range 6 {
				s.LocalIndexes = append(s.LocalIndexes, repo.IndexSpec{Name: fmt.Sprintf("local%d", i), SortKey: repo.KeyAttribute{Name: fmt.Sprintf("l%d", i), Type: attrS}})
			}
		}},
		{"index sort key is its partition key", func(s *repo.TableSpec) { s.GlobalIndexes[0].SortKey = s.GlobalIndexes[0].PartitionKey }},
		{"INCLUDE without attributes", func(s *repo.TableSpec) { s.GlobalIndexes[1].NonKeyAttributes = nil }},
		{"attributes without INCLUDE", func(s *repo.TableSpec) { s.GlobalIndexes[0].NonKeyAttributes = []string{"title"} }},
		{"attribute included twice", func(s *repo.TableSpec) { s.GlobalIndexes[1].NonKeyAttributes = []string{"title", "title"} }},
		{"unknown projection", func(s *repo.TableSpec) { s.GlobalIndexes[0].Projection = "SOME" }},
		{"TTL enabled without attribute", func(s *repo.TableSpec) { s.TTL.Attribute = "" }},
		{"unknown billing mode", func(s *repo.TableSpec) { s.BillingMode = "FREE" }},
		{"provisioned without throughput", func(s *repo.TableSpec) { s.BillingMode = types.BillingModeProvisioned }},
		{"provisioned with zero throughput", func(s *repo.TableSpec) {
			s.BillingMode = types.BillingModeProvisioned
			s.Throughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(0), WriteCapacityUnits: aws.Int64(1)}
		}},
		{"throughput on demand", func(s *repo.TableSpec) {
			s.Throughput = &types.ProvisionedThroughput{ReadCapacityUnits: aws.Int64(1), WriteCapacityUnits: aws.Int64(1)}
		}},
	}
	forEachBackend(t, func(t *testing.T, api repo.API) {
		// Each case changes one thing in a spec that is valid.
		name := tableName(t, api)
		if err := repo.EnsureTable(context.Background(), api, fullSpec(name)); err != nil {
			t.Fatalf("the valid spec: %v", err)
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				spec := fullSpec(name)
				tt.change(&spec)
				c := newEnsureCounter(api)
				err := repo.EnsureTable(context.Background(), c, spec)
				if !errors.Is(err, repo.ErrInvalid) {
					t.Fatalf("EnsureTable: %v, want ErrInvalid", err)
				}
				if c.total() != 0 {
					t.Errorf("an invalid spec made calls: %v", c.calls)
				}
				t.Log(err)
			})
		}
	})
}

func TestEnsureTableContextCanceled(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		spec := fullSpec(tableName(t, api))

		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		c := newEnsureCounter(api)
		if err := repo.EnsureTable(ctx, c, spec); !errors.Is(err, context.Canceled) {
			t.Errorf("ended context: %v, want context.Canceled", err)
		}
		if c.total() != 0 {
			t.Errorf("an ended context made calls: %v", c.calls)
		}

		// Cancelled while waiting for a table that never becomes ACTIVE.
		ctx, cancel = context.WithCancel(context.Background())
		defer cancel()
		time.AfterFunc(100*time.Millisecond, cancel)
		start := time.Now()
		err := repo.EnsureTable(ctx, ensureStuck{api}, spec)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled while waiting: %v, want context.Canceled", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("EnsureTable returned %v after the context ended", d)
		}
		t.Log(err)
	})
}

func TestEnsureTableConcurrent(t *testing.T) {
	const callers = 4
	ensureAll := func(t *testing.T, api repo.API, spec repo.TableSpec) {
		t.Helper()
		var wg sync.WaitGroup
		errs := make([]error, callers)
		for i := range callers {
			wg.Go(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				errs[i] = repo.EnsureTable(ctx, api, spec)
			})
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("caller %d: %v", i, err)
			}
		}
	}
	forEachBackend(t, func(t *testing.T, api repo.API) {
		t.Run("create", func(t *testing.T) {
			spec := fullSpec(tableName(t, api))
			ensureAll(t, api, spec)
			assertTable(t, api, spec)
		})
		t.Run("add indexes and TTL", func(t *testing.T) {
			spec := fullSpec(tableName(t, api))
			indexes, ttl := spec.GlobalIndexes, spec.TTL
			spec.GlobalIndexes, spec.TTL = nil, repo.TTLSpec{}
			if err := repo.EnsureTable(context.Background(), api, spec); err != nil {
				t.Fatal(err)
			}
			spec.GlobalIndexes, spec.TTL = indexes, ttl
			ensureAll(t, api, spec)
			assertTable(t, api, spec)
		})
	})
}

// ensureDoc is an item type for TestRepositoryTableSpec.
type ensureDoc struct {
	Title string `dynamodbav:"title"`
}

func TestRepositoryTableSpec(t *testing.T) {
	tests := []struct {
		name string
		cfg  repo.Config
		keys string
	}{
		{"default keys", repo.Config{}, repo.DefaultPartitionKey + ":S " + repo.DefaultSortKey + ":S"},
		{"named keys", repo.Config{PartitionKey: "id", SortKey: "rev"}, "id:S rev:S"},
		{"no sort key", repo.Config{PartitionKey: "id", NoSortKey: true}, "id:S"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, api repo.API) {
				ctx := context.Background()
				cfg := tt.cfg
				cfg.Table = tableName(t, api)
				r, err := repo.New[ensureDoc](api, cfg)
				if err != nil {
					t.Fatal(err)
				}
				spec := r.TableSpec()
				if spec.Name != cfg.Table || spec.TTL != (repo.TTLSpec{Attribute: repo.AttrTTL}) {
					t.Errorf("spec %+v: want table %s and TTL declared on %s, disabled", spec, cfg.Table, repo.AttrTTL)
				}
				if err := repo.EnsureTable(ctx, api, spec); err != nil {
					t.Fatal(err)
				}
				d := describe(t, api, cfg.Table)
				if got := keysOf(d.KeySchema, d.AttributeDefinitions); got != tt.keys {
					t.Errorf("table keys %q, want %q", got, tt.keys)
				}
				if _, err := r.Put(ctx, repo.Content[ensureDoc]{PartitionIDs: []string{"a"}, ContentIDs: contentIDs(cfg), Item: ensureDoc{Title: "t"}}); err != nil {
					t.Errorf("Put on the ensured table: %v", err)
				}
			})
		})
	}
}

func contentIDs(cfg repo.Config) []string {
	if cfg.NoSortKey {
		return nil
	}
	return []string{"c"}
}
