package rest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"

	"github.com/danielgtaylor/huma/v2"
)

// RouteProblems serves mux, answering the requests no route takes (404, or
// 405 with the Allow header) with an RFC 9457 problem document like every
// other error of the API, instead of net/http's plain text.
func RouteProblems(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// The mux's own answer says which: not found, method not allowed
		// (with Allow), or a redirect to the canonical path.
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code < 400 {
			for k, v := range rec.Header() {
				w.Header()[k] = v
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		detail := "no resource at " + r.URL.Path
		if rec.Code == http.StatusMethodNotAllowed {
			detail = r.Method + " is not allowed on " + r.URL.Path + "; allowed: " + rec.Header().Get("Allow")
			w.Header().Set("Allow", rec.Header().Get("Allow"))
		}
		body, _ := json.Marshal(&huma.ErrorModel{Title: http.StatusText(rec.Code), Status: rec.Code, Detail: detail})
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(rec.Code)
		w.Write(body)
	})
}
