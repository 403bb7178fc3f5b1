package reference_test

import (
	"net/http"
	"strings"
	"testing"
)

func TestProducts(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		const unknown = "0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c"
		newScenario(t, h).run([]step{
			// The clock ticks one second per reading from 2024-06-01
			// (1717200000), so every write has a later time.
			{name: "create", method: "POST", path: "/products", body: `{"name":"pen","description":"blue"}`, status: 201,
				contains: []string{`"name":"pen"`, `"description":"blue"`, `"created_at":1717200001`, `"updated_at":1717200001`},
				header:   map[string]string{"ETag": `"v1"`}, headerHas: map[string]string{"Location": "/products/"}, save: map[string]string{"p1": "id"}},
			{name: "create another", method: "POST", path: "/products", body: `{"name":"pen","description":"red"}`, status: 201, save: map[string]string{"p2": "id"}},
			{name: "create without description", method: "POST", path: "/products", body: `{"name":"ink"}`, status: 201, save: map[string]string{"p3": "id"}},
			{name: "get", method: "GET", path: "/products/{p1}", status: 200, contains: []string{`"id":"{p1}"`, `"description":"blue"`}, header: map[string]string{"ETag": `"v1"`}},
			{name: "get: If-None-Match", method: "GET", path: "/products/{p1}", headers: map[string]string{"If-None-Match": `"v1"`}, status: 304},
			{name: "get: not a uuid", method: "GET", path: "/products/pen", status: 422, contains: []string{"path.id", "uuid"}},
			{name: "get: absent", method: "GET", path: "/products/" + unknown, status: 404},
			{name: "by name: newest first", method: "GET", path: "/products?name=pen", status: 200, order: []string{`"id":"{p2}"`, `"id":"{p1}"`}, absent: []string{"{p3}"}},

			{name: "patch bumps updated_at", method: "PATCH", path: "/products/{p1}", headers: map[string]string{"Content-Type": "application/merge-patch+json"},
				body: `{"description":"green","created_at":1,"updated_at":2}`, status: 200,
				contains: []string{`"description":"green"`, `"created_at":1717200001,`}, absent: []string{`"updated_at":1717200001}`, `"updated_at":2}`},
				header: map[string]string{"ETag": `"v2"`}},
			{name: "by name: the updated one first", method: "GET", path: "/products?name=pen", status: 200, order: []string{`"id":"{p1}"`, `"id":"{p2}"`}},
			{name: "by name: a page", method: "GET", path: "/products?name=pen&limit=1", status: 200, contains: []string{"{p1}"}, absent: []string{"{p2}"},
				headerHas: map[string]string{"Link": "name=pen"}},
			{name: "by name: none", method: "GET", path: "/products?name=pencil", status: 200, contains: []string{`[]`}},
			{name: "all", method: "GET", path: "/products", status: 200, contains: []string{"{p1}", "{p2}", "{p3}"}},

			{name: "patch: stale If-Match", method: "PATCH", path: "/products/{p1}", headers: map[string]string{"If-Match": `"v1"`}, body: `{"name":"x"}`, status: 412},
			{name: "patch: bad If-Match", method: "PATCH", path: "/products/{p1}", headers: map[string]string{"If-Match": `v2`}, body: `{"name":"x"}`, status: 400},
			{name: "patch: wrong type", method: "PATCH", path: "/products/{p1}", body: `{"name":7}`, status: 422, contains: []string{"body.name"}},
			{name: "patch: empty name", method: "PATCH", path: "/products/{p1}", body: `{"name":""}`, status: 422, contains: []string{"body.name"}},
			{name: "patch: removing the name", method: "PATCH", path: "/products/{p1}", body: `{"name":null}`, status: 422, contains: []string{"name"}},
			{name: "patch: unknown field", method: "PATCH", path: "/products/{p1}", body: `{"price":3}`, status: 422, contains: []string{"price"}},
			{name: "patch: malformed", method: "PATCH", path: "/products/{p1}", body: `{"name"`, status: 400},
			{name: "patch: not a uuid", method: "PATCH", path: "/products/x", body: `{"name":"x"}`, status: 422, contains: []string{"path.id"}},
			{name: "patch: absent", method: "PATCH", path: "/products/" + unknown, body: `{"name":"x"}`, status: 404},
			{name: "nothing written by refused patches", method: "GET", path: "/products/{p1}", status: 200,
				contains: []string{`"name":"pen"`, `"description":"green"`}, header: map[string]string{"ETag": `"v2"`}},

			{name: "create: malformed", method: "POST", path: "/products", body: `{"name":"pen",}`, status: 400},
			{name: "create: wrong type", method: "POST", path: "/products", body: `{"name":"pen","description":5}`, status: 422, contains: []string{"body.description"}},
			{name: "create: no name", method: "POST", path: "/products", body: `{"description":"x"}`, status: 422, contains: []string{"name"}},
			{name: "create: unknown field", method: "POST", path: "/products", body: `{"name":"pen","TimeToExist":5}`, status: 422, contains: []string{"TimeToExist"}},
			{name: "create: oversized", method: "POST", path: "/products", body: `{"name":"pen","description":"` + strings.Repeat("d", 70<<10) + `"}`, status: 413},
			{name: "create: description too long", method: "POST", path: "/products", body: `{"name":"pen","description":"` + strings.Repeat("d", 10001) + `"}`, status: 422, contains: []string{"body.description"}},
			{name: "nothing created by refused posts", method: "GET", path: "/products", status: 200, absent: []string{`"description":"x"`, "TimeToExist"}},
			{name: "list: bad cursor", method: "GET", path: "/products?name=pen&cursor=abc", status: 400, contains: []string{"query.cursor"}},
			{name: "list: unknown parameter", method: "GET", path: "/products?nmae=pen", status: 422},
			{name: "no replace", method: "PUT", path: "/products/{p1}", body: `{"name":"x"}`, status: 405},

			{name: "delete", method: "DELETE", path: "/products/{p2}", status: 204},
			{name: "deleted", method: "GET", path: "/products/{p2}", status: 404},
			{name: "delete: absent", method: "DELETE", path: "/products/{p2}", status: 404},
			{name: "delete: not a uuid", method: "DELETE", path: "/products/x", status: 422, contains: []string{"path.id"}},
			{name: "gone from the index", method: "GET", path: "/products?name=pen", status: 200, contains: []string{"{p1}"}, absent: []string{"{p2}"}},
		})
	})
}
