package reference_test

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestSystemDocumentsAndRoutes(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		s := newScenario(t, h)
		s.run([]step{
			{name: "docs", method: "GET", path: "/docs", status: 200, contains: []string{"<html", "/openapi"}},
			{name: "unknown path", method: "GET", path: "/nowhere", status: 404, contains: []string{"/nowhere"}},
			{name: "unknown method", method: "DELETE", path: "/products", status: 405},
		})
		rec := s.do(step{name: "openapi", method: "GET", path: "/openapi.json", status: 200, contains: []string{`"openapi":"3.1.0"`}})
		var doc struct {
			Paths map[string]map[string]any `json:"paths"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for path, methods := range map[string][]string{
			"/companies":            {"get", "put", "delete"},
			"/companies/{id}":       {"get", "put", "delete"},
			"/products":             {"get", "post"},
			"/products/{id}":        {"get", "patch", "delete"},
			"/api/v1/articles":      {"get", "post"},
			"/api/v1/articles/{id}": {"get"},
			"/actors":               {"get", "post"},
			"/actors/{id}":          {"get", "patch"},
			"/actors/{id}/reviews":  {"get", "post"},
		} {
			for _, m := range methods {
				if doc.Paths[path][m] == nil {
					t.Errorf("the OpenAPI document lacks %s %s", m, path)
				}
			}
		}
	})
}
