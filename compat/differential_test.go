package compat

import (
	"context"
	"flag"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/wire"
)

// ReferenceEnv names the endpoint of the reference DynamoDB (DynamoDB Local
// in CI) for the live differential check. ExclusiveEnv, when set, names
// one used instead: the check deletes every table of its endpoint before
// each file, which would pull tables from under the other packages' tests
// when they share one (go test runs packages in parallel).
const (
	ReferenceEnv = "DYNABASE_REFERENCE_ENDPOINT"
	ExclusiveEnv = "DYNABASE_COMPAT_ENDPOINT"
)

// referenceEndpoint is the endpoint the check may wipe.
func referenceEndpoint() string {
	if ep := os.Getenv(ExclusiveEnv); ep != "" {
		return ep
	}
	return os.Getenv(ReferenceEnv)
}

var record = flag.Bool("record", false,
	"rewrite the expected answers in testdata from the reference endpoint ($"+ReferenceEnv+")")

// TestDifferential runs every file of testdata, in order, against a fresh
// in-process dynabase, whose answers must be Amazon DynamoDB's; and, when
// $DYNABASE_REFERENCE_ENDPOINT is set, against that endpoint (after deleting
// all its tables), whose answers must be DynamoDB Local's.
func TestDifferential(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test data: %v", err)
	}
	ref := referenceEndpoint()
	if *record && ref == "" {
		t.Fatalf("-record needs $%s", ReferenceEnv)
	}
	for _, path := range files {
		f, err := ParseFile(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(filepath.Base(path), func(t *testing.T) {
			t.Run("dynabase", func(t *testing.T) {
				if f.Pending != "" {
					t.Skipf("pending: %s", f.Pending)
				}
				db, err := engine.Open(engine.Options{InMemory: true})
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				srv := httptest.NewServer(wire.NewHandler(db, wire.Options{}))
				defer srv.Close()
				report(t, path, Run(context.Background(), &Client{Endpoint: srv.URL}, f, DynamoDB))
			})
			t.Run("reference", func(t *testing.T) {
				if ref == "" {
					t.Skipf("$%s is not set: no live check against a reference DynamoDB (see README.md)", ReferenceEnv)
				}
				ctx := context.Background()
				c := &Client{Endpoint: ref}
				if err := c.DeleteAllTables(ctx); err != nil {
					t.Fatalf("cleaning %s: %v", ref, err)
				}
				outcomes := Run(ctx, c, f, LocalWant)
				if *record {
					if n := Record(f, outcomes); n > 0 {
						if err := os.WriteFile(path, f.Format(), 0o644); err != nil {
							t.Fatal(err)
						}
						t.Logf("%s: recorded %d answers", path, n)
					}
					return
				}
				report(t, path, outcomes)
			})
		})
	}
}

func report(t *testing.T, path string, outcomes []Outcome) {
	t.Helper()
	failed := 0
	for _, o := range outcomes {
		if !o.OK() {
			failed++
			t.Errorf("%s:%s", path, o)
		}
	}
	if failed > 0 {
		t.Logf("%s: %d of %d cases differ", path, failed, len(outcomes))
	}
}
