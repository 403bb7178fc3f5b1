package reference_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCompanies(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		many := make([]string, 101)
		for i := range many {
			many[i] = fmt.Sprintf("%q", fmt.Sprint("c", i))
		}
		newScenario(t, h).run([]step{
			{name: "create", method: "PUT", path: "/companies", body: `{"name":"Acme","keywords":["rockets"]}`, status: 201,
				contains: []string{`"id":"acme"`, `"name":"Acme"`, `"keywords":["rockets"]`},
				header:   map[string]string{"Location": "/companies/acme", "ETag": `"v1"`}},
			{name: "replace by the lower-cased name", method: "PUT", path: "/companies", body: `{"name":"ACME","keywords":["anvils"]}`, status: 200,
				contains: []string{`"id":"acme"`, `"name":"ACME"`, `"keywords":["anvils"]`}, header: map[string]string{"ETag": `"v2"`}},
			{name: "create without keywords", method: "PUT", path: "/companies", body: `{"name":"Globex"}`, status: 201, contains: []string{`"keywords":[]`}},
			{name: "get", method: "GET", path: "/companies/acme", status: 200, contains: []string{`"name":"ACME"`}, header: map[string]string{"ETag": `"v2"`}},
			{name: "get: any capitals", method: "GET", path: "/companies/AcMe", status: 200, contains: []string{`"id":"acme"`}},
			{name: "get: absent", method: "GET", path: "/companies/initech", status: 404, contains: []string{`company \"initech\" not found`}},
			{name: "list", method: "GET", path: "/companies", status: 200, contains: []string{`"id":"acme"`, `"id":"globex"`}},
			{name: "list: trailing slash", method: "GET", path: "/companies/", status: 200, contains: []string{`"id":"acme"`}},

			{name: "put: malformed JSON", method: "PUT", path: "/companies", body: `{"name":`, status: 400},
			{name: "put: wrong type", method: "PUT", path: "/companies", body: `{"name":5}`, status: 422, contains: []string{"body.name"}},
			{name: "put: keywords not a list", method: "PUT", path: "/companies", body: `{"name":"x","keywords":"a"}`, status: 422, contains: []string{"body.keywords"}},
			{name: "put: unknown field", method: "PUT", path: "/companies", body: `{"name":"x","ceo":"y"}`, status: 422, contains: []string{"ceo"}},
			{name: "put: no name", method: "PUT", path: "/companies", body: `{"keywords":[]}`, status: 422, contains: []string{"name"}},
			{name: "put: empty name", method: "PUT", path: "/companies", body: `{"name":""}`, status: 422, contains: []string{"body.name"}},
			{name: "put: blank name", method: "PUT", path: "/companies", body: `{"name":"   "}`, status: 422, contains: []string{"body.name"}},
			{name: "put: oversized body", method: "PUT", path: "/companies", body: `{"name":"x","keywords":["` + strings.Repeat("k", 70<<10) + `"]}`, status: 413},
			{name: "put: not JSON at all", method: "PUT", path: "/companies", body: `hello`, status: 400},

			{name: "partial update: keywords", method: "PUT", path: "/companies/acme", body: `{"keywords":["x","y"]}`, status: 200,
				contains: []string{`"name":"ACME"`, `"keywords":["x","y"]`}, header: map[string]string{"ETag": `"v3"`}},
			{name: "partial update: capitals of the name", method: "PUT", path: "/companies/ACME", body: `{"name":"Acme"}`, status: 200,
				contains: []string{`"name":"Acme"`, `"keywords":["x","y"]`}},
			{name: "partial update: nothing", method: "PUT", path: "/companies/acme", body: `{}`, status: 200, contains: []string{`"name":"Acme"`}},
			{name: "partial update: a rename", method: "PUT", path: "/companies/acme", body: `{"name":"Initech"}`, status: 422, contains: []string{"body.name"}},
			{name: "partial update: absent", method: "PUT", path: "/companies/initech", body: `{"keywords":[]}`, status: 404},
			{name: "partial update: wrong type", method: "PUT", path: "/companies/acme", body: `{"keywords":"x"}`, status: 422, contains: []string{"body.keywords"}},
			{name: "partial update: unknown field", method: "PUT", path: "/companies/acme", body: `{"ceo":"y"}`, status: 422},
			{name: "partial update: malformed JSON", method: "PUT", path: "/companies/acme", body: `{`, status: 400},
			{name: "nothing written by refused writes", method: "GET", path: "/companies/acme", status: 200,
				contains: []string{`"name":"Acme"`, `"keywords":["x","y"]`}, absent: []string{"ceo", "Initech"}},
			{name: "no company made by refused puts", method: "GET", path: "/companies", status: 200, absent: []string{`"id":"x"`}},

			{name: "list: bad cursor", method: "GET", path: "/companies?cursor=forged", status: 400, contains: []string{"query.cursor"}},
			{name: "list: bad limit", method: "GET", path: "/companies?limit=0", status: 422, contains: []string{"query.limit"}},
			{name: "list: limit too large", method: "GET", path: "/companies?limit=1001", status: 422, contains: []string{"query.limit"}},
			{name: "list: unknown parameter", method: "GET", path: "/companies?limt=5", status: 422, contains: []string{"limt"}},
			{name: "list: a page", method: "GET", path: "/companies?limit=1", status: 200, headerHas: map[string]string{"Link": `rel="next"`}},

			{name: "delete", method: "DELETE", path: "/companies/acme", status: 200, contains: []string{`{"id":"acme"}`}},
			{name: "delete: absent", method: "DELETE", path: "/companies/acme", status: 404},
			{name: "deleted", method: "GET", path: "/companies/acme", status: 404},
			{name: "method not allowed", method: "PATCH", path: "/companies/acme", body: `{}`, status: 405},

			{name: "bulk delete: no filter", method: "DELETE", path: "/companies", status: 422, contains: []string{"filter"}},
			{name: "bulk delete: not JSON", method: "DELETE", path: "/companies?filter=acme", status: 422, contains: []string{"query.filter"}},
			{name: "bulk delete: no ids", method: "DELETE", path: `/companies?filter={"id":[]}`, status: 422, contains: []string{"query.filter"}},
			{name: "bulk delete: other member", method: "DELETE", path: `/companies?filter={"name":["globex"]}`, status: 422, contains: []string{"query.filter"}},
			{name: "bulk delete: ids not strings", method: "DELETE", path: `/companies?filter={"id":[1]}`, status: 422, contains: []string{"query.filter"}},
			{name: "bulk delete: two values", method: "DELETE", path: `/companies?filter={"id":["a"]}{}`, status: 422, contains: []string{"query.filter"}},
			{name: "bulk delete: too many", method: "DELETE", path: `/companies?filter={"id":[` + strings.Join(many, ",") + `]}`, status: 422, contains: []string{"at most 100"}},
			{name: "nothing deleted by refused bulk deletes", method: "GET", path: "/companies/globex", status: 200},
			{name: "bulk delete", method: "DELETE", path: `/companies?filter={"id":["GLOBEX","initech","globex"]}`, status: 200, contains: []string{`["globex"]`}},
			{name: "bulk delete: none there", method: "DELETE", path: `/companies?filter={"id":["globex"]}`, status: 200, contains: []string{`[]`}},
			{name: "empty list", method: "GET", path: "/companies", status: 200, contains: []string{`[]`}},
		})
	})
}

// TestCompanyPreconditions: the custom writes honour If-Match like the
// generated ones, atomically.
func TestCompanyPreconditions(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		newScenario(t, h).run([]step{
			{name: "create", method: "PUT", path: "/companies", body: `{"name":"Acme"}`, status: 201, header: map[string]string{"ETag": `"v1"`}},
			{name: "update: stale", method: "PUT", path: "/companies/acme", headers: map[string]string{"If-Match": `"v9"`}, body: `{"keywords":["x"]}`, status: 412},
			{name: "update: malformed If-Match", method: "PUT", path: "/companies/acme", headers: map[string]string{"If-Match": `v1`}, body: `{"keywords":["x"]}`, status: 400},
			{name: "update: nothing, stale", method: "PUT", path: "/companies/acme", headers: map[string]string{"If-Match": `"v9"`}, body: `{}`, status: 412},
			{name: "update: nothing, current", method: "PUT", path: "/companies/acme", headers: map[string]string{"If-Match": `"v1"`}, body: `{}`, status: 200},
			{name: "update: absent with If-Match", method: "PUT", path: "/companies/initech", headers: map[string]string{"If-Match": `*`}, body: `{"keywords":[]}`, status: 412},
			{name: "unchanged", method: "GET", path: "/companies/acme", status: 200, header: map[string]string{"ETag": `"v1"`}, contains: []string{`"keywords":[]`}},
			{name: "update: current", method: "PUT", path: "/companies/acme", headers: map[string]string{"If-Match": `"v1"`}, body: `{"keywords":["x"]}`, status: 200,
				header: map[string]string{"ETag": `"v2"`}},
			{name: "delete: stale", method: "DELETE", path: "/companies/acme", headers: map[string]string{"If-Match": `"v1"`}, status: 412},
			{name: "delete: malformed If-Match", method: "DELETE", path: "/companies/acme", headers: map[string]string{"If-Match": `,`}, status: 400},
			{name: "still there", method: "GET", path: "/companies/acme", status: 200},
			{name: "delete: current", method: "DELETE", path: "/companies/acme", headers: map[string]string{"If-Match": `"v2"`}, status: 200, contains: []string{`"id":"acme"`}},
			{name: "delete: gone, with If-Match", method: "DELETE", path: "/companies/acme", headers: map[string]string{"If-Match": `*`}, status: 412},
		})
	})
}
