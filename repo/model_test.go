package repo_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dynabase/dynabase/repo"
)

// modelItem is what the model keeps per key.
type modelItem struct {
	key     repo.Key
	review  Review
	version int64
}

// TestRepositoryAgreesWithModel runs random puts, updates, deletes, gets,
// lists and pages against the repository and a map, and requires the same
// answers. Content IDs include '#', '\' and empty IDs, so key escaping is
// exercised along the way.
func TestRepositoryAgreesWithModel(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		rng := rand.New(rand.NewPCG(1, 2))
		model := map[string]modelItem{} // by mkey
		parts := []string{"a", "b#", `c\`}
		idAlphabet := []string{"", "x", "x#", "x#y", `\`, "y", "xy", "e"}
		randKey := func() repo.Key {
			n := rng.IntN(3)
			var cids []string
			for range n {
				cids = append(cids, idAlphabet[rng.IntN(len(idAlphabet))])
			}
			if cids == nil {
				cids = []string{}
			}
			return repo.Key{PartitionIDs: []string{parts[rng.IntN(len(parts))]}, ContentIDs: cids}
		}
		mkey := func(k repo.Key) string { return fmt.Sprintf("%q %q", k.PartitionIDs, k.ContentIDs) }
		ops := 400
		if testing.Short() {
			ops = 100
		}
		for i := range ops {
			k := randKey()
			cur, exists := model[mkey(k)]
			switch op := rng.IntN(7); op {
			case 0, 1: // put, sometimes conditional
				rv := Review{Text: fmt.Sprint("t", i), Stars: rng.IntN(5)}
				var opts []repo.WriteOption
				mode := rng.IntN(3)
				var expect int64
				switch mode {
				case 1:
					opts = append(opts, repo.IfAbsent())
				case 2:
					expect = cur.version
					if rng.IntN(3) == 0 {
						expect = cur.version + 1 // stale or absent
					}
					if expect == 0 {
						expect = 1
					}
					opts = append(opts, repo.IfVersion(expect))
				}
				got, err := r.Put(ctx, repo.Content[Review]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs, Item: rv}, opts...)
				switch {
				case mode == 1 && exists:
					mustBe(t, i, err, repo.ErrConditionFailed)
				case mode == 2 && !exists:
					mustBe(t, i, err, repo.ErrNotFound)
				case mode == 2 && expect != cur.version:
					mustBe(t, i, err, repo.ErrVersionConflict)
				default:
					if err != nil {
						t.Fatalf("op %d put %v: %v", i, k, err)
					}
					model[mkey(k)] = modelItem{k, rv, cur.version + 1}
					if got.Version != cur.version+1 {
						t.Fatalf("op %d put %v: version %d, model %d", i, k, got.Version, cur.version+1)
					}
				}
			case 2: // update
				var expect int64
				if exists && rng.IntN(2) == 0 {
					expect = cur.version - int64(rng.IntN(2))
				}
				got, err := r.Update(ctx, k, repo.UpdateCommand{Set: map[string]any{"text": fmt.Sprint("u", i)}, Increment: map[string]any{"stars": 1}, ExpectedVersion: expect})
				switch {
				case !exists:
					mustBe(t, i, err, repo.ErrNotFound)
				case expect != 0 && expect != cur.version:
					mustBe(t, i, err, repo.ErrVersionConflict)
				default:
					if err != nil {
						t.Fatalf("op %d update %v: %v", i, k, err)
					}
					cur.review.Text, cur.review.Stars, cur.version = fmt.Sprint("u", i), cur.review.Stars+1, cur.version+1
					cur.key = k
					model[mkey(k)] = cur
					if got.Item != cur.review || got.Version != cur.version {
						t.Fatalf("op %d update %v: %+v v%d, model %+v v%d", i, k, got.Item, got.Version, cur.review, cur.version)
					}
				}
			case 3: // delete
				_, err := r.Delete(ctx, k)
				if !exists {
					mustBe(t, i, err, repo.ErrNotFound)
				} else if err != nil {
					t.Fatalf("op %d delete %v: %v", i, k, err)
				}
				delete(model, mkey(k))
			case 4: // get
				got, err := r.Get(ctx, k)
				if !exists {
					mustBe(t, i, err, repo.ErrNotFound)
				} else if err != nil || got.Item != cur.review || got.Version != cur.version || !slices.Equal(got.ContentIDs, k.ContentIDs) {
					t.Fatalf("op %d get %v: %+v %v, model %+v", i, k, got, err, cur)
				}
			case 5, 6: // list a prefix, whole or in pages
				prefix := k.ContentIDs
				if len(prefix) > 0 && rng.IntN(2) == 0 {
					last := prefix[len(prefix)-1]
					prefix = append(slices.Clone(prefix[:len(prefix)-1]), last[:rng.IntN(len(last)+1)])
				}
				want := modelList(model, k.PartitionIDs[0], prefix)
				var got []string
				if op == 5 {
					for c, err := range r.List(ctx, k.PartitionIDs, prefix) {
						if err != nil {
							t.Fatal(err)
						}
						got = append(got, describeReview(c))
					}
				} else {
					cursor := ""
					for {
						p, err := r.Page(ctx, repo.Query{PartitionIDs: k.PartitionIDs, Prefix: prefix}, 1+rng.IntN(3), cursor)
						if err != nil {
							t.Fatal(err)
						}
						for _, c := range p.Items {
							got = append(got, describeReview(c))
						}
						if cursor = p.Next; cursor == "" {
							break
						}
					}
				}
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Fatalf("op %d list %q %q:\n got %q\nwant %q", i, k.PartitionIDs, prefix, got, want)
				}
			}
		}
	})
}

// modelList is what a List of prefix in partition must return: the items
// whose content IDs begin with prefix, the last one as a string prefix.
func modelList(model map[string]modelItem, partition string, prefix []string) []string {
	var out []string
	for _, it := range model {
		if it.key.PartitionIDs[0] == partition && hasIDPrefix(it.key.ContentIDs, prefix) {
			out = append(out, fmt.Sprintf("%q %s v%d", it.key.ContentIDs, it.review.Text, it.version))
		}
	}
	slices.Sort(out)
	return out
}

func hasIDPrefix(ids, prefix []string) bool {
	if len(prefix) == 0 || len(prefix) == 1 && prefix[0] == "" { // [""] is documented to be nil
		return true
	}
	if len(prefix) == 0 {
		return true
	}
	if len(ids) < len(prefix) {
		return false
	}
	n := len(prefix) - 1
	return slices.Equal(ids[:n], prefix[:n]) && strings.HasPrefix(ids[n], prefix[n])
}

func describeReview(c repo.Content[Review]) string {
	return fmt.Sprintf("%q %s v%d", c.ContentIDs, c.Item.Text, c.Version)
}

func mustBe(t *testing.T, op int, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Fatalf("op %d: %v, want %v", op, err, target)
	}
}
