package httpfast

import (
	"bufio"
	"bytes"
	"net/http"
	"reflect"
	"testing"
)

// FuzzParseHead checks that every head the fast path accepts is read by
// net/http the same way: same method, target, URL, Host, header map,
// Content-Length and Connection: close. (What it declines, net/http serves,
// so only acceptance can be wrong.)
func FuzzParseHead(f *testing.F) {
	for _, s := range []string{
		"POST / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Length: 2\r\nX-Amz-Target: DynamoDB_20120810.GetItem\r\n\r\n",
		"GET /p?q=1&r=%20 HTTP/1.1\r\nHost: [::1]:80\r\nconnection: close\r\nPragma: no-cache\r\n\r\n",
		"PUT /a/b HTTP/1.1\r\nhost: x\r\nx-a:  v  \r\nX-A: w\r\nContent-Length: 0\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
		"DELETE /%zz HTTP/1.1\r\nHost: a\r\n\r\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		end := headEnd(in)
		if end <= 0 {
			return
		}
		raw := in[:end]
		h, ok := parseHead(raw)
		if !ok {
			return
		}
		r, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(raw)))
		if err != nil {
			t.Fatalf("fast path accepted %q; net/http refuses it: %v", raw, err)
		}
		// Server-side, net/http drops Host from the header map.
		delete(r.Header, "Host")
		if r.Method != h.method || r.RequestURI != h.target || r.URL.String() != h.url.String() ||
			r.Host != h.host || r.ContentLength != h.contentLength || r.Close != h.close {
			t.Fatalf("%q:\nnet/http: %s %s %s host=%q len=%d close=%v\nfast:     %s %s %s host=%q len=%d close=%v",
				raw, r.Method, r.RequestURI, r.URL, r.Host, r.ContentLength, r.Close,
				h.method, h.target, h.url, h.host, h.contentLength, h.close)
		}
		if !reflect.DeepEqual(map[string][]string(r.Header), map[string][]string(h.header)) {
			t.Fatalf("%q: headers differ\nnet/http: %q\nfast:     %q", raw, r.Header, h.header)
		}
	})
}
