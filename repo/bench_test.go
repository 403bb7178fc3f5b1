package repo_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/repo"
)

// The Get benchmarks read the same stored item on the in-process engine,
// once through the repository and once with a raw GetItem, so their ratio
// is what the repository adds: building the key, decoding into T and the
// Content fields. Run:
//
//	go test -run XXX -bench 'Get$' -benchmem -count 6 ./repo
func benchActor(b *testing.B) (*repo.Repository[Actor], repo.Key) {
	b.Helper()
	db := openEngine(b)
	r, err := repo.New[Actor](db, repo.Config{Table: "bench", PartitionPrefix: "app", PartitionName: "actor", ContentType: "profile"})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := repo.EnsureTable(ctx, db, r.TableSpec()); err != nil {
		b.Fatal(err)
	}
	c := repo.Content[Actor]{PartitionIDs: []string{"ada"}, ContentIDs: []string{"2023-01-01"},
		Item: Actor{Name: "Ada Lovelace", Age: 36, Rating: 4.5, Tags: []string{"math", "poetry"}, Genres: []string{"drama"}, Address: Address{City: "London", Zip: "N1"}, Nickname: "Countess"}}
	if _, err := r.Put(ctx, c); err != nil {
		b.Fatal(err)
	}
	return r, c.Key()
}

func BenchmarkRepositoryGet(b *testing.B) {
	r, k := benchActor(b)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		c, err := r.Get(ctx, k)
		if err != nil || c.Item.Age != 36 {
			b.Fatal(c, err)
		}
	}
}

func BenchmarkEngineGetItem(b *testing.B) {
	r, k := benchActor(b)
	ctx := context.Background()
	db := r.API()
	key, err := r.TableKey(k)
	if err != nil {
		b.Fatal(err)
	}
	in := &dynamodb.GetItemInput{TableName: aws.String("bench"), Key: key}
	b.ReportAllocs()
	for b.Loop() {
		out, err := db.GetItem(ctx, in)
		if err != nil || len(out.Item) != 12 {
			b.Fatal(out, err)
		}
	}
}
