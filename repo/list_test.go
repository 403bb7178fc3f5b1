package repo_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"

	"github.com/dynabase/dynabase/repo"
)

// Review is the pydantic-dynamo example's review: stored under its actor's
// partition, content ID the ISO 8601 time it was written.
type Review struct {
	Text  string `dynamodbav:"text"`
	Stars int    `dynamodbav:"stars"`
}

func newReviews(t *testing.T, api repo.API) *repo.Repository[Review] {
	t.Helper()
	r, err := repo.New[Review](api, repo.Config{Table: tableName(t, api), PartitionPrefix: "test", PartitionName: "actor", ContentType: "review"})
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.EnsureTable(context.Background(), api, r.TableSpec()); err != nil {
		t.Fatal(err)
	}
	return r
}

// reviewDates are the content IDs the list tests store, in order.
var reviewDates = []string{"2022-12-31", "2023-01-05", "2023-01-20", "2023-02-11", "2023-04-01", "2023-04-30", "2023-05-01", "2024-01-01"}

func seedReviews(t *testing.T, r *repo.Repository[Review]) {
	t.Helper()
	var cs []repo.Content[Review]
	for i, d := range reviewDates {
		cs = append(cs, repo.Content[Review]{PartitionIDs: []string{"ada"}, ContentIDs: []string{d}, Item: Review{Text: "r" + d, Stars: i%5 + 1}})
	}
	// Another actor's reviews, which no query of ada's may return.
	cs = append(cs, repo.Content[Review]{PartitionIDs: []string{"bob"}, ContentIDs: []string{"2023-01-01"}, Item: Review{Text: "bob", Stars: 5}})
	if err := r.PutBatch(context.Background(), cs); err != nil {
		t.Fatal(err)
	}
}

func ids[T any](t *testing.T, seq func(yield func(repo.Content[T], error) bool)) []string {
	t.Helper()
	var out []string
	for c, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, c.ContentIDs[0])
	}
	return out
}

func TestList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		seedReviews(t, r)
		ada := []string{"ada"}
		for _, tc := range []struct {
			name string
			got  []string
			want []string
		}{
			{"all", ids(t, r.List(ctx, ada, nil)), reviewDates},
			{"prefix", ids(t, r.List(ctx, ada, []string{"2023"})), reviewDates[1:7]},
			{"prefix month", ids(t, r.List(ctx, ada, []string{"2023-04"})), reviewDates[4:6]},
			{"descending", ids(t, r.List(ctx, ada, []string{"2023"}, repo.Descending())), reversed(reviewDates[1:7])},
			{"limit", ids(t, r.List(ctx, ada, nil, repo.Limit(3))), reviewDates[:3]},
			{"filter", ids(t, r.List(ctx, ada, nil, repo.Where(repo.Ge("stars", 4)))), []string{"2023-02-11", "2023-04-01"}},
			{"filter and limit", ids(t, r.List(ctx, ada, nil, repo.Where(repo.In("stars", 1, 2)), repo.Limit(3))), []string{"2022-12-31", "2023-01-05", "2023-04-30"}},
			{"between", ids(t, r.ListBetween(ctx, ada, []string{"2023-01"}, []string{"2023-04"})), reviewDates[1:6]},
			{"between days", ids(t, r.ListBetween(ctx, ada, []string{"2023-01-06"}, []string{"2023-04-01"})), reviewDates[2:5]},
			{"between equal is prefix", ids(t, r.ListBetween(ctx, ada, []string{"2023-01"}, []string{"2023-01"})), reviewDates[1:3]},
			{"between open start", ids(t, r.ListBetween(ctx, ada, nil, []string{"2023-01"})), reviewDates[:3]},
			{"between descending", ids(t, r.ListBetween(ctx, ada, []string{"2023-01"}, []string{"2023-04"}, repo.Descending(), repo.Limit(2))), []string{"2023-04-30", "2023-04-01"}},
			{"no such partition", ids(t, r.List(ctx, []string{"carl"}, nil)), nil},
			{"all partitions", sorted(ids(t, r.ListAll(ctx))), sorted(append(slices.Clone(reviewDates), "2023-01-01"))},
			{"all partitions filtered", ids(t, r.ListAll(ctx, repo.Where(repo.Eq("text", "bob")))), []string{"2023-01-01"}},
		} {
			if !slices.Equal(tc.got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, tc.got, tc.want)
			}
		}
	})
}

func TestPages(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r := newReviews(t, api)
		seedReviews(t, r)
		for _, tc := range []struct {
			name string
			q    repo.Query
			size int
			want []string
		}{
			{"all by 3", repo.Query{PartitionIDs: []string{"ada"}}, 3, reviewDates},
			{"all by 8 (one full page, no empty one after)", repo.Query{PartitionIDs: []string{"ada"}}, 8, reviewDates},
			{"all by 100", repo.Query{PartitionIDs: []string{"ada"}}, 100, reviewDates},
			{"filtered by 1", repo.Query{PartitionIDs: []string{"ada"}, Filter: repo.Ge("stars", 3)}, 1, []string{"2023-01-20", "2023-02-11", "2023-04-01", "2024-01-01"}},
			{"filtered by 2", repo.Query{PartitionIDs: []string{"ada"}, Filter: repo.Ge("stars", 3)}, 2, []string{"2023-01-20", "2023-02-11", "2023-04-01", "2024-01-01"}},
			{"descending by 3", repo.Query{PartitionIDs: []string{"ada"}, Descending: true}, 3, reversed(reviewDates)},
			{"between by 2", repo.Query{PartitionIDs: []string{"ada"}, Range: &repo.ContentRange{From: []string{"2023-01"}, To: []string{"2023-04"}}}, 2, reviewDates[1:6]},
			{"scan by 4", repo.Query{Scan: true, Filter: repo.Ne("text", "bob")}, 4, reviewDates},
		} {
			var got []string
			cursor := ""
			pages := 0
			for {
				page, err := r.Page(ctx, tc.q, tc.size, cursor)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				pages++
				if len(page.Items) == 0 || len(page.Items) > tc.size || (page.Next != "" && len(page.Items) != tc.size) {
					t.Fatalf("%s: page %d has %d items (size %d), next %q", tc.name, pages, len(page.Items), tc.size, page.Next)
				}
				for _, c := range page.Items {
					got = append(got, c.ContentIDs[0])
				}
				if page.Next == "" {
					break
				}
				cursor = page.Next
			}
			if tc.q.Scan {
				got = sorted(got)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
			}
			if wantPages := (len(tc.want) + tc.size - 1) / tc.size; pages != wantPages {
				t.Errorf("%s: %d pages, want %d", tc.name, pages, wantPages)
			}
		}
	})
}

func TestCursorsAreBoundAndSigned(t *testing.T) {
	ctx := context.Background()
	api := openEngine(t)
	r := newReviews(t, api)
	seedReviews(t, r)
	q := repo.Query{PartitionIDs: []string{"ada"}}
	page, err := r.Page(ctx, q, 2, "")
	if err != nil || page.Next == "" {
		t.Fatal(page, err)
	}
	// The same query with another page size takes the cursor.
	if p, err := r.Page(ctx, q, 3, page.Next); err != nil || p.Items[0].ContentIDs[0] != reviewDates[2] {
		t.Fatalf("same query, other size: %v %v", p, err)
	}
	other := []repo.Query{
		{PartitionIDs: []string{"bob"}},
		{PartitionIDs: []string{"ada"}, Descending: true},
		{PartitionIDs: []string{"ada"}, Prefix: []string{"2023"}},
		{PartitionIDs: []string{"ada"}, Filter: repo.Ge("stars", 1)},
		{Scan: true},
	}
	for _, oq := range other {
		if _, err := r.Page(ctx, oq, 2, page.Next); !errors.Is(err, repo.ErrBadCursor) || !errors.Is(err, repo.ErrInvalid) {
			t.Errorf("cursor replayed on %+v: %v", oq, err)
		}
	}
	// Another repository (another signing key) refuses it.
	r2, _ := repo.New[Review](api, r.Config())
	if _, err := r2.Page(ctx, q, 2, page.Next); !errors.Is(err, repo.ErrBadCursor) {
		t.Errorf("cursor of another repository: %v", err)
	}
	// Every single-character change is refused.
	for i := range page.Next {
		for _, c := range []byte("AZaz09-_") {
			if page.Next[i] == c {
				continue
			}
			bad := page.Next[:i] + string(c) + page.Next[i+1:]
			if _, err := r.Page(ctx, q, 2, bad); !errors.Is(err, repo.ErrBadCursor) {
				t.Fatalf("altered cursor %q accepted: %v", bad, err)
			}
		}
	}
	for _, bad := range []string{"x", "!!!", page.Next + "A", page.Next[:len(page.Next)-1]} {
		if _, err := r.Page(ctx, q, 2, bad); !errors.Is(err, repo.ErrBadCursor) {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}
	// A shared key makes repositories accept each other's cursors.
	cfg := r.Config()
	cfg.CursorKey = []byte("shared secret")
	a, _ := repo.New[Review](api, cfg)
	b, _ := repo.New[Review](api, cfg)
	pa, _ := a.Page(ctx, q, 2, "")
	if pb, err := b.Page(ctx, q, 2, pa.Next); err != nil || pb.Items[0].ContentIDs[0] != reviewDates[2] {
		t.Fatalf("shared key: %v", err)
	}
}

func TestListIndex(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		r, err := repo.New[Review](api, repo.Config{Table: tableName(t, api), PartitionPrefix: "t", PartitionName: "a", ContentType: "review"})
		if err != nil {
			t.Fatal(err)
		}
		spec := r.TableSpec()
		spec.GlobalIndexes = []repo.IndexSpec{{Name: "by-stars", PartitionKey: repo.KeyAttribute{Name: "stars", Type: "N"}, SortKey: repo.KeyAttribute{Name: "text", Type: "S"}}}
		if err := repo.EnsureTable(ctx, api, spec); err != nil {
			t.Fatal(err)
		}
		var cs []repo.Content[Review]
		for i := range 7 {
			cs = append(cs, repo.Content[Review]{PartitionIDs: []string{fmt.Sprint("p", i%2)}, ContentIDs: []string{fmt.Sprint(i)}, Item: Review{Text: fmt.Sprint("t", 9-i), Stars: 5}})
		}
		cs = append(cs, repo.Content[Review]{PartitionIDs: []string{"p"}, ContentIDs: []string{"x"}, Item: Review{Text: "t", Stars: 1}})
		if err := r.PutBatch(ctx, cs); err != nil {
			t.Fatal(err)
		}
		five := expression.Key("stars").Equal(expression.Value(5))
		if got := ids(t, r.ListIndex(ctx, "by-stars", five, repo.Descending())); !slices.Equal(got, []string{"0", "1", "2", "3", "4", "5", "6"}) {
			t.Errorf("ListIndex: %q", got)
		}
		var got []string
		cursor := ""
		for {
			p, err := r.Page(ctx, repo.Query{Index: "by-stars", IndexKey: five}, 3, cursor)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range p.Items {
				got = append(got, c.ContentIDs[0])
			}
			if cursor = p.Next; cursor == "" {
				break
			}
		}
		if !slices.Equal(got, []string{"6", "5", "4", "3", "2", "1", "0"}) {
			t.Errorf("index pages: %q", got)
		}
	})
}

func reversed(s []string) []string {
	out := slices.Clone(s)
	slices.Reverse(out)
	return out
}

func sorted(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}
