package rest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Note is the test resource: an id the server assigns, validated fields.
type Note struct {
	ID    string   `json:"id" readOnly:"true" dynamodbav:"-"`
	Title string   `json:"title" maxLength:"20" dynamodbav:"title"`
	Body  string   `json:"body,omitempty" dynamodbav:"body,omitempty"`
	Tags  []string `json:"tags,omitempty" dynamodbav:"tags,omitempty"`
}

func newDB(t *testing.T) *engine.DB {
	t.Helper()
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newNotesAPI(t *testing.T) humatest.TestAPI {
	t.Helper()
	db := newDB(t)
	r, err := repo.New[Note](db, repo.Config{Table: "notes", PartitionPrefix: "app", PartitionName: "note", NoSortKey: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.EnsureTable(context.Background(), db, r.TableSpec()); err != nil {
		t.Fatal(err)
	}
	_, api := humatest.New(t, huma.DefaultConfig("notes", "1.0.0"))
	n := 0
	err = rest.Register(api, rest.Resource[Note]{
		Name: "note", Path: "/notes", Repo: r,
		Key:          func(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} },
		ID:           func(c repo.Content[Note]) string { return c.PartitionIDs[0] },
		SetID:        func(n *Note, id string) { n.ID = id },
		NewID:        func(*Note) (string, error) { n++; return fmt.Sprintf("n%03d", n), nil },
		MaxBodyBytes: 1024,
	})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

// scenario is one request and what must come back.
type scenario struct {
	name     string
	method   string
	path     string
	headers  []any // "Name: value" strings, as humatest takes them
	body     any
	status   int
	contains []string // substrings of the response body
	header   map[string]string
}

func run(t *testing.T, api humatest.TestAPI, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		args := append([]any{}, sc.headers...)
		if sc.body != nil {
			args = append(args, sc.body)
		}
		resp := api.Do(sc.method, sc.path, args...)
		if resp.Code != sc.status {
			t.Fatalf("%s: %s %s → %d, want %d: %s", sc.name, sc.method, sc.path, resp.Code, sc.status, resp.Body.String())
		}
		for _, want := range sc.contains {
			if !strings.Contains(resp.Body.String(), want) {
				t.Errorf("%s: body %s lacks %q", sc.name, resp.Body.String(), want)
			}
		}
		for h, want := range sc.header {
			if got := resp.Header().Get(h); got != want {
				t.Errorf("%s: %s = %q, want %q", sc.name, h, got, want)
			}
		}
		if resp.Code >= 400 && resp.Header().Get("Content-Type") != "application/problem+json" {
			t.Errorf("%s: error answered as %q, not a problem document", sc.name, resp.Header().Get("Content-Type"))
		}
	}
}

func TestResource(t *testing.T) {
	api := newNotesAPI(t)
	run(t, api, []scenario{
		{name: "create", method: "POST", path: "/notes", body: map[string]any{"title": "first", "tags": []string{"a"}},
			status: 201, contains: []string{`"id":"n001"`}, header: map[string]string{"ETag": `"v1"`, "Location": "/notes/n001"}},
		{name: "create: malformed JSON", method: "POST", path: "/notes", body: strings.NewReader(`{"title":`), status: 400},
		{name: "create: wrong type", method: "POST", path: "/notes", body: map[string]any{"title": 5}, status: 422, contains: []string{"body.title"}},
		{name: "create: too long", method: "POST", path: "/notes", body: map[string]any{"title": strings.Repeat("x", 21)}, status: 422, contains: []string{"body.title"}},
		{name: "create: unknown field", method: "POST", path: "/notes", body: map[string]any{"title": "x", "color": "red"}, status: 422, contains: []string{"color"}},
		{name: "create: body too large", method: "POST", path: "/notes", body: map[string]any{"title": "x", "body": strings.Repeat("y", 2000)}, status: 413},
		{name: "get", method: "GET", path: "/notes/n001", status: 200, contains: []string{`"title":"first"`, `"id":"n001"`}, header: map[string]string{"ETag": `"v1"`}},
		{name: "get: If-None-Match current", method: "GET", path: "/notes/n001", headers: []any{`If-None-Match: "v1"`}, status: 304},
		{name: "get: If-None-Match other", method: "GET", path: "/notes/n001", headers: []any{`If-None-Match: "v9", W/"x"`}, status: 200},
		{name: "get: bad If-None-Match", method: "GET", path: "/notes/n001", headers: []any{`If-None-Match: v1`}, status: 400},
		{name: "get: absent", method: "GET", path: "/notes/nope", status: 404, contains: []string{`note \"nope\" not found`}},
		{name: "replace: stale If-Match", method: "PUT", path: "/notes/n001", headers: []any{`If-Match: "v7"`}, body: map[string]any{"title": "x"}, status: 412},
		{name: "replace: bad If-Match", method: "PUT", path: "/notes/n001", headers: []any{`If-Match: v1`}, body: map[string]any{"title": "x"}, status: 400},
		{name: "replace: If-None-Match * on existing", method: "PUT", path: "/notes/n001", headers: []any{`If-None-Match: *`}, body: map[string]any{"title": "x"}, status: 412},
		{name: "replace", method: "PUT", path: "/notes/n001", headers: []any{`If-Match: "v1"`}, body: map[string]any{"title": "second"}, status: 200,
			header: map[string]string{"ETag": `"v2"`}},
		{name: "replace dropped tags", method: "GET", path: "/notes/n001", status: 200, contains: []string{`"title":"second"`}},
		{name: "replace creates", method: "PUT", path: "/notes/mine", body: map[string]any{"title": "mine"}, status: 201, header: map[string]string{"ETag": `"v1"`}},
		{name: "replace: If-Match on absent", method: "PUT", path: "/notes/ghost", headers: []any{`If-Match: *`}, body: map[string]any{"title": "x"}, status: 412},
		{name: "patch", method: "PATCH", path: "/notes/n001", headers: []any{"Content-Type: application/merge-patch+json"}, body: map[string]any{"body": "text", "tags": []string{"b"}},
			status: 200, contains: []string{`"title":"second"`, `"body":"text"`, `"tags":["b"]`}, header: map[string]string{"ETag": `"v3"`}},
		{name: "patch: null removes", method: "PATCH", path: "/notes/n001", headers: []any{`If-Match: "v3"`}, body: map[string]any{"body": nil},
			status: 200, header: map[string]string{"ETag": `"v4"`}},
		{name: "patch: stale", method: "PATCH", path: "/notes/n001", headers: []any{`If-Match: "v3"`}, body: map[string]any{"body": "x"}, status: 412},
		{name: "patch: unknown field", method: "PATCH", path: "/notes/n001", body: map[string]any{"color": "red"}, status: 422, contains: []string{"color"}},
		{name: "patch: wrong type", method: "PATCH", path: "/notes/n001", body: map[string]any{"title": 3}, status: 422, contains: []string{"body.title"}},
		{name: "patch: not an object", method: "PATCH", path: "/notes/n001", body: []int{1}, status: 422},
		{name: "patch: not JSON", method: "PATCH", path: "/notes/n001", body: strings.NewReader("{"), status: 400},
		{name: "patch: absent", method: "PATCH", path: "/notes/nope", body: map[string]any{"title": "x"}, status: 404},
		{name: "nothing written by refused patches", method: "GET", path: "/notes/n001", status: 200, header: map[string]string{"ETag": `"v4"`}},
		{name: "delete: stale", method: "DELETE", path: "/notes/n001", headers: []any{`If-Match: "v1"`}, status: 412},
		{name: "delete", method: "DELETE", path: "/notes/n001", headers: []any{`If-Match: "v4"`}, status: 204},
		{name: "delete: absent", method: "DELETE", path: "/notes/n001", status: 404},
		{name: "delete: absent with If-Match", method: "DELETE", path: "/notes/n001", headers: []any{`If-Match: "v4"`}, status: 412},
		{name: "list: bad cursor", method: "GET", path: "/notes?cursor=forged", status: 400, contains: []string{"query.cursor"}},
		{name: "list: bad limit", method: "GET", path: "/notes?limit=0", status: 422, contains: []string{"query.limit"}},
		{name: "list: limit not a number", method: "GET", path: "/notes?limit=x", status: 422},
	})
}

func TestResourcePages(t *testing.T) {
	api := newNotesAPI(t)
	for i := range 7 {
		if resp := api.Post("/notes", map[string]any{"title": fmt.Sprint("t", i)}); resp.Code != 201 {
			t.Fatal(resp.Body.String())
		}
	}
	seen := map[string]bool{}
	path := "/notes?limit=3"
	pages := 0
	for path != "" {
		resp := api.Get(path)
		if resp.Code != 200 {
			t.Fatalf("%s: %d %s", path, resp.Code, resp.Body.String())
		}
		pages++
		var notes []Note
		if err := json.Unmarshal(resp.Body.Bytes(), &notes); err != nil {
			t.Fatal(err)
		}
		for _, n := range notes {
			seen[n.ID] = true
		}
		path = ""
		if link := resp.Header().Get("Link"); link != "" {
			start, end := strings.Index(link, "<"), strings.Index(link, ">")
			if !strings.HasSuffix(link, `; rel="next"`) || start != 0 || end < 0 {
				t.Fatalf("Link %q", link)
			}
			path = link[1:end]
		}
	}
	if len(seen) != 7 || pages != 3 {
		t.Fatalf("%d items over %d pages", len(seen), pages)
	}
	// The body is a plain array even when empty.
	api2 := newNotesAPI(t)
	if resp := api2.Get("/notes"); resp.Code != 200 || strings.TrimSpace(resp.Body.String()) != "[]" {
		t.Fatalf("empty list: %d %q", resp.Code, resp.Body.String())
	}
	_ = http.MethodGet
}
