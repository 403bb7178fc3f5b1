package reference_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestSlugRace: many clients create articles with one slug at once;
// exactly one wins, every other gets 409, and one article is stored.
func TestSlugRace(t *testing.T) {
	forEachStore(t, func(t *testing.T, h http.Handler) {
		const clients = 16
		codes := make([]int, clients)
		var wg sync.WaitGroup
		for i := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req := httptest.NewRequest("POST", "/api/v1/articles/", strings.NewReader(`{"title":"t","slug":"race","text":""}`))
				req.Header.Set("Content-Type", "application/json")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				codes[i] = rec.Code
			}()
		}
		wg.Wait()
		won := 0
		for _, c := range codes {
			switch c {
			case 201:
				won++
			case 409:
			default:
				t.Fatalf("a racing create answered %d (all: %v)", c, codes)
			}
		}
		if won != 1 {
			t.Fatalf("%d creates won the slug (all: %v)", won, codes)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/articles", nil))
		if n := strings.Count(rec.Body.String(), `"slug":"race"`); n != 1 {
			t.Fatalf("%d articles stored with the slug: %s", n, rec.Body.String())
		}
	})
}
