package repo_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/dynabase/dynabase/repo"
)

// TestVersionedUpdatesRace: N goroutines each try, for every version, to
// move the counter item from that version to the next with an expected
// version. Exactly one wins each version, the others get a
// VersionConflictError carrying a newer item, and no increment is lost.
func TestVersionedUpdatesRace(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		k := repo.Key{PartitionIDs: []string{"counter"}, ContentIDs: []string{"c"}}
		if _, err := r.Put(ctx, repo.Content[Review]{PartitionIDs: k.PartitionIDs, ContentIDs: k.ContentIDs}, repo.IfAbsent()); err != nil {
			t.Fatal(err)
		}
		const workers, versions = 8, 25
		wins := make([][]int64, workers)
		var conflicts [workers]int
		var wg sync.WaitGroup
		for w := range workers {
			wg.Go(func() {
				for {
					cur, err := r.Get(ctx, k)
					if err != nil {
						t.Error(err)
						return
					}
					if cur.Version > versions {
						return
					}
					got, err := r.Update(ctx, k, repo.UpdateCommand{Increment: map[string]any{"stars": 1}, ExpectedVersion: cur.Version})
					var vc *repo.VersionConflictError[Review]
					switch {
					case err == nil:
						if got.Version != cur.Version+1 || int64(got.Item.Stars) != cur.Version {
							t.Errorf("win from v%d gave v%d with %d stars", cur.Version, got.Version, got.Item.Stars)
						}
						wins[w] = append(wins[w], cur.Version)
					case errors.As(err, &vc):
						if vc.Current.Version <= cur.Version || vc.Expected != cur.Version {
							t.Errorf("conflict at v%d reports current v%d", cur.Version, vc.Current.Version)
						}
						conflicts[w]++
					default:
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		won := map[int64]int{}
		total, lost := 0, 0
		for w := range workers {
			for _, v := range wins[w] {
				won[v]++
				total++
			}
			lost += conflicts[w]
		}
		for v := int64(1); v <= versions; v++ {
			if won[v] != 1 {
				t.Errorf("version %d was won %d times", v, won[v])
			}
		}
		final, _ := r.Get(ctx, k)
		if final.Item.Stars != total || final.Version != versions+1 {
			t.Fatalf("final: %d stars at v%d after %d wins", final.Item.Stars, final.Version, total)
		}
		t.Logf("%d wins, %d conflicts", total, lost)
	})
}
