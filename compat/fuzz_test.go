package compat

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/wire"
)

// fuzzOps are the operations FuzzServer sends; the fuzzer picks one per input.
var fuzzOps = []string{"CreateTable", "DescribeTable", "ListTables", "DeleteTable", "PutItem", "GetItem", "DeleteItem"}

// FuzzServer sends arbitrary bodies to the real stack (wire in front of an
// in-memory engine that already holds a table) and requires DynamoDB-shaped
// answers: never a panic or a 5xx, and every 4xx a JSON error with a
// __type (or the empty bodies DynamoDB sends for 404/413). Seeds are every
// request of the differential suite.
func FuzzServer(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, path := range files {
		file, err := ParseFile(path)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range file.Cases {
			if strings.Contains(c.Body, "{{") {
				continue // macro-expanded bodies are large; the fuzzer grows its own
			}
			for i, op := range fuzzOps {
				if op == c.Op {
					f.Add(uint8(i), []byte(c.Body))
				}
			}
		}
	}
	db, err := engine.Open(engine.Options{InMemory: true})
	if err != nil {
		f.Fatal(err)
	}
	defer db.Close()
	h := wire.NewHandler(db, wire.Options{})
	setup := `{"TableName":"fuzz","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},{"AttributeName":"sk","AttributeType":"N"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],"BillingMode":"PAY_PER_REQUEST"}`
	if code, body := serve(h, "CreateTable", []byte(setup)); code != 200 {
		f.Fatalf("setup: %d %s", code, body)
	}

	f.Fuzz(func(t *testing.T, opIndex uint8, body []byte) {
		op := fuzzOps[int(opIndex)%len(fuzzOps)]
		if op == "DeleteTable" && bytes.Contains(body, []byte("fuzz")) {
			op = "DescribeTable" // keep the shared table for other inputs
		}
		code, resp := serve(h, op, body)
		switch {
		case code == 200:
			if !json.Valid(resp) {
				t.Fatalf("%s: 200 with invalid JSON %q", op, resp)
			}
		case code == 400:
			var e struct {
				Type string `json:"__type"`
			}
			if err := json.Unmarshal(resp, &e); err != nil || e.Type == "" {
				t.Fatalf("%s: 400 without a JSON __type: %q", op, resp)
			}
		default:
			t.Fatalf("%s %q: status %d %q", op, body, code, resp)
		}
	})
}

func serve(h http.Handler, op string, body []byte) (int, []byte) {
	req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("X-Amz-Date", "20240101T000000Z")
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=fuzz/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Body.Bytes()
}
