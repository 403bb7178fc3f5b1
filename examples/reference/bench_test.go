package reference_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/examples/reference"
)

// BenchmarkGetCompany is GET /companies/{id} in-process: routing, Huma,
// the repository and the engine, without a network. Run with
// BenchmarkMinimalHandler, the same answer from a bare net/http handler.
func BenchmarkGetCompany(b *testing.B) {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	sys, err := reference.New(context.Background(), db, reference.Options{})
	if err != nil {
		b.Fatal(err)
	}
	put := httptest.NewRequest("PUT", "/companies", bytes.NewReader([]byte(`{"name":"Acme","keywords":["rockets","anvils"]}`)))
	put.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	sys.Handler.ServeHTTP(rec, put)
	if rec.Code != 201 {
		b.Fatal(rec.Code, rec.Body.String())
	}
	want := []byte(`{"id":"acme","name":"Acme","keywords":["rockets","anvils"]}`)
	benchmarkGet(b, sys.Handler, want)
}

// BenchmarkMinimalHandler is the floor: a net/http handler that writes the
// same JSON from memory.
func BenchmarkMinimalHandler(b *testing.B) {
	body := []byte(`{"id":"acme","name":"Acme","keywords":["rockets","anvils"]}`)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /companies/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	benchmarkGet(b, mux, body)
}

// benchmarkGet times GET /companies/acme on h and checks the last answer.
func benchmarkGet(b *testing.B, h http.Handler, want []byte) {
	req := httptest.NewRequest("GET", "/companies/acme", nil)
	w := &discardWriter{header: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		w.reset()
		h.ServeHTTP(w, req)
	}
	b.StopTimer()
	if w.code != 200 || !bytes.Equal(bytes.TrimSpace(w.body.Bytes()), want) {
		b.Fatalf("answer %d %q, want 200 %q", w.code, w.body.Bytes(), want)
	}
}

// discardWriter is a ResponseWriter that keeps the last answer and costs
// little, so the benchmark measures the handler.
type discardWriter struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (w *discardWriter) reset() {
	clear(w.header)
	w.code = 0
	w.body.Reset()
}

func (w *discardWriter) Header() http.Header { return w.header }

func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}

func (w *discardWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = 200
	}
	return w.body.Write(p)
}
