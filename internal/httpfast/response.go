package httpfast

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// responseWriter buffers a whole response, so that the head and the body go
// out in one write with an exact Content-Length. It is reused for every
// request of a connection: net/http's contract already forbids using a
// ResponseWriter after ServeHTTP returns.
type responseWriter struct {
	header      http.Header
	status      int
	wroteHeader bool
	body        []byte
	out         []byte // the serialised response
}

func (w *responseWriter) reset() {
	clear(w.header)
	w.status = 0
	w.wroteHeader = false
	w.body = w.body[:0]
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(code int) {
	if w.wroteHeader || code < 200 {
		// Informational answers are not sent; a second WriteHeader is
		// ignored, as net/http does (it also logs it).
		return
	}
	w.wroteHeader = true
	w.status = code
}

func (w *responseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body = append(w.body, p...)
	return len(p), nil
}

func (w *responseWriter) WriteString(s string) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.body = append(w.body, s...)
	return len(s), nil
}

// serialise renders the response to w.out. head reports a HEAD request
// (no body is sent), closing that the connection closes after it.
func (w *responseWriter) serialise(head, closing bool) []byte {
	w.WriteHeader(http.StatusOK)
	h := w.header
	body := w.body
	bodyAllowed := w.status != http.StatusNoContent && w.status != http.StatusNotModified
	delete(h, "Transfer-Encoding")
	if bodyAllowed {
		if _, ok := h["Content-Type"]; !ok && len(body) > 0 {
			h["Content-Type"] = []string{http.DetectContentType(body)}
		}
		if !head || len(body) > 0 {
			h["Content-Length"] = []string{strconv.Itoa(len(body))}
		}
	} else {
		delete(h, "Content-Length")
		body = nil
	}
	if head {
		body = nil
	}
	if _, ok := h["Date"]; !ok {
		h["Date"] = []string{httpDate()}
	}
	if closing {
		h["Connection"] = []string{"close"}
	}

	out := append(w.out[:0], "HTTP/1.1 "...)
	out = strconv.AppendInt(out, int64(w.status), 10)
	out = append(out, ' ')
	out = append(out, http.StatusText(w.status)...)
	out = append(out, "\r\n"...)
	for k, vs := range h {
		if !isToken(k) {
			continue // net/http drops invalid field names too
		}
		for _, v := range vs {
			out = append(out, k...)
			out = append(out, ": "...)
			out = appendValue(out, v)
			out = append(out, "\r\n"...)
		}
	}
	out = append(out, "\r\n"...)
	out = append(out, body...)
	w.out = out
	return out
}

// appendValue appends a header value with line breaks turned into spaces
// and surrounding blanks trimmed, as net/http writes values.
func appendValue(dst []byte, v string) []byte {
	v = strings.Trim(v, " \t")
	for i := range len(v) {
		c := v[i]
		if c == '\r' || c == '\n' {
			c = ' '
		}
		dst = append(dst, c)
	}
	return dst
}

// httpDate is the current time in the Date header's format, formatted at
// most once a second.
func httpDate() string {
	now := time.Now().Unix()
	if d := cachedDate.Load(); d != nil && d.unix == now {
		return d.text
	}
	d := &dateText{unix: now, text: time.Unix(now, 0).UTC().Format(http.TimeFormat)}
	cachedDate.Store(d)
	return d.text
}

type dateText struct {
	unix int64
	text string
}

var cachedDate atomic.Pointer[dateText]
