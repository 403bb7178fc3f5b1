package repo_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/dynabase/dynabase/repo"
)

func TestUpdate(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newActors(t, api, repo.Config{})
		k := repo.Key{PartitionIDs: []string{"ada"}, ContentIDs: []string{"profile"}}
		if _, err := r.Update(ctx, k, repo.UpdateCommand{Set: map[string]any{"name": "x"}}); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("Update of nothing: %v", err)
		}
		if _, err := r.Put(ctx, repo.Content[Actor]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs,
			Item: Actor{Name: "Ada", Age: 36, Tags: []string{"math"}, Address: Address{City: "London", Zip: "N1"}, Nickname: "A"}}); err != nil {
			t.Fatal(err)
		}
		expiry := time.Unix(2_100_000_000, 0).UTC()
		got, err := r.Update(ctx, k, repo.UpdateCommand{
			Set:       map[string]any{"address.city": "Paris", "name": "Ada L.", "genres": []string{"drama", "sci-fi"}, "nickname": ""},
			Increment: map[string]any{"age": 2, "rating": 1.5},
			Append:    map[string]any{"tags": []string{"poetry", "engines"}},
			Remove:    []string{"address.zip"},
			Expiry:    &expiry,
		})
		if err != nil {
			t.Fatal(err)
		}
		want := Actor{Name: "Ada L.", Age: 38, Rating: 1.5, Tags: []string{"math", "poetry", "engines"}, Genres: []string{"drama", "sci-fi"}, Address: Address{City: "Paris"}}
		if got.Version != 2 || !got.Expiry.Equal(expiry) || !equalActor(got.Item, want) {
			t.Fatalf("Update gave v%d %v %+v, want %+v", got.Version, got.Expiry, got.Item, want)
		}
		stored, _ := r.Get(ctx, k)
		if !equalActor(stored.Item, want) || stored.Version != 2 {
			t.Fatalf("stored %+v", stored)
		}
		// Expected versions.
		_, err = r.Update(ctx, k, repo.UpdateCommand{Increment: map[string]any{"age": 1}, ExpectedVersion: 1})
		var vc *repo.VersionConflictError[Actor]
		if !errors.As(err, &vc) || vc.Current.Version != 2 || vc.Current.Item.Age != 38 {
			t.Fatalf("stale ExpectedVersion: %v", err)
		}
		got, err = r.Update(ctx, k, repo.UpdateCommand{Increment: map[string]any{"age": -1}, ExpectedVersion: 2, Expiry: &time.Time{}})
		if err != nil || got.Version != 3 || got.Item.Age != 37 || !got.Expiry.IsZero() {
			t.Fatalf("current ExpectedVersion: %+v %v", got, err)
		}
		// A condition of the caller's.
		if _, err := r.Update(ctx, k, repo.UpdateCommand{Set: map[string]any{"age": 1}, Condition: repo.Gt("age", 100)}); !errors.Is(err, repo.ErrConditionFailed) || errors.Is(err, repo.ErrVersionConflict) {
			t.Fatalf("failed Condition: %v", err)
		}
		if got, err := r.Update(ctx, k, repo.UpdateCommand{Set: map[string]any{"age": 1}, Condition: repo.Lt("age", 100)}); err != nil || got.Item.Age != 1 {
			t.Fatalf("held Condition: %v", err)
		}
	})
}

func TestUpdateRefusesWhatDoesNotFitT(t *testing.T) {
	ctx := context.Background()
	api := openEngine(t)
	r := newActors(t, api, repo.Config{})
	k := repo.Key{PartitionIDs: []string{"ada"}, ContentIDs: []string{"profile"}}
	if _, err := r.Put(ctx, repo.Content[Actor]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: Actor{Name: "Ada"}}); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []repo.UpdateCommand{
		{Set: map[string]any{"nosuch": 1}},
		{Set: map[string]any{"age": "old"}},
		{Set: map[string]any{"address.nosuch": "x"}},
		{Set: map[string]any{"name.first": "x"}},
		{Set: map[string]any{"tags[x]": "x"}},
		{Set: map[string]any{"tags[0]": 3}},
		{Set: map[string]any{"": 3}},
		{Set: map[string]any{"_object_version": 3}},
		{Set: map[string]any{"_table_item_id": "x"}},
		{Set: map[string]any{"address": "Paris"}},
		{Increment: map[string]any{"name": 1}},
		{Increment: map[string]any{"age": "1"}},
		{Append: map[string]any{"name": []string{"x"}}},
		{Append: map[string]any{"tags": "x"}},
		{Append: map[string]any{"tags": []int{1}}},
		{Set: map[string]any{"address": Address{}}, Remove: []string{"address.city"}},
		{Set: map[string]any{"age": 1}, Increment: map[string]any{"age": 1}},
		{Remove: []string{"nosuch"}},
		{ExpectedVersion: -1},
	} {
		if _, err := r.Update(ctx, k, cmd); !errors.Is(err, repo.ErrInvalid) {
			t.Errorf("%+v: %v, want ErrInvalid", cmd, err)
		}
	}
	if got, _ := r.Get(ctx, k); got.Version != 1 {
		t.Fatalf("a refused update wrote: version %d", got.Version)
	}
}

func equalActor(a, b Actor) bool {
	eq := func(x, y []string) bool {
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if x[i] != y[i] {
				return false
			}
		}
		return true
	}
	return a.Name == b.Name && a.Age == b.Age && a.Rating == b.Rating && eq(a.Tags, b.Tags) &&
		eqSet(a.Genres, b.Genres) && a.Address == b.Address && a.Nickname == b.Nickname
}

func eqSet(x, y []string) bool {
	if len(x) != len(y) {
		return false
	}
	m := map[string]bool{}
	for _, s := range x {
		m[s] = true
	}
	for _, s := range y {
		if !m[s] {
			return false
		}
	}
	return true
}
