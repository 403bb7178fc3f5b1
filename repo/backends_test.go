package repo_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/client"
	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/internal/httpfast"
	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/wire"
)

// backend is one place the repository's suite runs: the engine in-process,
// the engine over HTTP (the server dynabase serve runs), or the reference
// endpoint (DynamoDB Local in CI) named by DYNABASE_REFERENCE_ENDPOINT.
type backend struct {
	name string
	api  repo.API
}

// backends opens every backend available. The in-process and HTTP backends
// share nothing; each test gets fresh ones.
func backends(t testing.TB) []backend {
	t.Helper()
	inproc := openEngine(t)
	served := openEngine(t)
	out := []backend{
		{"engine", inproc},
		{"http", client.Local(serveHTTP(t, served))},
	}
	if ep := os.Getenv("DYNABASE_REFERENCE_ENDPOINT"); ep != "" {
		out = append(out, backend{"reference", client.Local(ep)})
	}
	return out
}

// forEachBackend runs f as a subtest on every backend.
func forEachBackend(t *testing.T, f func(t *testing.T, api repo.API)) {
	t.Helper()
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { f(t, b.api) })
	}
}

func openEngine(t testing.TB) *engine.DB {
	t.Helper()
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// serveHTTP serves db's DynamoDB API as dynabase serve does and returns its
// endpoint.
func serveHTTP(t testing.TB, db *engine.DB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &httpfast.Server{HTTP: &http.Server{Handler: wire.NewHandler(db, wire.Options{})}}
	go srv.Serve(ln)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return "http://" + ln.Addr().String()
}

// tableName is a name no other test (or earlier run against a shared
// reference endpoint) uses; the table is deleted when the test ends.
func tableName(t testing.TB, api repo.API) string {
	t.Helper()
	var b [6]byte
	rand.Read(b[:])
	name := "repo-test-" + hex.EncodeToString(b[:])
	t.Cleanup(func() {
		api.(interface {
			DeleteTable(context.Context, *dynamodb.DeleteTableInput, ...func(*dynamodb.Options)) (*dynamodb.DeleteTableOutput, error)
		}).DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
	})
	return name
}
