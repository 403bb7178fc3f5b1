package wire

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

var signingTime = time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)

// signedRequest builds a ListTables request and signs it with the SDK's own
// signer, as every SDK client does.
func signedRequest(t *testing.T, keyID, secret, region, service string, at time.Time, edit func(*http.Request)) *http.Request {
	t.Helper()
	body := []byte("{}")
	r := httptest.NewRequest("POST", "http://dynamodb.us-east-1.amazonaws.com/", bytes.NewReader(body))
	r.Header.Set("Content-Type", amz)
	r.Header.Set("X-Amz-Target", listTable)
	r.Header.Set("User-Agent", "test-agent")
	if edit != nil {
		edit(r)
	}
	sum := sha256.Sum256(body)
	err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: keyID, SecretAccessKey: secret},
		r, hex.EncodeToString(sum[:]), service, region, at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func serveOnce(h http.Handler, r *http.Request) (int, string, string) {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var e struct {
		Type    string `json:"__type"`
		Message string `json:"message"`
	}
	_ = json.Unmarshal(w.Body.Bytes(), &e)
	return w.Code, e.Type, e.Message
}

func verifyingHandler(now time.Time) *handler {
	h := NewHandler(newFakeBackend(), Options{Credentials: map[string]string{"AKIDEXAMPLE": "secret"}}).(*handler)
	h.auth.now = func() time.Time { return now }
	return h
}

func TestSigV4Verification(t *testing.T) {
	h := verifyingHandler(signingTime.Add(3 * time.Minute))
	const ns = "com.amazon.coral.service#"
	tests := []struct {
		name    string
		req     func(t *testing.T) *http.Request
		status  int
		errType string
		msg     string
	}{
		{name: "valid", status: 200, req: func(t *testing.T) *http.Request {
			return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
		}},
		{name: "any region", status: 200, req: func(t *testing.T) *http.Request {
			return signedRequest(t, "AKIDEXAMPLE", "secret", "eu-west-3", "dynamodb", signingTime, nil)
		}},
		{name: "extra headers, padded values, session token", status: 200, req: func(t *testing.T) *http.Request {
			return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, func(r *http.Request) {
				r.Header.Set("X-Custom", "  a   b  ")
				r.Header.Add("X-Multi", "1")
				r.Header.Add("X-Multi", "2")
				r.Header.Set("X-Amz-Security-Token", "token")
			})
		}},
		{name: "query string", status: 200, req: func(t *testing.T) *http.Request {
			return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, func(r *http.Request) {
				r.URL.RawQuery = "b=2&a=1&a=0&c=x%20y"
			})
		}},
		{name: "wrong secret", status: 400, errType: ns + "InvalidSignatureException", msg: msgSignatureInvalid,
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "AKIDEXAMPLE", "wrong", "us-east-1", "dynamodb", signingTime, nil)
			}},
		{name: "unknown key", status: 400, errType: ns + "UnrecognizedClientException", msg: "The security token included in the request is invalid.",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "AKIDOTHER", "secret", "us-east-1", "dynamodb", signingTime, nil)
			}},
		{name: "header changed after signing", status: 400, errType: ns + "InvalidSignatureException", msg: msgSignatureInvalid,
			req: func(t *testing.T) *http.Request {
				r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
				r.Header.Set("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
				return r
			}},
		{name: "unsigned header may change", status: 200, req: func(t *testing.T) *http.Request {
			r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
			r.Header.Set("User-Agent", "something else")
			return r
		}},
		{name: "body changed after signing", status: 400, errType: ns + "InvalidSignatureException", msg: msgSignatureInvalid,
			req: func(t *testing.T) *http.Request {
				r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
				r.Body = http.NoBody
				r.Body = nopCloser{strings.NewReader(`{ }`)}
				return r
			}},
		{name: "other service", status: 400, errType: ns + "InvalidSignatureException",
			msg: "Credential should be scoped to correct service: 'dynamodb'.",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "s3", signingTime, nil)
			}},
		{name: "expired", status: 400, errType: ns + "InvalidSignatureException",
			msg: "Signature expired: 20240506T064809Z is now earlier than 20240506T065609Z (20240506T071109Z - 15 min.)",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime.Add(-20*time.Minute), nil)
			}},
		{name: "not yet current", status: 400, errType: ns + "InvalidSignatureException",
			msg: "Signature not yet current: 20240506T072809Z is still later than 20240506T072609Z (20240506T071109Z + 15 min.)",
			req: func(t *testing.T) *http.Request {
				return signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime.Add(20*time.Minute), nil)
			}},
		{name: "scope day differs", status: 400, errType: ns + "InvalidSignatureException",
			msg: "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20240506' != '20240505', from '20240505T235959Z'.",
			req: func(t *testing.T) *http.Request {
				r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
				r.Header.Set("X-Amz-Date", "20240505T235959Z")
				h.auth.now = func() time.Time { return time.Date(2024, 5, 5, 23, 59, 59, 0, time.UTC) }
				return r
			}},
		{name: "scope problems together", status: 400, errType: ns + "InvalidSignatureException",
			msg: "Credential should be scoped to a valid region, not ''. Credential should be scoped to correct service: 'dynamodb'. " +
				"Credential should be scoped with a valid terminator: 'aws4_request', not 'e'.",
			req: func(t *testing.T) *http.Request {
				r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, nil)
				r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240506//d/e, SignedHeaders=host;x-amz-date, Signature=00")
				return r
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h.auth.now = func() time.Time { return signingTime.Add(3 * time.Minute) }
			status, errType, msg := serveOnce(h, tc.req(t))
			if status != tc.status || errType != tc.errType || msg != tc.msg {
				t.Errorf("got %d %q %q\nwant %d %q %q", status, errType, msg, tc.status, tc.errType, tc.msg)
			}
		})
	}
}

type nopCloser struct{ *strings.Reader }

func (nopCloser) Close() error { return nil }

// TestSigV4Presigned verifies requests signed in the query string.
func TestSigV4Presigned(t *testing.T) {
	h := verifyingHandler(signingTime.Add(time.Minute))
	presign := func(secret string, expires time.Duration) *http.Request {
		body := []byte("{}")
		r := httptest.NewRequest("POST", "http://localhost:8000/", bytes.NewReader(body))
		r.Header.Set("Content-Type", amz)
		r.Header.Set("X-Amz-Target", listTable)
		if expires > 0 {
			q := r.URL.Query()
			q.Set("X-Amz-Expires", "60")
			r.URL.RawQuery = q.Encode()
		}
		sum := sha256.Sum256(body)
		u, hdr, err := v4.NewSigner().PresignHTTP(context.Background(), aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: secret},
			r, hex.EncodeToString(sum[:]), "dynamodb", "us-east-1", signingTime)
		if err != nil {
			t.Fatal(err)
		}
		p := httptest.NewRequest("POST", u, bytes.NewReader(body))
		for k, v := range hdr {
			p.Header[k] = v
		}
		p.Header.Set("Content-Type", amz)
		p.Header.Set("X-Amz-Target", listTable)
		return p
	}
	if status, typ, msg := serveOnce(h, presign("secret", 0)); status != 200 {
		t.Errorf("presigned: %d %s %s", status, typ, msg)
	}
	if status, typ, _ := serveOnce(h, presign("wrong", 0)); status != 400 || typ != "com.amazon.coral.service#InvalidSignatureException" {
		t.Errorf("presigned with the wrong secret: %d %s", status, typ)
	}
	if status, _, _ := serveOnce(h, presign("secret", time.Minute)); status != 200 {
		t.Errorf("presigned within X-Amz-Expires: %d", status)
	}
	h.auth.now = func() time.Time { return signingTime.Add(2 * time.Minute) }
	if status, typ, msg := serveOnce(h, presign("secret", time.Minute)); status != 400 || !strings.HasPrefix(msg, "Signature expired: ") {
		t.Errorf("presigned past X-Amz-Expires: %d %s %s", status, typ, msg)
	}
}

// TestSigV4NoCredentials: without credentials any well-formed signature is
// accepted, whatever its key, secret, scope or age.
func TestSigV4NoCredentials(t *testing.T) {
	h := NewHandler(newFakeBackend(), Options{})
	for _, r := range []*http.Request{
		signedRequest(t, "anything", "whatever", "local", "dynamodb", time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC), nil),
		signedRequest(t, "x", "y", "us-east-1", "s3", time.Now(), nil),
	} {
		if status, typ, msg := serveOnce(h, r); status != 200 {
			t.Errorf("%s: %d %s %s", r.Header.Get("Authorization"), status, typ, msg)
		}
	}
}

// TestCanonicalRequestMatchesSDK checks the string to sign, built from the
// client's SignedHeaders, against the SDK signer's signature.
func TestCanonicalRequestMatchesSDK(t *testing.T) {
	r := signedRequest(t, "AKIDEXAMPLE", "secret", "us-east-1", "dynamodb", signingTime, func(r *http.Request) {
		r.URL.RawQuery = "z=%2F&a=b+c"
		r.URL.Path = "/a b/%2F"
	})
	sig, err := parseSignature(r)
	if err != nil {
		t.Fatal(err)
	}
	a := newAuthenticator(map[string]string{"AKIDEXAMPLE": "secret"})
	got := a.sign("AKIDEXAMPLE", "secret", "20240506", "us-east-1", "dynamodb",
		stringToSign(r, []byte("{}"), sig, "20240506/us-east-1/dynamodb/aws4_request"))
	if auth := r.Header.Get("Authorization"); !strings.HasSuffix(auth, "Signature="+got) {
		t.Errorf("signature %s, SDK's Authorization %s", got, auth)
	}
}

// TestSigV4TestSuiteVanilla is the "get-vanilla" case of AWS's SigV4 test
// suite: an independent check of the canonical request and key derivation.
func TestSigV4TestSuiteVanilla(t *testing.T) {
	r := httptest.NewRequest("GET", "http://example.amazonaws.com/", nil)
	r.Header.Set("X-Amz-Date", "20150830T123600Z")
	sig := signature{signedHeaders: "host;x-amz-date", date: "20150830T123600Z"}
	a := newAuthenticator(map[string]string{"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"})
	got := a.sign("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "service",
		stringToSign(r, nil, sig, "20150830/us-east-1/service/aws4_request"))
	if want := "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"; got != want {
		t.Errorf("signature %s, want %s", got, want)
	}
}

func TestLoadCredentials(t *testing.T) {
	dir := t.TempDir()
	write := func(content string) string {
		p := filepath.Join(dir, "creds")
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	creds, err := LoadCredentials(write("# keys\n\nAKID1 secret1\n  AKID2\tsecret/2+x  \n   # indented comment\n"))
	if err != nil || len(creds) != 2 || creds["AKID1"] != "secret1" || creds["AKID2"] != "secret/2+x" {
		t.Errorf("got %v, %v", creds, err)
	}
	for _, bad := range []string{"", "# only comments\n", "AKID1\n", "AKID1 a b\n", "AKID1 a\nAKID1 b\n"} {
		if _, err := LoadCredentials(write(bad)); err == nil {
			t.Errorf("%q: no error", bad)
		} else if strings.Contains(err.Error(), " a b") {
			t.Errorf("%q: error leaks the line: %v", bad, err)
		}
	}
	if _, err := LoadCredentials(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file: no error")
	}
}
