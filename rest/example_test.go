package rest_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Task is an example resource: what the API shows and what the table
// stores, in one type.
type Task struct {
	ID    string `json:"id" readOnly:"true" dynamodbav:"-"`
	Title string `json:"title" minLength:"1" maxLength:"100" dynamodbav:"title"`
	Done  bool   `json:"done" required:"false" dynamodbav:"done"`
}

// A resource is a repository and how ids map to keys. This one serves
// GET/POST /tasks and GET/PUT/PATCH/DELETE /tasks/{id}.
func ExampleRegister() {
	ctx := context.Background()
	db, _ := engine.Open(engine.Options{InMemory: true}) // or any DynamoDB client
	defer db.Close()
	tasks, _ := repo.New[Task](db, repo.Config{Table: "tasks", PartitionKey: "id", NoSortKey: true})
	_ = repo.EnsureTable(ctx, db, tasks.TableSpec())

	mux := http.NewServeMux()
	cfg := huma.DefaultConfig("tasks", "1.0.0")
	cfg.CreateHooks = nil // plain bodies, without "$schema"
	api := humago.New(mux, cfg)
	next := 0
	err := rest.Register(api, rest.Resource[Task]{
		Name: "task", Path: "/tasks", Repo: tasks,
		Key:   func(id string) repo.Key { return repo.Key{PartitionIDs: []string{id}} },
		ID:    func(c repo.Content[Task]) string { return c.PartitionIDs[0] },
		SetID: func(t *Task, id string) { t.ID = id },
		NewID: func(*Task) (string, error) { next++; return fmt.Sprint("t", next), nil },
	})
	if err != nil {
		panic(err)
	}
	h := rest.TrimTrailingSlash(rest.RouteProblems(mux))

	do := func(method, path, ifMatch, body string) {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if ifMatch != "" {
			req.Header.Set("If-Match", ifMatch)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		fmt.Println(method, path, rec.Code, rec.Header().Get("ETag"), strings.TrimSpace(rec.Body.String()))
	}
	do("POST", "/tasks", "", `{"title":"write docs"}`)
	do("PATCH", "/tasks/t1", `"v1"`, `{"done":true}`)
	do("PATCH", "/tasks/t1", `"v1"`, `{"done":false}`) // stale ETag
	do("GET", "/tasks/", "", "")
	// Output:
	// POST /tasks 201 "v1" {"id":"t1","title":"write docs","done":false}
	// PATCH /tasks/t1 200 "v2" {"id":"t1","title":"write docs","done":true}
	// PATCH /tasks/t1 412  {"title":"Precondition Failed","status":412,"detail":"task \"t1\" has changed: its ETag no longer matches"}
	// GET /tasks/ 200  [{"id":"t1","title":"write docs","done":true}]
}
