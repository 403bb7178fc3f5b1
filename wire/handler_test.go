package wire

import (
	"bytes"
	"encoding/json"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// anyAuth is a well-formed SigV4 Authorization that a handler without
// credentials accepts.
const (
	anyAuth = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request, " +
		"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00"
	anyDate = "20240101T000000Z"
)

// protocolCase is one raw HTTP exchange.
type protocolCase struct {
	name    string
	method  string // default POST
	target  string // "" sends no X-Amz-Target
	ctype   string // "" sends no Content-Type
	auth    bool   // send anyAuth and X-Amz-Date
	path    string // default "/"
	headers map[string]string
	body    string

	status int
	// Either an exact body, or the __type and message of a JSON error.
	wantBody string
	wantType string
	wantMsg  string // "-" means no message member
	// wantCRC is the x-amz-crc32 Amazon DynamoDB sent for this exchange,
	// where it was recorded (by dynalite's suite against the live service).
	wantCRC   uint32
	wantCType string
}

func (c protocolCase) request() *http.Request {
	method := c.method
	if method == "" {
		method = http.MethodPost
	}
	path := c.path
	if path == "" {
		path = "/"
	}
	r := httptest.NewRequest(method, "http://dynamodb.us-east-1.amazonaws.com"+path, strings.NewReader(c.body))
	if c.target != "" {
		r.Header.Set("X-Amz-Target", c.target)
	}
	if c.ctype != "" {
		r.Header.Set("Content-Type", c.ctype)
	}
	if c.auth {
		r.Header.Set("Authorization", anyAuth)
		r.Header.Set("X-Amz-Date", anyDate)
	}
	for k, v := range c.headers {
		r.Header.Set(k, v)
	}
	return r
}

const (
	amz       = "application/x-amz-json-1.0"
	listTable = "DynamoDB_20120810.ListTables"
	getItem   = "DynamoDB_20120810.GetItem"
	putItem   = "DynamoDB_20120810.PutItem"
)

var protocolCases = []protocolCase{
	// Before JSON: methods and media types.
	{name: "GET is a health check", method: "GET", status: 200,
		wantBody: "healthy: dynamodb.us-east-1.amazonaws.com "},
	{name: "PUT", method: "PUT", status: 404, wantBody: notFoundBody, wantCRC: 3552371480},
	{name: "DELETE", method: "DELETE", status: 404, wantBody: notFoundBody, wantCRC: 3552371480},
	{name: "OPTIONS without Origin", method: "OPTIONS", status: 404, wantBody: notFoundBody, wantCRC: 3552371480},
	{name: "body without content type", body: "hi", status: 404, wantBody: notFoundBody, wantCRC: 3552371480},
	{name: "body with other content type", body: "hi", ctype: "whatever", status: 404, wantBody: notFoundBody},
	{name: "body with JSON 1.1", body: "hi", ctype: "application/x-amz-json-1.1", status: 404, wantBody: notFoundBody},
	{name: "body with near-JSON type", body: "hi", ctype: "application/jsonasdf", status: 404, wantBody: notFoundBody},

	// JSON syntax is checked before the target and before authentication.
	{name: "not JSON, application/json", body: "hi", ctype: "application/json", status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCRC: 3948637019, wantCType: "application/json"},
	{name: "not JSON, amz-json", body: "hi", ctype: amz, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCRC: 3948637019, wantCType: amz},
	{name: "not JSON, json with semicolon", body: "hi", ctype: "application/json;", status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCRC: 3948637019},
	{name: "not JSON, json with spaces", body: "hi", ctype: "  application/json  ;   asfd", status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCRC: 3948637019},
	{name: "not JSON, amz-json with parameters", body: "hi", ctype: amz + ";blahblah", status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCRC: 3948637019, wantCType: amz},
	{name: "truncated JSON with a type error", body: `{"TableName":1`, ctype: amz, target: listTable, auth: true, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-"},
	{name: "invalid UTF-8", body: "{\"TableName\":\"\xff\"}", ctype: amz, target: listTable, auth: true, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-"},
	{name: "nesting beyond the parser's limit", body: strings.Repeat("[", 1001) + strings.Repeat("]", 1001),
		ctype: amz, target: listTable, auth: true, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-"},

	// Target.
	{name: "no target", status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161, wantCType: "application/json"},
	{name: "no target, JSON body", body: "{}", ctype: "application/json", status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161},
	{name: "no target, amz-json body", body: "{}", ctype: amz, status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161, wantCType: amz},
	{name: "no target, charset", body: "{}", ctype: "application/json;charset=asfdsaf", status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161},
	{name: "other target", target: "whatever", status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161},
	{name: "unknown operation", target: "DynamoDB_20120810.ListTable", status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-", wantCRC: 1368724161},
	{name: "other API version", target: "DynamoDB_20111205.ListTables", body: "{}", ctype: amz, auth: true, status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-"},
	{name: "unknown operation before auth", target: "DynamoDB_20120810.Nope", body: "{}", ctype: amz, status: 400,
		wantType: "com.amazon.coral.service#UnknownOperationException", wantMsg: "-"},

	// Authentication, after the target.
	{name: "no Authorization", target: listTable, status: 400,
		wantType: "com.amazon.coral.service#MissingAuthenticationTokenException",
		wantMsg:  "Request is missing Authentication Token", wantCRC: 2088342776},
	{name: "Authorization not AWS4-", target: listTable, headers: map[string]string{"Authorization": "AWS4"}, status: 400,
		wantType: "com.amazon.coral.service#MissingAuthenticationTokenException",
		wantMsg:  "Request is missing Authentication Token", wantCRC: 2088342776},
	{name: "Authorization X with misspelt query", target: listTable, path: "/?X-Amz-Algorith",
		headers: map[string]string{"Authorization": "X"}, status: 400,
		wantType: "com.amazon.coral.service#MissingAuthenticationTokenException",
		wantMsg:  "Request is missing Authentication Token", wantCRC: 2088342776},
	{name: "query without X-Amz-Algorithm", target: listTable,
		path: "/?X-Amz-Credential=a&X-Amz-Signature=b&X-Amz-SignedHeaders=c&X-Amz-Date=d", status: 400,
		wantType: "com.amazon.coral.service#MissingAuthenticationTokenException",
		wantMsg:  "Request is missing Authentication Token", wantCRC: 2088342776},
	{name: "header and query", target: listTable, path: "/?X-Amz-Algorithm",
		headers: map[string]string{"Authorization": "X"}, status: 400,
		wantType: "com.amazon.coral.service#InvalidSignatureException",
		wantMsg:  "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.", wantCRC: 2139606068},
	{name: "AWS4- only", target: listTable, headers: map[string]string{"Authorization": "AWS4-"}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg: "Authorization header requires 'Credential' parameter. " +
			"Authorization header requires 'Signature' parameter. " +
			"Authorization header requires 'SignedHeaders' parameter. " +
			"Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. " +
			"Authorization=AWS4-", wantCRC: 1828866742},
	{name: "no SignedHeaders, spaces", target: listTable,
		headers: map[string]string{"Authorization": "AWS4- Signature=b Credential=a", "Date": "a"}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b Credential=a", wantCRC: 15336762},
	{name: "no SignedHeaders, comma", target: listTable,
		headers: map[string]string{"Authorization": "AWS4- Signature=b,Credential=a", "Date": "a"}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b,Credential=a", wantCRC: 1159703774},
	{name: "no SignedHeaders, comma space", target: listTable,
		headers: map[string]string{"Authorization": "AWS4- Signature=b, Credential=a", "Date": "a"}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a", wantCRC: 164353342},
	{name: "pair without equals", target: listTable,
		headers: map[string]string{"Authorization": "AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders", "X-Amz-Date": anyDate}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'."},
	{name: "empty X-Amz-Algorithm query", target: listTable, path: "/?X-Amz-Algorithm", status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg: "AWS query-string parameters must include 'X-Amz-Algorithm'. " +
			"AWS query-string parameters must include 'X-Amz-Credential'. " +
			"AWS query-string parameters must include 'X-Amz-Signature'. " +
			"AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
			"AWS query-string parameters must include 'X-Amz-Date'. " +
			"Re-examine the query-string parameters.", wantCRC: 2900502663},
	{name: "query without SignedHeaders", target: listTable,
		path: "/?X-Amz-Algorithm=a&X-Amz-Credential=b&X-Amz-Signature=c&X-Amz-Date=d", status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "AWS query-string parameters must include 'X-Amz-SignedHeaders'. Re-examine the query-string parameters.", wantCRC: 3712057481},
	{name: "date not ISO-8601", target: listTable,
		headers: map[string]string{"Authorization": anyAuth, "X-Amz-Date": "201"}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601"},
	{name: "host not signed", target: listTable,
		headers: map[string]string{"Authorization": strings.Replace(anyAuth, ";host", "", 1), "X-Amz-Date": anyDate}, status: 400,
		wantType: "com.amazon.coral.service#InvalidSignatureException",
		wantMsg:  "'Host' must be a 'SignedHeader' in the AWS Authorization."},
	{name: "other algorithm", target: listTable,
		headers: map[string]string{"Authorization": strings.Replace(anyAuth, "SHA256", "SHA25", 1), "X-Amz-Date": anyDate}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). "},
	{name: "short credential", target: listTable,
		headers: map[string]string{"Authorization": "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=0", "X-Amz-Date": anyDate}, status: 400,
		wantType: "com.amazon.coral.service#IncompleteSignatureException",
		wantMsg:  "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'"},
	{name: "any credential scope without credentials", target: listTable, ctype: amz, body: "{}",
		headers: map[string]string{"Authorization": "AWS4-HMAC-SHA256 Credential=a/b/c/d/e/, SignedHeaders=host, Signature=0", "X-Amz-Date": anyDate},
		status:  200, wantBody: `{"TableNames":[]}`, wantCType: amz},

	// After authentication: the body itself.
	{name: "empty body", target: listTable, auth: true, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-"},
	{name: "empty body, amz-json", target: listTable, ctype: amz, auth: true, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "-", wantCType: amz},
	{name: "ok", target: listTable, ctype: amz, auth: true, body: "{}", status: 200,
		wantBody: `{"TableNames":[]}`, wantCType: amz},
	{name: "ok, application/json answers in kind", target: listTable, ctype: "application/json", auth: true, body: "{}", status: 200,
		wantBody: `{"TableNames":[]}`, wantCType: "application/json"},
	{name: "null body is an empty request", target: listTable, ctype: amz, auth: true, body: "null", status: 200,
		wantBody: `{"TableNames":[]}`},
	{name: "unknown members are ignored", target: listTable, ctype: amz, auth: true, body: `{"Nope":[1,{"a":null}],"tablename":5}`, status: 200,
		wantBody: `{"TableNames":[]}`},
	{name: "type error has a capital Message", target: listTable, ctype: amz, auth: true, body: `{"ExclusiveStartTableName":123}`, status: 400,
		wantType: "com.amazon.coral.service#SerializationException", wantMsg: "NUMBER_VALUE cannot be converted to String"},
	{name: "backend error has a lowercase message", target: getItem, ctype: amz, auth: true,
		body: `{"TableName":"nope","Key":{"pk":{"S":"a"}}}`, status: 400,
		wantType: "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", wantMsg: "Requested resource not found"},
	{name: "backend validation error", target: getItem, ctype: amz, auth: true, body: `{}`, status: 400,
		wantType: "com.amazon.coral.validate#ValidationException",
		wantMsg:  "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"},
	{name: "backend failure", target: getItem, ctype: amz, auth: true, body: `{"TableName":"broken"}`, status: 500,
		wantType: "com.amazonaws.dynamodb.v20120810#InternalServerError", wantMsg: "Internal server error"},
	{name: "backend panic", target: getItem, ctype: amz, auth: true, body: `{"TableName":"panics"}`, status: 500,
		wantType: "com.amazonaws.dynamodb.v20120810#InternalServerError", wantMsg: "Internal server error"},
}

func TestProtocolErrors(t *testing.T) {
	b := newFakeBackend()
	b.failOn, b.panicOn = "broken", "panics"
	h := NewHandler(b, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	requestID := regexp.MustCompile(`^[0-9A-Z]{52}$`)
	for _, c := range protocolCases {
		t.Run(c.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, c.request())
			res := w.Result()
			body := w.Body.Bytes()
			if res.StatusCode != c.status {
				t.Errorf("status %d, want %d (body %s)", res.StatusCode, c.status, body)
			}
			if id := res.Header.Get("X-Amzn-RequestId"); !requestID.MatchString(id) {
				t.Errorf("x-amzn-RequestId %q", id)
			}
			crc := crc32.ChecksumIEEE(body)
			if got := res.Header.Get("X-Amz-Crc32"); got != strconv.FormatUint(uint64(crc), 10) {
				t.Errorf("x-amz-crc32 %q, body CRC %d", got, crc)
			}
			if c.wantCRC != 0 && crc != c.wantCRC {
				t.Errorf("body %s has CRC %d; DynamoDB's had %d", body, crc, c.wantCRC)
			}
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(body)) {
				t.Errorf("Content-Length %q for %d bytes", got, len(body))
			}
			if c.wantCType != "" && res.Header.Get("Content-Type") != c.wantCType {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), c.wantCType)
			}
			if c.wantBody != "" {
				if string(body) != c.wantBody {
					t.Errorf("body %q, want %q", body, c.wantBody)
				}
				return
			}
			var got map[string]string
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if got["__type"] != c.wantType {
				t.Errorf("__type %q, want %q", got["__type"], c.wantType)
			}
			msg, hasMsg := got["message"]
			if capital, ok := got["Message"]; ok {
				msg, hasMsg = capital, true
			}
			switch {
			case c.wantMsg == "-" && hasMsg:
				t.Errorf("unexpected message %q", msg)
			case c.wantMsg != "-" && msg != c.wantMsg:
				t.Errorf("message %q, want %q", msg, c.wantMsg)
			}
		})
	}
}

func TestRequestTooLarge(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{MaxBodyBytes: 100})
	for _, n := range []int{100, 101} {
		body := `{"TableName":"` + strings.Repeat("a", n-16) + `"}`
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Header.Set("X-Amz-Target", getItem)
		r.Header.Set("Content-Type", amz)
		r.Header.Set("Authorization", anyAuth)
		r.Header.Set("X-Amz-Date", anyDate)
		// Once with the length announced, once streamed.
		for _, announce := range []bool{true, false} {
			rr := r.Clone(r.Context())
			rr.Body = io.NopCloser(strings.NewReader(body))
			if !announce {
				rr.ContentLength = -1
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, rr)
			if n > 100 {
				if w.Code != http.StatusRequestEntityTooLarge || w.Body.Len() != 0 {
					t.Errorf("%d bytes (announced %v): %d %q, want 413 and no body", n, announce, w.Code, w.Body)
				}
			} else if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "ResourceNotFound") {
				t.Errorf("%d bytes (announced %v): %d %q, want the backend's answer", n, announce, w.Code, w.Body)
			}
		}
	}
}

// TestRequestTooLargeDefault is DynamoDB's own limit: 16 MiB is accepted
// (and then rejected for its content type), one byte more is 413.
func TestRequestTooLargeDefault(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{})
	for _, tc := range []struct {
		size, status int
	}{{16 << 20, 404}, {16<<20 + 1, 413}} {
		body := bytes.Repeat([]byte("a"), tc.size)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("POST", "/", bytes.NewReader(body)))
		if w.Code != tc.status {
			t.Errorf("%d bytes: status %d, want %d", tc.size, w.Code, tc.status)
		}
	}
}

// errReader fails mid-body, like a client that goes away.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, io.ErrUnexpectedEOF }

func TestUnreadableBody(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	r := httptest.NewRequest("POST", "/", errReader{})
	r.Header.Set("X-Amz-Target", listTable)
	r.Header.Set("Content-Type", amz)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	if w.Code != 400 || w.Body.String() != `{"__type":"com.amazon.coral.service#SerializationException"}` {
		t.Errorf("got %d %s", w.Code, w.Body)
	}
}

func TestCORS(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{})
	r := httptest.NewRequest("OPTIONS", "/", nil)
	r.Header.Set("Origin", "https://example.com")
	r.Header.Set("Access-Control-Request-Headers", "a, b, c")
	r.Header.Set("Access-Control-Request-Method", "d")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	want := map[string]string{
		"Access-Control-Allow-Origin":  "*",
		"Access-Control-Allow-Headers": "a, b, c",
		"Access-Control-Allow-Methods": "d",
		"Access-Control-Max-Age":       "172800",
		"Content-Length":               "0",
	}
	if w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("preflight: %d %q", w.Code, w.Body)
	}
	for k, v := range want {
		if got := w.Header().Get(k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}

	c := protocolCase{target: "nope", headers: map[string]string{"Origin": "x"}}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, c.request())
	if w.Header().Get("Access-Control-Allow-Origin") != "*" || w.Code != 400 {
		t.Errorf("error with Origin: %d %v", w.Code, w.Header())
	}
}

func TestGzipResponse(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{})
	for _, tc := range []struct {
		accept string
		gzip   bool
	}{
		{"gzip", true},
		{"identity", false},
		{"", false},
		{"deflate, gzip;q=0.5", true},
		{"gzip;q=0", false},
		{"*", false},
	} {
		c := protocolCase{target: listTable, ctype: amz, auth: true, body: "{}",
			headers: map[string]string{"Accept-Encoding": tc.accept}}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, c.request())
		body := w.Body.Bytes()
		if got := w.Header().Get("Content-Encoding") == "gzip"; got != tc.gzip {
			t.Errorf("Accept-Encoding %q: gzip %v, want %v", tc.accept, got, tc.gzip)
		}
		if crc := strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10); w.Header().Get("X-Amz-Crc32") != crc {
			t.Errorf("Accept-Encoding %q: CRC header %s, CRC of the bytes sent %s", tc.accept, w.Header().Get("X-Amz-Crc32"), crc)
		}
		if tc.gzip && !bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
			t.Errorf("Accept-Encoding %q: body is not gzip", tc.accept)
		}
	}
}
