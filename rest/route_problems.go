package rest

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"
)

// RouteProblems makes mux answer the requests none of its routes takes
// (404, or 405 with the Allow header) with an RFC 9457 problem document
// like every other error of the API, instead of net/http's plain text. It
// registers a catch-all route "/" on mux, so register no other "/" route,
// and returns mux.
//
// The catch-all costs nothing on routed requests: the mux still routes
// each request once.
func RouteProblems(mux *http.ServeMux) http.Handler {
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		status, detail := http.StatusNotFound, "no resource at "+r.URL.Path
		if allow := allowedMethods(mux, r); len(allow) > 0 {
			status = http.StatusMethodNotAllowed
			w.Header().Set("Allow", strings.Join(allow, ", "))
			detail = r.Method + " is not allowed on " + r.URL.Path + "; allowed: " + strings.Join(allow, ", ")
		}
		body, _ := json.Marshal(&huma.ErrorModel{Title: http.StatusText(status), Status: status, Detail: detail})
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(status)
		w.Write(body)
	})
	return mux
}

// allowedMethods are the methods mux routes r's path for, other than to
// the catch-all.
func allowedMethods(mux *http.ServeMux, r *http.Request) []string {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "/" && pattern != "" {
			allow = append(allow, m)
		}
	}
	return allow
}
