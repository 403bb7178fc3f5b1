package reference_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

func TestActorsAndReviews(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		const unknown = "0b7c6f5e-2f7a-4a55-9b1e-8d0f3e6b1a2c"
		s := newScenario(t, h)
		s.run([]step{
			{name: "create", method: "POST", path: "/actors", body: `{"name":"Ada"}`, status: 201, header: map[string]string{"ETag": `"v1"`}, save: map[string]string{"ada": "id"}},
			{name: "create with a review", method: "POST", path: "/actors", body: `{"name":"Bob","review":"fine"}`, status: 201, save: map[string]string{"bob": "id"}},
			{name: "get", method: "GET", path: "/actors/{ada}", status: 200, contains: []string{`"name":"Ada"`}, header: map[string]string{"ETag": `"v1"`}},
			{name: "get: not a uuid", method: "GET", path: "/actors/ada", status: 422, contains: []string{"path.id"}},
			{name: "get: absent", method: "GET", path: "/actors/" + unknown, status: 404},
			{name: "patch with If-Match", method: "PATCH", path: "/actors/{ada}", headers: map[string]string{"If-Match": `"v1"`}, body: `{"review":"great"}`, status: 200,
				contains: []string{`"review":"great"`}, header: map[string]string{"ETag": `"v2"`}},
			{name: "patch: stale If-Match", method: "PATCH", path: "/actors/{ada}", headers: map[string]string{"If-Match": `"v1"`}, body: `{"name":"Eve"}`, status: 412},
			{name: "patch: If-Match not an entity tag", method: "PATCH", path: "/actors/{ada}", headers: map[string]string{"If-Match": `v2`}, body: `{"name":"Eve"}`, status: 400},
			{name: "patch: If-Match *", method: "PATCH", path: "/actors/{ada}", headers: map[string]string{"If-Match": `*`}, body: `{"review":null}`, status: 200,
				absent: []string{"review"}, header: map[string]string{"ETag": `"v3"`}},
			{name: "patch: absent with If-Match", method: "PATCH", path: "/actors/" + unknown, headers: map[string]string{"If-Match": `"v1"`}, body: `{"name":"x"}`, status: 404},
			{name: "patch: wrong type", method: "PATCH", path: "/actors/{ada}", body: `{"name":false}`, status: 422, contains: []string{"body.name"}},
			{name: "nothing written by refused patches", method: "GET", path: "/actors/{ada}", status: 200, contains: []string{`"name":"Ada"`}, header: map[string]string{"ETag": `"v3"`}},
			{name: "create: no name", method: "POST", path: "/actors", body: `{"review":"x"}`, status: 422, contains: []string{"name"}},

			{name: "review", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"jan","created":"2023-01-15T10:00:00Z"}`, status: 201,
				contains: []string{`"actor_id":"{ada}"`, `"created":"2023-01-15T10:00:00.000000Z"`}},
			{name: "review in another zone", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"apr","created":"2023-04-30T23:30:00+02:00"}`, status: 201,
				contains: []string{`"created":"2023-04-30T21:30:00.000000Z"`}},
			{name: "review: march", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"mar","created":"2023-03-01T00:00:00.5Z"}`, status: 201},
			{name: "review: may", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"may","created":"2023-05-02T08:00:00Z"}`, status: 201},
			{name: "review: last year", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"dec","created":"2022-12-31T23:59:59Z"}`, status: 201},
			{name: "review: now", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"now"}`, status: 201, contains: []string{`"created":"2024-06-01T`}},
			{name: "review of another actor", method: "POST", path: "/actors/{bob}/reviews", body: `{"review":"bob's","created":"2023-02-01T00:00:00Z"}`, status: 201},

			{name: "review: absent actor", method: "POST", path: "/actors/" + unknown + "/reviews", body: `{"review":"x"}`, status: 404, contains: []string{"not found"}},
			{name: "review: actor id not a uuid", method: "POST", path: "/actors/ada/reviews", body: `{"review":"x"}`, status: 422, contains: []string{"path.id"}},
			{name: "review: bad time", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"x","created":"yesterday"}`, status: 422, contains: []string{"body.created"}},
			{name: "review: empty", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":""}`, status: 422, contains: []string{"body.review"}},
			{name: "review: unknown field", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":"x","stars":5}`, status: 422, contains: []string{"stars"}},
			{name: "review: malformed", method: "POST", path: "/actors/{ada}/reviews", body: `{"review":`, status: 400},

			{name: "reviews: oldest first", method: "GET", path: "/actors/{ada}/reviews", status: 200,
				order: []string{`"dec"`, `"jan"`, `"mar"`, `"apr"`, `"may"`, `"now"`}, absent: []string{"bob's", `"x"`, `"name"`}},
			{name: "reviews: newest first", method: "GET", path: "/actors/{ada}/reviews?order=desc", status: 200,
				order: []string{`"now"`, `"may"`, `"apr"`, `"mar"`, `"jan"`, `"dec"`}},
			{name: "reviews: prefix", method: "GET", path: "/actors/{ada}/reviews?prefix=2023", status: 200,
				order: []string{`"jan"`, `"mar"`, `"apr"`, `"may"`}, absent: []string{`"dec"`, `"now"`}},
			{name: "reviews: from and to, both prefixes", method: "GET", path: "/actors/{ada}/reviews?from=2023-01&to=2023-04", status: 200,
				order: []string{`"jan"`, `"mar"`, `"apr"`}, absent: []string{`"dec"`, `"may"`, `"now"`}},
			{name: "reviews: from only", method: "GET", path: "/actors/{ada}/reviews?from=2023-05", status: 200,
				order: []string{`"may"`, `"now"`}, absent: []string{`"apr"`}},
			{name: "reviews: to only, newest first", method: "GET", path: "/actors/{ada}/reviews?to=2023-01&order=desc", status: 200,
				order: []string{`"jan"`, `"dec"`}, absent: []string{`"mar"`}},
			{name: "reviews: a page", method: "GET", path: "/actors/{ada}/reviews?prefix=2023&limit=2", status: 200,
				order: []string{`"jan"`, `"mar"`}, absent: []string{`"apr"`}, headerHas: map[string]string{"Link": "prefix=2023"}},
			{name: "reviews: an actor without", method: "GET", path: "/actors/{bob}/reviews?prefix=2024", status: 200, contains: []string{"[]"}},

			{name: "reviews: prefix with a range", method: "GET", path: "/actors/{ada}/reviews?prefix=2023&from=2023-01", status: 422, contains: []string{"query.prefix"}},
			{name: "reviews: range backwards", method: "GET", path: "/actors/{ada}/reviews?from=2023-05&to=2023-01", status: 422, contains: []string{"query.to"}},
			{name: "reviews: bad order", method: "GET", path: "/actors/{ada}/reviews?order=sideways", status: 422, contains: []string{"query.order"}},
			{name: "reviews: bad limit", method: "GET", path: "/actors/{ada}/reviews?limit=-1", status: 422, contains: []string{"query.limit"}},
			{name: "reviews: bad cursor", method: "GET", path: "/actors/{ada}/reviews?cursor=AAAA", status: 400, contains: []string{"query.cursor"}},
			{name: "reviews: absent actor", method: "GET", path: "/actors/" + unknown + "/reviews", status: 404},
			{name: "reviews: actor id not a uuid", method: "GET", path: "/actors/x/reviews", status: 422, contains: []string{"path.id"}},

			{name: "actors: not their reviews", method: "GET", path: "/actors", status: 200, contains: []string{`"name":"Ada"`, `"name":"Bob"`}, absent: []string{"created", "jan"}},
			{name: "no replace", method: "PUT", path: "/actors/{ada}", body: `{"name":"x"}`, status: 405},
		})

		// Walking the pages with the Link header visits every review once,
		// in order; a cursor of one listing is refused by another.
		var seen []string
		path := "/actors/{ada}/reviews?limit=4&order=desc"
		for pages := 0; path != ""; pages++ {
			if pages > 5 {
				t.Fatal("too many pages")
			}
			rec := s.do(step{name: "page", method: "GET", path: path, status: 200})
			var reviews []struct{ Review string }
			if err := json.Unmarshal(rec.Body.Bytes(), &reviews); err != nil {
				t.Fatal(err)
			}
			for _, r := range reviews {
				seen = append(seen, r.Review)
			}
			path = ""
			if link := rec.Header().Get("Link"); link != "" {
				path = link[1:strings.Index(link, ">")]
				if strings.Contains(path, "order=desc") {
					other := strings.Replace(path, "order=desc", "order=asc", 1)
					s.do(step{name: "cursor of another listing", method: "GET", path: other, status: 400})
				}
			}
		}
		if got := strings.Join(seen, ","); got != "now,may,apr,mar,jan,dec" {
			t.Fatalf("pages gave %s", got)
		}
	})
}
