package reference_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestArticles(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		newScenario(t, h).run([]step{
			{name: "create", method: "POST", path: "/api/v1/articles/", body: `{"title":"Hello","slug":"hello","text":"First."}`, status: 201,
				contains: []string{`"slug":"hello"`, `"created_at":"2024-06-01T00:00:01Z"`}, headerHas: map[string]string{"Location": "/api/v1/articles/"},
				save: map[string]string{"a1": "id"}},
			{name: "create without the slash", method: "POST", path: "/api/v1/articles", body: `{"title":"Two","slug":"two","text":""}`, status: 201, save: map[string]string{"a2": "id"}},
			{name: "duplicate slug", method: "POST", path: "/api/v1/articles/", body: `{"title":"Again","slug":"hello","text":"x"}`, status: 409,
				contains: []string{`slug \"hello\"`, "body.slug"}},
			{name: "get", method: "GET", path: "/api/v1/articles/{a1}", status: 200, contains: []string{`"id":"{a1}"`, `"title":"Hello"`}},
			{name: "get with the slash", method: "GET", path: "/api/v1/articles/{a1}/", status: 200, contains: []string{`"id":"{a1}"`}},
			{name: "list: only articles, not the slug claims", method: "GET", path: "/api/v1/articles/", status: 200,
				contains: []string{"{a1}", "{a2}"}, absent: []string{"Again", "article_id"}},
			{name: "list without the slash", method: "GET", path: "/api/v1/articles", status: 200, contains: []string{"{a1}"}},

			{name: "title too long", method: "POST", path: "/api/v1/articles/", body: `{"title":"` + strings.Repeat("t", 66) + `","slug":"s1","text":""}`, status: 422, contains: []string{"body.title"}},
			{name: "slug too long", method: "POST", path: "/api/v1/articles/", body: `{"title":"t","slug":"` + strings.Repeat("s", 66) + `","text":""}`, status: 422, contains: []string{"body.slug"}},
			{name: "longest title and slug", method: "POST", path: "/api/v1/articles/", body: `{"title":"` + strings.Repeat("t", 65) + `","slug":"` + strings.Repeat("s", 65) + `","text":""}`, status: 201},
			{name: "no text", method: "POST", path: "/api/v1/articles/", body: `{"title":"t","slug":"s2"}`, status: 422, contains: []string{"text"}},
			{name: "empty slug", method: "POST", path: "/api/v1/articles/", body: `{"title":"t","slug":"","text":""}`, status: 422, contains: []string{"body.slug"}},
			{name: "unknown field", method: "POST", path: "/api/v1/articles/", body: `{"title":"t","slug":"s3","text":"","author":"me"}`, status: 422, contains: []string{"author"}},
			{name: "malformed", method: "POST", path: "/api/v1/articles/", body: `[`, status: 400},
			{name: "a slug freed by nothing: s1 was never claimed", method: "POST", path: "/api/v1/articles/", body: `{"title":"t","slug":"s1","text":""}`, status: 201},
			{name: "get: not a uuid", method: "GET", path: "/api/v1/articles/hello", status: 422, contains: []string{"path.id"}},
			{name: "get: absent", method: "GET", path: "/api/v1/articles/0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c", status: 404},
			{name: "not deletable", method: "DELETE", path: "/api/v1/articles/{a1}", status: 405},
		})
	})
}
