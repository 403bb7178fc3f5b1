package httpfast

import (
	"net/http"
	"reflect"
	"testing"
)

func TestHeadEnd(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"POST / HTTP/1.1\r\n", 0},
		{"POST / HTTP/1.1\r\nHost: a\r\n", 0},
		{"POST / HTTP/1.1\r\nHost: a\r\n\r\n", 28},
		{"POST / HTTP/1.1\r\nHost: a\r\n\r\nbody", 28},
		{"POST / HTTP/1.1\r\n\r\n", 19},
		{"POST / HTTP/1.1\nHost: a\n\n", -1},
		{"POST / HTTP/1.1\r\nHost: a\n\r\n", -1},
	} {
		if got := headEnd([]byte(tc.in)); got != tc.want {
			t.Errorf("headEnd(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestParseHead(t *testing.T) {
	const ok = "POST / HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nContent-Length: 2\r\nx-amz-target: DynamoDB_20120810.GetItem\r\nX-Dup: a\r\nX-Dup: b\r\n\r\n"
	h, accepted := parseHead([]byte(ok))
	if !accepted {
		t.Fatal("a plain SDK request was declined")
	}
	want := http.Header{
		"Content-Length": {"2"},
		"X-Amz-Target":   {"DynamoDB_20120810.GetItem"},
		"X-Dup":          {"a", "b"},
	}
	if h.method != "POST" || h.target != "/" || h.url.Path != "/" || h.host != "127.0.0.1:8000" ||
		h.contentLength != 2 || h.close || !reflect.DeepEqual(h.header, want) {
		t.Fatalf("parsed %+v", h)
	}

	// Everything here goes to net/http.
	for _, in := range []string{
		"POST / HTTP/1.0\r\nHost: a\r\n\r\n",
		"POST / HTTP/2.0\r\nHost: a\r\n\r\n",
		"POST  / HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST http://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
		"OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
		"CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n",
		"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
		"POST / HTTP/1.1\r\n\r\n",                       // no Host
		"POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", // two Hosts
		"POST / HTTP/1.1\r\nHost: a b\r\n\r\n",          // bad Host
		"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
		"GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1x\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nX-A: 1\r\n folded\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nX A: 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nX-A : 1\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nX-A: \x00\r\n\r\n",
		"POST / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
		"POST /a#b HTTP/1.1\r\nHost: a\r\n\r\n",
		"POST /\x7f HTTP/1.1\r\nHost: a\r\n\r\n",
	} {
		if _, accepted := parseHead([]byte(in)); accepted {
			t.Errorf("parseHead accepted %q", in)
		}
	}
}

func TestParseHeadConnectionClose(t *testing.T) {
	h, ok := parseHead([]byte("GET /health?x=1 HTTP/1.1\r\nHost: a\r\nConnection: keep-alive, Close\r\n\r\n"))
	if !ok || !h.close || h.url.Path != "/health" || h.url.RawQuery != "x=1" {
		t.Fatalf("parsed %+v, %v", h, ok)
	}
}
