package repo_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/repo"
)

// Movie is the examples' item type: plain Go with dynamodbav tags.
type Movie struct {
	Title  string   `dynamodbav:"title"`
	Year   int      `dynamodbav:"year"`
	Rating float64  `dynamodbav:"rating"`
	Cast   []string `dynamodbav:"cast"`
}

// movies opens an in-memory engine (use a *dynamodb.Client for DynamoDB
// Local or Amazon DynamoDB: the code is the same), declares the table and
// returns a repository that keeps movies under "studio#movie#<studio>",
// content IDs "movie#<year>#<slug>".
func movies() *repo.Repository[Movie] {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		panic(err)
	}
	r, err := repo.New[Movie](db, repo.Config{
		Table:           "movies",
		PartitionPrefix: "studio",
		PartitionName:   "movie",
		ContentType:     "movie",
	})
	if err != nil {
		panic(err)
	}
	if err := repo.EnsureTable(context.Background(), db, r.TableSpec()); err != nil {
		panic(err)
	}
	return r
}

func movie(studio, year, slug string, m Movie) repo.Content[Movie] {
	return repo.Content[Movie]{PartitionIDs: []string{studio}, ContentIDs: []string{year, slug}, Item: m}
}

func seedMovies(r *repo.Repository[Movie]) {
	err := r.PutBatch(context.Background(), []repo.Content[Movie]{
		movie("ghibli", "1988", "totoro", Movie{Title: "My Neighbor Totoro", Year: 1988, Rating: 8.1}),
		movie("ghibli", "1997", "mononoke", Movie{Title: "Princess Mononoke", Year: 1997, Rating: 8.3}),
		movie("ghibli", "2001", "spirited-away", Movie{Title: "Spirited Away", Year: 2001, Rating: 8.6}),
		movie("ghibli", "2004", "howl", Movie{Title: "Howl's Moving Castle", Year: 2004, Rating: 8.2}),
		movie("aardman", "2000", "chicken-run", Movie{Title: "Chicken Run", Year: 2000, Rating: 7.1}),
	})
	if err != nil {
		panic(err)
	}
}

func ExampleNew() {
	db, _ := engine.Open(engine.Options{InMemory: true})
	defer db.Close()
	r, err := repo.New[Movie](db, repo.Config{Table: "movies", PartitionPrefix: "studio", PartitionName: "movie", ContentType: "movie"})
	fmt.Println(err, r.Config().PartitionKey, r.Config().SortKey)
	// Output: <nil> _table_item_id _table_content_id
}

func ExampleEnsureTable() {
	db, _ := engine.Open(engine.Options{InMemory: true})
	defer db.Close()
	spec := repo.TableSpec{
		Name:         "product-table",
		PartitionKey: repo.KeyAttribute{Name: "id", Type: "S"},
		GlobalIndexes: []repo.IndexSpec{{
			Name:         "product-name-index",
			PartitionKey: repo.KeyAttribute{Name: "name", Type: "S"},
			SortKey:      repo.KeyAttribute{Name: "updated_at", Type: "N"},
		}},
		TTL: repo.TTLSpec{Attribute: "TimeToExist"}, // declared, not enabled
	}
	ctx := context.Background()
	fmt.Println(repo.EnsureTable(ctx, db, spec))
	fmt.Println(repo.EnsureTable(ctx, db, spec)) // idempotent
	// Output:
	// <nil>
	// <nil>
}

func ExampleRepository_Put() {
	r := movies()
	ctx := context.Background()
	c := movie("ghibli", "2001", "spirited-away", Movie{Title: "Spirited Away", Year: 2001})
	first, _ := r.Put(ctx, c)
	second, _ := r.Put(ctx, c)
	_, err := r.Put(ctx, c, repo.IfAbsent())
	fmt.Println(first.Version, second.Version, errors.Is(err, repo.ErrConditionFailed))
	_, err = r.Put(ctx, c, repo.IfVersion(1))
	var conflict *repo.VersionConflictError[Movie]
	fmt.Println(errors.As(err, &conflict), conflict.Current.Version)
	// Output:
	// 1 2 true
	// true 2
}

func ExampleRepository_Get() {
	r := movies()
	seedMovies(r)
	ctx := context.Background()
	c, err := r.Get(ctx, repo.Key{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"1988", "totoro"}})
	fmt.Println(c.Item.Title, c.Version, err)
	_, err = r.Get(ctx, repo.Key{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"1989", "kiki"}})
	fmt.Println(errors.Is(err, repo.ErrNotFound))
	// Output:
	// My Neighbor Totoro 1 <nil>
	// true
}

func ExampleRepository_Update() {
	r := movies()
	seedMovies(r)
	ctx := context.Background()
	k := repo.Key{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"1997", "mononoke"}}
	c, err := r.Update(ctx, k, repo.UpdateCommand{
		Set:             map[string]any{"title": "Mononoke-hime"},
		Increment:       map[string]any{"rating": 0.1},
		Append:          map[string]any{"cast": []string{"Yoji Matsuda", "Yuriko Ishida"}},
		ExpectedVersion: 1,
	})
	fmt.Println(c.Item.Title, c.Item.Rating, c.Item.Cast, c.Version, err)
	_, err = r.Update(ctx, k, repo.UpdateCommand{Set: map[string]any{"year": "1997"}})
	fmt.Println(err)
	// Output:
	// Mononoke-hime 8.4 [Yoji Matsuda Yuriko Ishida] 2 <nil>
	// repo: invalid request: Update: set "year": a string does not fit int
}

func ExampleRepository_Delete() {
	r := movies()
	seedMovies(r)
	ctx := context.Background()
	k := repo.Key{PartitionIDs: []string{"aardman"}, ContentIDs: []string{"2000", "chicken-run"}}
	_, err := r.Delete(ctx, k, repo.IfVersion(7))
	fmt.Println(errors.Is(err, repo.ErrVersionConflict))
	old, err := r.Delete(ctx, k)
	fmt.Println(old.Item.Title, err)
	_, err = r.Delete(ctx, k)
	fmt.Println(errors.Is(err, repo.ErrNotFound))
	// Output:
	// true
	// Chicken Run <nil>
	// true
}

func ExampleRepository_PutBatch() {
	r := movies()
	ctx := context.Background()
	var cs []repo.Content[Movie]
	for i := range 60 {
		cs = append(cs, movie("indie", fmt.Sprint(1960+i), "film", Movie{Title: fmt.Sprint("Film ", i), Year: 1960 + i}))
	}
	err := r.PutBatch(ctx, cs) // 3 BatchWriteItem calls; unprocessed items are retried
	n := 0
	for range r.List(ctx, []string{"indie"}, nil) {
		n++
	}
	fmt.Println(err, n)
	// Output: <nil> 60
}

func ExampleRepository_GetBatch() {
	r := movies()
	seedMovies(r)
	found, err := r.GetBatch(context.Background(), []repo.Key{
		{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"2004", "howl"}},
		{PartitionIDs: []string{"ghibli"}, ContentIDs: []string{"1989", "kiki"}}, // absent: left out
		{PartitionIDs: []string{"aardman"}, ContentIDs: []string{"2000", "chicken-run"}},
	})
	for _, c := range found {
		fmt.Println(c.Item.Title)
	}
	fmt.Println(err)
	// Output:
	// Howl's Moving Castle
	// Chicken Run
	// <nil>
}

func ExampleRepository_List() {
	r := movies()
	seedMovies(r)
	ctx := context.Background()
	// The 1990s and later, newest first, rated above 8.2.
	for c, err := range r.List(ctx, []string{"ghibli"}, nil, repo.Descending(), repo.Where(repo.Gt("rating", 8.2))) {
		if err != nil {
			panic(err)
		}
		fmt.Println(c.ContentIDs, c.Item.Title)
	}
	// Content IDs beginning with "19": the last ID is a string prefix.
	for c := range r.List(ctx, []string{"ghibli"}, []string{"19"}) {
		fmt.Println(c.Item.Year)
	}
	// Output:
	// [2001 spirited-away] Spirited Away
	// [1997 mononoke] Princess Mononoke
	// 1988
	// 1997
}

func ExampleRepository_ListBetween() {
	r := movies()
	seedMovies(r)
	for c := range r.ListBetween(context.Background(), []string{"ghibli"}, []string{"1990"}, []string{"2001"}) {
		fmt.Println(c.Item.Title)
	}
	// Output:
	// Princess Mononoke
	// Spirited Away
}

func ExampleRepository_ListIndex() {
	db, _ := engine.Open(engine.Options{InMemory: true})
	defer db.Close()
	ctx := context.Background()
	r, _ := repo.New[Movie](db, repo.Config{Table: "movies", PartitionPrefix: "studio", PartitionName: "movie", ContentType: "movie"})
	spec := r.TableSpec()
	spec.GlobalIndexes = []repo.IndexSpec{{Name: "by-year", PartitionKey: repo.KeyAttribute{Name: "year", Type: "N"}}}
	repo.EnsureTable(ctx, db, spec)
	seedMovies(r)
	for c := range r.ListIndex(ctx, "by-year", expression.Key("year").Equal(expression.Value(2000))) {
		fmt.Println(c.PartitionIDs, c.Item.Title)
	}
	// Output: [aardman] Chicken Run
}

func ExampleRepository_Page() {
	r := movies()
	seedMovies(r)
	ctx := context.Background()
	q := repo.Query{PartitionIDs: []string{"ghibli"}}
	cursor := ""
	for {
		page, err := r.Page(ctx, q, 3, cursor)
		if err != nil {
			panic(err)
		}
		fmt.Println(len(page.Items), page.Next != "")
		if cursor = page.Next; cursor == "" {
			break
		}
	}
	_, err := r.Page(ctx, repo.Query{PartitionIDs: []string{"aardman"}}, 3, "forged")
	fmt.Println(errors.Is(err, repo.ErrBadCursor))
	// Output:
	// 3 true
	// 1 false
	// true
}

func ExampleRepository_WriteOnce() {
	r := movies()
	ctx := context.Background()
	cs := []repo.Content[Movie]{
		movie("ghibli", "1988", "totoro", Movie{Title: "My Neighbor Totoro"}),
		movie("ghibli", "1989", "kiki", Movie{Title: "Kiki's Delivery Service"}),
	}
	written, _ := r.WriteOnce(ctx, cs)
	fmt.Println(len(written))
	cs[1].Expiry = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	written, _ = r.WriteOnce(ctx, cs) // only the changed item is written
	for _, c := range written {
		fmt.Println(c.ContentIDs, c.Version)
	}
	// Output:
	// 2
	// [1989 kiki] 2
}

func ExampleRepository_ListAll() {
	r := movies()
	seedMovies(r)
	n := 0
	for _, err := range r.ListAll(context.Background(), repo.Where(repo.BeginsWith("title", "P"))) {
		if err != nil {
			panic(err)
		}
		n++
	}
	fmt.Println(n)
	// Output: 1
}
