package httpfast

import (
	"net/http"
	"net/textproto"
	"net/url"
	"strconv"
	"strings"
)

// head is a request head the fast path serves.
type head struct {
	method, target string
	url            *url.URL
	host           string
	header         http.Header
	contentLength  int64
	close          bool // the client asked to close the connection after this request
}

// headEnd scans buf for the end of a request head. It returns the head's
// length (through the empty line) when buf holds a whole head; 0 when more
// bytes are needed; -1 when the head uses bare LF line ends, which net/http
// accepts and the fast path leaves to it.
func headEnd(buf []byte) int {
	start := 0
	for {
		i := indexByte(buf[start:], '\n')
		if i < 0 {
			return 0
		}
		i += start
		if i == 0 || buf[i-1] != '\r' {
			return -1
		}
		if i == start+1 && start > 0 {
			return i + 1 // the line was just CRLF: end of head
		}
		start = i + 1
	}
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}

// parseHead parses a complete head (as measured by headEnd). ok is false for
// every request the fast path leaves to net/http: anything but HTTP/1.1 with
// an origin-form target; a body framed other than by one Content-Length;
// Expect, Upgrade or Connection: upgrade; a missing or repeated Host; folded
// lines; and any byte net/http might read differently. Being strict costs
// nothing: net/http serves what the fast path declines.
func parseHead(raw []byte) (h head, ok bool) {
	s := string(raw) // one allocation; every name and value is a substring
	line, rest, _ := strings.Cut(s, "\r\n")
	method, line, ok1 := strings.Cut(line, " ")
	target, proto, ok2 := strings.Cut(line, " ")
	if !ok1 || !ok2 || proto != "HTTP/1.1" || !isToken(method) || method == "CONNECT" || method == "PRI" {
		return head{}, false
	}
	if !validTarget(target) {
		return head{}, false
	}
	h.method, h.target = method, target
	if target == "/" {
		h.url = &url.URL{Path: "/"}
	} else {
		u, err := url.ParseRequestURI(target)
		if err != nil {
			return head{}, false
		}
		h.url = u
	}

	lines := strings.Count(rest, "\n")
	h.header = make(http.Header, lines)
	values := make([]string, 0, lines)
	hosts, lengths := 0, 0
	for {
		line, rest, _ = strings.Cut(rest, "\r\n")
		if line == "" {
			break
		}
		name, value, found := strings.Cut(line, ":")
		if !found || !isToken(name) {
			return head{}, false
		}
		value = strings.Trim(value, " \t")
		if !validValue(value) {
			return head{}, false
		}
		key := textproto.CanonicalMIMEHeaderKey(name)
		switch key {
		case "Host":
			hosts++
			h.host = value
			continue // net/http moves Host out of the header map
		case "Content-Length":
			lengths++
			n, err := strconv.ParseInt(value, 10, 64)
			if err != nil || n < 0 || value[0] == '+' || value[0] == '-' {
				return head{}, false
			}
			h.contentLength = n
		case "Transfer-Encoding", "Expect", "Upgrade", "Te", "Trailer":
			return head{}, false
		case "Connection":
			for tok := range strings.SplitSeq(value, ",") {
				switch strings.ToLower(strings.Trim(tok, " \t")) {
				case "close":
					h.close = true
				case "upgrade":
					return head{}, false
				}
			}
		}
		if old, seen := h.header[key]; seen {
			h.header[key] = append(old, value)
			continue
		}
		values = append(values, value)
		h.header[key] = values[len(values)-1 : len(values) : len(values)]
	}
	if hosts != 1 || lengths > 1 || !validHost(h.host) {
		return head{}, false
	}
	// net/http's fixPragmaCacheControl.
	if p, found := h.header["Pragma"]; found && len(p) > 0 && p[0] == "no-cache" {
		if _, has := h.header["Cache-Control"]; !has {
			h.header["Cache-Control"] = []string{"no-cache"}
		}
	}
	return h, true
}

// isToken reports whether s is a non-empty RFC 9110 token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if !tokenByte[s[i]] {
			return false
		}
	}
	return true
}

var tokenByte = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
		t[c-'a'+'A'] = true
	}
	for _, c := range "!#$%&'*+-.^_`|~" {
		t[c] = true
	}
	return t
}()

// validValue accepts visible ASCII, spaces, tabs and bytes >= 0x80: no
// control characters (net/http refuses them).
func validValue(s string) bool {
	for i := range len(s) {
		if c := s[i]; (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// validTarget accepts an origin-form target of visible ASCII without '#'.
func validTarget(s string) bool {
	if s == "" || s[0] != '/' {
		return false
	}
	for i := range len(s) {
		if c := s[i]; c <= ' ' || c >= 0x7f || c == '#' {
			return false
		}
	}
	return true
}

// validHost accepts the host[:port] characters net/http accepts, minus a
// few it tolerates that no client sends.
func validHost(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !(tokenByte[c] || c == ':' || c == '[' || c == ']') || c == '%' {
			return false
		}
	}
	return true
}
