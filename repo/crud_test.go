package repo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dynabase/dynabase/repo"
)

// Actor and its Address are the suite's item type: nested documents, a
// list, a set, an omitempty field and numbers of several kinds.
type Actor struct {
	Name     string   `dynamodbav:"name"`
	Age      int      `dynamodbav:"age"`
	Rating   float64  `dynamodbav:"rating,omitempty"`
	Tags     []string `dynamodbav:"tags"`
	Genres   []string `dynamodbav:"genres,stringset,omitempty"`
	Address  Address  `dynamodbav:"address"`
	Nickname string   `dynamodbav:"nickname,omitempty"`
}

type Address struct {
	City string `dynamodbav:"city"`
	Zip  string `dynamodbav:"zip,omitempty"`
}

// newActors makes a table with the repository's default keys and returns a
// repository for actors over it.
func newActors(t *testing.T, api repo.API, cfg repo.Config) *repo.Repository[Actor] {
	t.Helper()
	if cfg.Table == "" {
		cfg.Table = tableName(t, api)
	}
	if cfg.PartitionPrefix == "" && cfg.PartitionName == "" {
		cfg.PartitionPrefix, cfg.PartitionName = "test", "actor"
	}
	if cfg.ContentType == "" {
		cfg.ContentType = "actor"
	}
	r, err := repo.New[Actor](api, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.EnsureTable(context.Background(), api, r.TableSpec()); err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPutGetDelete(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newActors(t, api, repo.Config{})
		k := repo.Key{PartitionIDs: []string{"ada"}, ContentIDs: []string{}}
		if _, err := r.Get(ctx, k); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("Get of nothing: %v, want ErrNotFound", err)
		}
		a := Actor{Name: "Ada", Age: 36, Tags: []string{"math"}, Genres: []string{"drama"}, Address: Address{City: "London"}, Nickname: "Countess"}
		expiry := time.Unix(2_000_000_000, 0).UTC()
		put, err := r.Put(ctx, repo.Content[Actor]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: a, Expiry: expiry})
		if err != nil {
			t.Fatal(err)
		}
		if put.Version != 1 || put.Timestamp.IsZero() {
			t.Fatalf("Put: version %d timestamp %v", put.Version, put.Timestamp)
		}
		got, err := r.Get(ctx, k)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != 1 || !got.Expiry.Equal(expiry) || got.Item.Name != "Ada" || got.Item.Address.City != "London" || len(got.Item.Genres) != 1 || got.Item.Nickname != "Countess" {
			t.Fatalf("Get: %+v", got)
		}
		if !got.Timestamp.Equal(put.Timestamp) {
			t.Fatalf("timestamp %v, put said %v", got.Timestamp, put.Timestamp)
		}
		// Replacing: the version goes on, omitted fields go away.
		a.Nickname = ""
		put, err = r.Put(ctx, repo.Content[Actor]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: a})
		if err != nil {
			t.Fatal(err)
		}
		got, _ = r.Get(ctx, k)
		if put.Version != 2 || got.Version != 2 || got.Item.Nickname != "" || !got.Expiry.IsZero() {
			t.Fatalf("after replace: put v%d, got %+v", put.Version, got)
		}
		// IfAbsent on an existing item.
		if _, err := r.Put(ctx, got, repo.IfAbsent()); !errors.Is(err, repo.ErrConditionFailed) {
			t.Fatalf("IfAbsent on existing: %v", err)
		}
		// IfVersion stale.
		_, err = r.Put(ctx, got, repo.IfVersion(1))
		var vc *repo.VersionConflictError[Actor]
		if !errors.As(err, &vc) || !errors.Is(err, repo.ErrVersionConflict) || vc.Current.Version != 2 || vc.Current.Item.Name != "Ada" {
			t.Fatalf("IfVersion stale: %v (%+v)", err, vc)
		}
		if put, err = r.Put(ctx, got, repo.IfVersion(2)); err != nil || put.Version != 3 {
			t.Fatalf("IfVersion current: v%d %v", put.Version, err)
		}
		// Delete with a stale version, then for real, then again.
		if _, err := r.Delete(ctx, k, repo.IfVersion(2)); !errors.Is(err, repo.ErrVersionConflict) {
			t.Fatalf("Delete stale: %v", err)
		}
		del, err := r.Delete(ctx, k)
		if err != nil || del.Version != 3 || del.Item.Name != "Ada" {
			t.Fatalf("Delete: %+v %v", del, err)
		}
		if _, err := r.Delete(ctx, k); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("Delete again: %v", err)
		}
		if _, err := r.Put(ctx, got, repo.IfVersion(3)); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("IfVersion on absent: %v", err)
		}
		if put, err := r.Put(ctx, got, repo.IfAbsent()); err != nil || put.Version != 1 {
			t.Fatalf("IfAbsent on absent: %+v %v", put, err)
		}
	})
}
