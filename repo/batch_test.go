package repo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/repo"
)

// throttling passes batch calls through after holding back the last
// `hold` requests of each call as unprocessed, as DynamoDB does under
// throttling, for the first `times` calls (forever when times < 0).
type throttling struct {
	repo.API
	mu          sync.Mutex
	hold, times int
	calls       int
	chunkSizes  []int
}

func (th *throttling) throttle() bool {
	th.mu.Lock()
	defer th.mu.Unlock()
	th.calls++
	return th.times < 0 || th.calls <= th.times
}

func (th *throttling) BatchWriteItem(ctx context.Context, in *dynamodb.BatchWriteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchWriteItemOutput, error) {
	for table, reqs := range in.RequestItems {
		th.mu.Lock()
		th.chunkSizes = append(th.chunkSizes, len(reqs))
		th.mu.Unlock()
		if !th.throttle() || len(reqs) == 0 {
			return th.API.BatchWriteItem(ctx, in, opts...)
		}
		keep := max(len(reqs)-th.hold, 0)
		out, err := th.API.BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{RequestItems: map[string][]types.WriteRequest{table: reqs[:keep]}}, opts...)
		if keep == 0 {
			out, err = &dynamodb.BatchWriteItemOutput{}, nil
		}
		if err != nil {
			return nil, err
		}
		out.UnprocessedItems = map[string][]types.WriteRequest{table: reqs[keep:]}
		return out, nil
	}
	return th.API.BatchWriteItem(ctx, in, opts...)
}

func (th *throttling) BatchGetItem(ctx context.Context, in *dynamodb.BatchGetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.BatchGetItemOutput, error) {
	for table, ka := range in.RequestItems {
		th.mu.Lock()
		th.chunkSizes = append(th.chunkSizes, len(ka.Keys))
		th.mu.Unlock()
		if !th.throttle() {
			return th.API.BatchGetItem(ctx, in, opts...)
		}
		keep := max(len(ka.Keys)-th.hold, 0)
		out := &dynamodb.BatchGetItemOutput{Responses: map[string][]map[string]types.AttributeValue{}}
		if keep > 0 {
			part := ka
			part.Keys = ka.Keys[:keep]
			var err error
			if out, err = th.API.BatchGetItem(ctx, &dynamodb.BatchGetItemInput{RequestItems: map[string]types.KeysAndAttributes{table: part}}, opts...); err != nil {
				return nil, err
			}
		}
		rest := ka
		rest.Keys = ka.Keys[keep:]
		out.UnprocessedKeys = map[string]types.KeysAndAttributes{table: rest}
		return out, nil
	}
	return th.API.BatchGetItem(ctx, in, opts...)
}

func fastRetry(cfg repo.Config) repo.Config {
	cfg.Retry = repo.Backoff{Attempts: 4, Base: time.Millisecond, Max: 2 * time.Millisecond}
	return cfg
}

func reviewContents(n int) []repo.Content[Review] {
	var cs []repo.Content[Review]
	for i := range n {
		cs = append(cs, repo.Content[Review]{PartitionIDs: []string{"p" + fmt.Sprint(i%3)}, ContentIDs: []string{fmt.Sprintf("%04d", i)}, Item: Review{Text: fmt.Sprint(i), Stars: i % 5}})
	}
	return cs
}

func TestBatchesRetryUnprocessed(t *testing.T) {
	ctx := context.Background()
	api := openEngine(t)
	base := newReviews(t, api)
	th := &throttling{API: api, hold: 7, times: 3}
	r, _ := repo.New[Review](th, fastRetry(base.Config()))
	cs := reviewContents(60)
	if err := r.PutBatch(ctx, cs); err != nil {
		t.Fatal(err)
	}
	// 60 items: chunks of 25, 25, 10; the first three calls hold 7 back.
	if want := []int{25, 7, 7, 7, 25, 10}; !slices.Equal(th.chunkSizes, want) {
		t.Errorf("BatchWriteItem calls carried %v items, want %v", th.chunkSizes, want)
	}
	var keys []repo.Key
	for i := len(cs) - 1; i >= 0; i-- {
		keys = append(keys, cs[i].Key())
	}
	keys = append(keys, repo.Key{PartitionIDs: []string{"nobody"}, ContentIDs: []string{"x"}}, keys[0])
	th.calls, th.chunkSizes, th.times = 0, nil, 2
	got, err := r.GetBatch(ctx, keys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 60 {
		t.Fatalf("GetBatch found %d items, want 60", len(got))
	}
	for i, c := range got {
		if want := cs[len(cs)-1-i]; c.ContentIDs[0] != want.ContentIDs[0] || c.Item != want.Item || c.Version != 1 {
			t.Fatalf("GetBatch item %d: %+v, want %+v", i, c, want)
		}
	}
	if want := []int{61, 7, 7}; !slices.Equal(th.chunkSizes, want) {
		t.Errorf("BatchGetItem calls carried %v keys, want %v", th.chunkSizes, want)
	}
}

func TestBatchesReportWhatWasNotDone(t *testing.T) {
	ctx := context.Background()
	api := openEngine(t)
	base := newReviews(t, api)
	th := &throttling{API: api, hold: 5, times: -1}
	r, _ := repo.New[Review](th, fastRetry(base.Config()))
	cs := reviewContents(30)
	err := r.PutBatch(ctx, cs)
	var be *repo.BatchError
	if !errors.As(err, &be) || !errors.Is(err, repo.ErrRetriesExhausted) {
		t.Fatalf("PutBatch under endless throttling: %v", err)
	}
	// The first chunk wrote 20 items and kept 5 back; the second chunk was
	// never sent.
	if len(be.Keys) != 10 || be.Keys[0].ContentIDs[0] != "0020" || be.Keys[9].ContentIDs[0] != "0029" {
		t.Fatalf("unwritten keys %v", be.Keys)
	}
	for i, c := range cs {
		_, err := base.Get(ctx, c.Key())
		if written := err == nil; written != (i < 20) {
			t.Errorf("item %d written=%v", i, written)
		}
	}
	found, err := r.GetBatch(ctx, []repo.Key{cs[0].Key(), cs[1].Key(), cs[2].Key(), cs[3].Key(), cs[4].Key(), cs[5].Key()})
	if !errors.As(err, &be) || len(be.Keys) != 5 || len(found) != 1 || found[0].ContentIDs[0] != "0000" {
		t.Fatalf("GetBatch under endless throttling: %d found, %v", len(found), err)
	}

	// A cancelled context stops the retries and is the cause.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := r.PutBatch(cctx, cs); !errors.Is(err, context.Canceled) || !errors.As(err, &be) || len(be.Keys) != 30 {
		t.Fatalf("PutBatch with a cancelled context: %v", err)
	}
}

func TestPutBatchLastDuplicateWins(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		cs := reviewContents(3)
		dup := cs[1]
		dup.Item.Text = "second"
		dup.Version = 7
		if err := r.PutBatch(ctx, append(cs, dup)); err != nil {
			t.Fatal(err)
		}
		got, err := r.Get(ctx, dup.Key())
		if err != nil || got.Item.Text != "second" || got.Version != 7 {
			t.Fatalf("%+v %v", got, err)
		}
	})
}

func TestWriteOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		cs := reviewContents(20)
		written, err := r.WriteOnce(ctx, cs)
		if err != nil || len(written) != 20 {
			t.Fatalf("first WriteOnce wrote %d: %v", len(written), err)
		}
		// Again: nothing differs, nothing is written.
		if written, err = r.WriteOnce(ctx, cs); err != nil || len(written) != 0 {
			t.Fatalf("second WriteOnce wrote %d: %v", len(written), err)
		}
		// Change two items, give one an expiry, update a third outside
		// WriteOnce (its stored content now differs from cs[9]).
		cs[3].Item.Stars = 99
		cs[12].Item.Text = "changed"
		cs[15].Expiry = time.Unix(2_000_000_000, 0)
		if _, err := r.Update(ctx, cs[9].Key(), repo.UpdateCommand{Set: map[string]any{"text": "drift"}}); err != nil {
			t.Fatal(err)
		}
		written, err = r.WriteOnce(ctx, cs)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range written {
			got = append(got, c.ContentIDs[0])
		}
		if want := []string{"0003", "0009", "0012", "0015"}; !slices.Equal(got, want) {
			t.Fatalf("WriteOnce wrote %q, want %q", got, want)
		}
		if written[0].Version != 2 || written[1].Version != 3 {
			t.Fatalf("versions %d %d", written[0].Version, written[1].Version)
		}
		stored, _ := r.Get(ctx, cs[9].Key())
		if stored.Item.Text != cs[9].Item.Text || stored.Version != 3 {
			t.Fatalf("item 9: %+v", stored)
		}
		unchanged, _ := r.Get(ctx, cs[0].Key())
		if unchanged.Version != 1 {
			t.Fatalf("unchanged item rewritten: %+v", unchanged)
		}
	})
}
