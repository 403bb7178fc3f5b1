package reference_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/examples/reference"
)

// FuzzNever500 sends arbitrary requests to the reference system: whatever
// the method, path, query, headers and body, the answer is never a 5xx,
// and every error is a problem document.
func FuzzNever500(f *testing.F) {
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { db.Close() })
	sys, err := reference.New(context.Background(), db, reference.Options{})
	if err != nil {
		f.Fatal(err)
	}
	h := sys.Handler
	seed := func(method, target, ifMatch, body string) { f.Add(method, target, ifMatch, []byte(body)) }
	seed("PUT", "/companies", "", `{"name":"Acme","keywords":["a"]}`)
	seed("PUT", "/companies/acme", `"v1"`, `{"keywords":null}`)
	seed("DELETE", `/companies?filter={"id":["acme"]}`, "", "")
	seed("POST", "/products", "", `{"name":"pen","description":"x"}`)
	seed("PATCH", "/products/0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c", "*", `{"name":null}`)
	seed("GET", "/products?name=pen&limit=2&cursor=x", "", "")
	seed("POST", "/api/v1/articles/", "", `{"title":"t","slug":"s","text":""}`)
	seed("POST", "/actors", "", `{"name":"Ada"}`)
	seed("POST", "/actors/0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c/reviews", "", `{"review":"r","created":"2023-01-01T00:00:00Z"}`)
	seed("GET", "/actors/0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c/reviews?from=2023&to=2022&order=desc", "", "")
	seed("PATCH", "/actors/%00", `W/"v1", "v2"`, `{"review":"\ud800"}`)
	f.Fuzz(func(t *testing.T, method, target, ifMatch string, body []byte) {
		if !strings.HasPrefix(target, "/") || target == "/" || strings.ContainsAny(target, " \r\n\t#") || !utf8.ValidString(target) {
			t.Skip()
		}
		switch method {
		case "GET", "PUT", "POST", "PATCH", "DELETE":
		default:
			t.Skip()
		}
		req, err := http.NewRequest(method, "http://x"+target, bytes.NewReader(body))
		if err != nil {
			t.Skip()
		}
		req.Header.Set("Content-Type", "application/json")
		if ifMatch != "" && !strings.ContainsAny(ifMatch, "\r\n\x00") {
			req.Header.Set("If-Match", ifMatch)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s (If-Match %q) %q → %d: %s", method, target, ifMatch, body, rec.Code, rec.Body.String())
		}
		if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
			t.Fatalf("%s %s → %d as %q: %s", method, target, rec.Code, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	})
}
