package rest_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/humatest"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// newStampedNotesAPI registers notes with uuid ids, only get, create and
// patch, and a BeforeWrite hook that stamps the body and refuses a title.
func newStampedNotesAPI(t *testing.T) humatest.TestAPI {
	t.Helper()
	api := newNotesAPI(t) // a first registration, at /notes
	r, err := repo.New[Note](newDB(t), repo.Config{Table: "stamped", NoSortKey: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := repo.EnsureTable(context.Background(), r.API(), r.TableSpec()); err != nil {
		t.Fatal(err)
	}
	err = rest.Register(api, rest.Resource[Note]{
		Name: "stamped", Path: "/stamped", Repo: r, IDFormat: "uuid",
		Operations: rest.Get | rest.Create | rest.Patch,
		Key:        func(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} },
		ID:         func(c repo.Content[Note]) string { return c.PartitionIDs[0] },
		SetID:      func(n *Note, id string) { n.ID = id },
		NewID:      func(*Note) (string, error) { return "0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c", nil },
		BeforeWrite: func(n *Note, previous *Note) error {
			if n.Title == "forbidden" {
				return errors.New("that title is not allowed")
			}
			if n.Title == "teapot" {
				return huma.NewError(http.StatusTeapot, "short and stout")
			}
			n.Body = "stamped"
			if previous != nil {
				n.Body = "stamped again after " + previous.Title
			}
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return api
}

func TestResourceOptions(t *testing.T) {
	api := newStampedNotesAPI(t)
	id := "/stamped/0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c"
	run(t, api, []scenario{
		{name: "BeforeWrite refuses", method: "POST", path: "/stamped", body: map[string]any{"title": "forbidden"}, status: 422, contains: []string{"not allowed"}},
		{name: "BeforeWrite's own status", method: "POST", path: "/stamped", body: map[string]any{"title": "teapot"}, status: 418},
		{name: "nothing written by refusals", method: "GET", path: id, status: 404},
		{name: "create stamps", method: "POST", path: "/stamped", body: map[string]any{"title": "a"}, status: 201, contains: []string{`"body":"stamped"`}},
		{name: "patch stamps with the previous item", method: "PATCH", path: id, body: map[string]any{"title": "b"}, status: 200,
			contains: []string{`"body":"stamped again after a"`}},
		{name: "get: id not a uuid", method: "GET", path: "/stamped/nope", status: 422, contains: []string{"path.id"}},
		{name: "patch: id not a uuid", method: "PATCH", path: "/stamped/nope", body: map[string]any{"title": "b"}, status: 422, contains: []string{"path.id"}},
	})
	// Operations left out are not routed (the mux answers 405; see
	// TestRouteProblems for its answer as a problem document).
	for _, op := range [][2]string{{"GET", "/stamped"}, {"PUT", id}, {"DELETE", id}} {
		if resp := api.Do(op[0], op[1]); resp.Code != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %d, want 405", op[0], op[1], resp.Code)
		}
	}
	doc := api.OpenAPI()
	if p := doc.Paths["/stamped/{id}"]; p == nil || p.Get == nil || p.Get.Parameters[0].Schema.Format != "uuid" {
		t.Fatalf("the id parameter is not documented as a uuid")
	}
	if doc.Paths["/notes/{id}"].Get.Parameters[0].Schema.Format != "" {
		t.Fatalf("documenting one resource's id format changed another's")
	}
}

func TestRegisterRefusesIncompleteResources(t *testing.T) {
	_, api := humatest.New(t, huma.DefaultConfig("x", "1"))
	r, err := repo.New[Note](newDB(t), repo.Config{Table: "x12", NoSortKey: true})
	if err != nil {
		t.Fatal(err)
	}
	key := func(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} }
	id := func(c repo.Content[Note]) string { return c.PartitionIDs[0] }
	for name, res := range map[string]rest.Resource[Note]{
		"no repository":    {Name: "x", Path: "/x", Key: key, ID: id},
		"create, no NewID": {Name: "x", Path: "/x", Repo: r, Key: key, ID: id, Operations: rest.Create},
		"no Key":           {Name: "x", Path: "/x", Repo: r, ID: id},
	} {
		if err := rest.Register(api, res); err == nil {
			t.Errorf("%s: Register accepted it", name)
		}
	}
}

func TestTrimTrailingSlash(t *testing.T) {
	var got string
	h := rest.TrimTrailingSlash(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.URL.Path }))
	for in, want := range map[string]string{"/": "/", "/a/": "/a", "/a": "/a", "/a/b//": "/a/b", "//": "/"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "http://x"+in, nil))
		if got != want {
			t.Errorf("%q served as %q, want %q", in, got, want)
		}
	}
}

func TestNextLink(t *testing.T) {
	if got := rest.NextLink("/a", nil, 5, ""); got != "" {
		t.Fatalf("last page: %q", got)
	}
	got := rest.NextLink("/a", map[string][]string{"name": {"x y"}, "cursor": {"old"}}, 5, "c&1")
	if want := `</a?cursor=c%261&limit=5&name=x+y>; rel="next"`; got != want || !strings.HasSuffix(got, `rel="next"`) {
		t.Fatalf("NextLink = %q, want %q", got, want)
	}
}

func TestRouteProblems(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /a/{id}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	h := rest.RouteProblems(mux)
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{"GET", "/a/1", 200, ""},
		{"GET", "/b", 404, ""},
		{"DELETE", "/a/1", 405, "GET, HEAD"},
		{"GET", "/a/1/", 404, ""},
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(tc.method, tc.path, nil))
		if rec.Code != tc.status || rec.Header().Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d Allow %q, want %d Allow %q", tc.method, tc.path, rec.Code, rec.Header().Get("Allow"), tc.status, tc.allow)
		}
		if tc.status >= 400 && (rec.Header().Get("Content-Type") != "application/problem+json" || !strings.Contains(rec.Body.String(), `"status":`)) {
			t.Errorf("%s %s: answered %q %s, not a problem document", tc.method, tc.path, rec.Header().Get("Content-Type"), rec.Body.String())
		}
	}
}
