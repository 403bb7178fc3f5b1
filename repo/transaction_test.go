package repo_test

import (
	"context"
	"errors"
	"testing"

	"github.com/dynabase/dynabase/repo"
)

// Claim is a uniqueness marker: the item that owns a unique value.
type Claim struct {
	Owner string `dynamodbav:"owner"`
}

// TestTransactUniqueClaim is the pattern of a unique attribute: the item
// and a claim on its unique value are written together or not at all.
func TestTransactUniqueClaim(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		actors := newActors(t, api, repo.Config{})
		claims, err := repo.New[Claim](api, repo.Config{Table: actors.TableSpec().Name, PartitionPrefix: "test", PartitionName: "nickname", ContentType: "claim"})
		if err != nil {
			t.Fatal(err)
		}
		create := func(id, nickname string) error {
			a, err := actors.PutTx(repo.Content[Actor]{PartitionIDs: []string{id}, Item: Actor{Name: id, Nickname: nickname}}, repo.IfAbsent())
			if err != nil {
				t.Fatal(err)
			}
			c, err := claims.PutTx(repo.Content[Claim]{PartitionIDs: []string{nickname}, Item: Claim{Owner: id}}, repo.IfAbsent())
			if err != nil {
				t.Fatal(err)
			}
			return repo.Transact(ctx, api, a, c)
		}
		if err := create("ada", "countess"); err != nil {
			t.Fatalf("first claim: %v", err)
		}
		err = create("byron", "countess")
		var txe *repo.TxError
		if !errors.As(err, &txe) || txe.Index != 1 || !errors.Is(err, repo.ErrConditionFailed) {
			t.Fatalf("second claim of the same nickname: %v, want a TxError at write 1 matching ErrConditionFailed", err)
		}
		if _, err := actors.Get(ctx, repo.Key{PartitionIDs: []string{"byron"}}); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("the refused transaction wrote its first item: %v", err)
		}
		got, err := actors.Get(ctx, repo.Key{PartitionIDs: []string{"ada"}})
		if err != nil || got.Version != 1 || got.Item.Nickname != "countess" {
			t.Fatalf("Get ada = %+v, %v", got, err)
		}
	})
}

func TestTransactCheck(t *testing.T) {
	forEachBackend(t, func(t *testing.T, api repo.API) {
		ctx := context.Background()
		actors := newActors(t, api, repo.Config{})
		ada := repo.Key{PartitionIDs: []string{"ada"}}
		put := func(name string) repo.TxWrite {
			w, err := actors.PutTx(repo.Content[Actor]{PartitionIDs: []string{name}, Item: Actor{Name: name}})
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		check := func(opts ...repo.WriteOption) repo.TxWrite {
			w, err := actors.CheckTx(ada, opts...)
			if err != nil {
				t.Fatal(err)
			}
			return w
		}
		if err := repo.Transact(ctx, api, check(), put("byron")); !errors.Is(err, repo.ErrNotFound) {
			t.Fatalf("check of a missing item: %v, want ErrNotFound", err)
		}
		if _, err := actors.Put(ctx, repo.Content[Actor]{PartitionIDs: []string{"ada"}, Item: Actor{Name: "Ada"}}); err != nil {
			t.Fatal(err)
		}
		err := repo.Transact(ctx, api, check(repo.IfVersion(2)), put("byron"))
		var conflict *repo.VersionConflictError[Actor]
		if !errors.As(err, &conflict) || conflict.Current.Version != 1 || conflict.Current.Item.Name != "Ada" {
			t.Fatalf("check of a stale version: %v, want a VersionConflictError with the current item", err)
		}
		if err := repo.Transact(ctx, api, check(repo.IfVersion(1)), put("byron")); err != nil {
			t.Fatalf("check that holds: %v", err)
		}
		if _, err := actors.Get(ctx, repo.Key{PartitionIDs: []string{"byron"}}); err != nil {
			t.Fatalf("the committed transaction's put: %v", err)
		}
	})
}

func TestTransactRefusesBadInput(t *testing.T) {
	api := openEngine(t)
	actors := newActors(t, api, repo.Config{})
	if err := repo.Transact(context.Background(), api); err != nil {
		t.Fatalf("an empty transaction: %v", err)
	}
	if err := repo.Transact(context.Background(), api, repo.TxWrite{}); !errors.Is(err, repo.ErrInvalid) {
		t.Fatalf("a zero TxWrite: %v, want ErrInvalid", err)
	}
	if _, err := actors.CheckTx(repo.Key{PartitionIDs: []string{"a"}}, repo.IfAbsent()); !errors.Is(err, repo.ErrInvalid) {
		t.Fatalf("CheckTx IfAbsent: %v, want ErrInvalid", err)
	}
	writes := make([]repo.TxWrite, repo.MaxTxWrites+1)
	if err := repo.Transact(context.Background(), api, writes...); !errors.Is(err, repo.ErrInvalid) {
		t.Fatalf("%d writes: %v, want ErrInvalid", len(writes), err)
	}
}
