package rest

import (
	"net/http"
	"strings"
)

// TrimTrailingSlash serves "/path/" as "/path", so that every route answers
// with and without a trailing slash (as clients of APIs written with
// FastAPI or Django expect), without a redirect that a POST would not
// follow with its body. "/" stays as it is.
func TrimTrailingSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
			r2 := new(http.Request)
			*r2 = *r
			u := *r.URL
			u.Path = strings.TrimRight(p, "/")
			if u.Path == "" {
				u.Path = "/"
			}
			if u.RawPath != "" {
				u.RawPath = strings.TrimRight(u.RawPath, "/")
			}
			r2.URL = &u
			r = r2
		}
		next.ServeHTTP(w, r)
	})
}
