// Package httpfast serves HTTP/1.1 with less work per request than net/http
// for the requests an API server mostly gets: keep-alive requests with a
// Content-Length body (or none) and a small head. Every other connection is
// handed, with the bytes already read, to a net/http.Server, so the full
// protocol (chunked bodies, Expect: 100-continue, upgrades, HTTP/1.0,
// malformed requests and their 400 answers) stays net/http's job.
//
// Both paths call the same http.Handler with an ordinary *http.Request and
// http.ResponseWriter, so handlers cannot tell them apart. What the fast path
// saves: net/http's background read goroutine per request, its per-request
// bufio writer and header canonicalisation, a per-request context, and one
// write system call per response (head and body go out together).
//
// A connection is judged request by request: the fast path serves requests
// until one it does not handle arrives, then hands the connection over for
// good. The parser is deliberately strict (see parseHead): anything it is not
// sure of goes to net/http, which is what makes it safe to be small. Fuzzing
// checks that every head it accepts is read the same way by net/http.
package httpfast
