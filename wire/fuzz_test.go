package wire

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"hash/crc32"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

var fuzzTargets = []string{
	"", "whatever", listTable, getItem, putItem,
	"DynamoDB_20120810.CreateTable", "DynamoDB_20120810.DescribeTable", "DynamoDB_20120810.DeleteTable",
	"DynamoDB_20120810.DeleteItem", "DynamoDB_20120810.Query",
}

var fuzzContentTypes = []string{"", amz, "application/json", "text/plain", amz + "; charset=utf-8"}

// FuzzHandler sends random bodies to random targets. Whatever arrives, the
// handler must not panic or fail internally (the fake backend never fails),
// and every answer must be framed as DynamoDB frames it.
func FuzzHandler(f *testing.F) {
	for _, c := range protocolCases {
		f.Add(uint8(2), uint8(1), c.auth, []byte(c.body))
	}
	for i, body := range []string{
		`{"TableName":"t","Item":{"pk":{"S":"a"},"n":{"N":"1"},"l":{"L":[{"M":{"x":{"NULL":true}}}]}}}`,
		`{"TableName":"t","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}`,
		`{"TableName":"t","Key":{"pk":{"S":"a","N":"1"}}}`,
		`{"TableName":"t","Item":{"pk":{"B":"=+/="}}}`,
		`{"Limit":-1}`, `{"Limit":1e400}`, `{"ExclusiveStartTableName":"\ud800"}`,
	} {
		f.Add(uint8(i%len(fuzzTargets)), uint8(1), true, []byte(body))
	}
	h := NewHandler(newFakeBackend(), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	f.Fuzz(func(t *testing.T, target, ctype uint8, auth bool, body []byte) {
		r := httptest.NewRequest("POST", "/", bytes.NewReader(body))
		gzipped := ctype&0x80 != 0
		if gzipped {
			r.Header.Set("Accept-Encoding", "gzip")
		}
		if tg := fuzzTargets[int(target)%len(fuzzTargets)]; tg != "" {
			r.Header.Set("X-Amz-Target", tg)
		}
		if ct := fuzzContentTypes[int(ctype)%len(fuzzContentTypes)]; ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		if auth {
			r.Header.Set("Authorization", anyAuth)
			r.Header.Set("X-Amz-Date", anyDate)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		got := w.Body.Bytes()
		if crc := strconv.FormatUint(uint64(crc32.ChecksumIEEE(got)), 10); w.Header().Get("X-Amz-Crc32") != crc {
			t.Fatalf("x-amz-crc32 %s, body CRC %s", w.Header().Get("X-Amz-Crc32"), crc)
		}
		if w.Header().Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(got))
			if err != nil {
				t.Fatal(err)
			}
			if got, err = io.ReadAll(zr); err != nil {
				t.Fatal(err)
			}
		}
		switch w.Code {
		case http.StatusOK:
			if !json.Valid(got) {
				t.Fatalf("200 with invalid JSON %q", got)
			}
		case http.StatusBadRequest:
			var e map[string]any
			if err := json.Unmarshal(got, &e); err != nil {
				t.Fatalf("400 body %q: %v", got, err)
			}
			if typ, _ := e["__type"].(string); !strings.Contains(typ, "#") {
				t.Fatalf("400 body without __type: %q", got)
			}
		case http.StatusNotFound:
			if string(got) != notFoundBody {
				t.Fatalf("404 body %q", got)
			}
		default:
			t.Fatalf("status %d, body %q", w.Code, got)
		}
	})
}

var fuzzInputs = []reflect.Type{
	reflect.TypeFor[dynamodb.PutItemInput](),
	reflect.TypeFor[dynamodb.QueryInput](),
	reflect.TypeFor[dynamodb.BatchWriteItemInput](),
	reflect.TypeFor[dynamodb.BatchGetItemInput](),
	reflect.TypeFor[dynamodb.CreateTableInput](),
	reflect.TypeFor[dynamodb.UpdateItemInput](),
	reflect.TypeFor[dynamodb.TransactWriteItemsInput](),
	reflect.TypeFor[dynamodb.ListBackupsInput](),
}

// FuzzDecode feeds random bodies to the codec. Decoding must never panic;
// it fails exactly when the body is not JSON (with the bare exception) or a
// member has the wrong type (with a message); and what it decodes encodes to
// JSON that decodes to the same thing.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		`{}`, `null`, `[]`, `"x"`, `{"TableName":"t\u00e9\ud83d\ude00"}`,
		`{"Item":{"a":{"S":"x"},"b":{"N":"1"},"c":{"B":"AA=="},"d":{"SS":["a"]},"e":{"NS":["1"]},"f":{"BS":["AA=="]},` +
			`"g":{"BOOL":true},"h":{"NULL":true},"i":{"L":[{"S":"x"},null,{}]},"j":{"M":{"k":{"S":"v","N":"1"}}}}}`,
		`{"RequestItems":{"t":[{"PutRequest":{"Item":{"a":{"S":"x"}}}},{"DeleteRequest":{"Key":{}}}]}}`,
		`{"RequestItems":{"t":{"Keys":[{"a":{"S":"x"}}],"ConsistentRead":"yes"}}}`,
		`{"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}],"ProvisionedThroughput":{"ReadCapacityUnits":1.5}}`,
		`{"TransactItems":[{"Put":{"Item":{"a":{"NULL":"1"}}}}]}`,
		`{"TimeRangeLowerBound":1.5e9,"Limit":3}`,
	} {
		for i := range fuzzInputs {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		typ := fuzzInputs[int(which)%len(fuzzInputs)]
		v, err := decodeAs(typ, string(body))
		// DynamoDB (like Jackson) also rejects invalid UTF-8, which json.Valid allows.
		valid := json.Valid(body) && utf8.Valid(body) && jsonDepth(body) <= maxDepth
		var se *serializationError
		switch {
		case err == nil && !valid:
			t.Fatalf("accepted invalid JSON %q", body)
		case err != nil && !errors.As(err, &se):
			t.Fatalf("error of type %T: %v", err, err)
		case err != nil && se.msg == "" && valid:
			t.Fatalf("valid JSON %q reported as not JSON", body)
		case err != nil && se.msg != "" && !valid:
			t.Fatalf("invalid JSON %q reported as a type error: %v", body, err)
		}
		if err != nil {
			return
		}
		// Encoding what was decoded and decoding that again is a fixed point.
		once := encodeString(v.Interface())
		if !json.Valid([]byte(once)) {
			t.Fatalf("encoded invalid JSON %q", once)
		}
		v2, err := decodeAs(typ, once)
		if err != nil {
			t.Fatalf("re-decoding %q: %v", once, err)
		}
		if twice := encodeString(v2.Interface()); twice != once {
			t.Fatalf("not a fixed point:\n%s\n%s", once, twice)
		}
		// Strings decode as encoding/json decodes them.
		var generic map[string]any
		if json.Unmarshal(body, &generic) == nil {
			if name, ok := generic["TableName"].(string); ok {
				if f := v.Elem().FieldByName("TableName"); f.IsValid() && !f.IsNil() && f.Elem().String() != name {
					t.Fatalf("TableName %q, encoding/json says %q", f.Elem().String(), name)
				}
			}
		}
	})
}

// jsonDepth is the deepest nesting of arrays and objects in a valid body.
func jsonDepth(body []byte) int {
	d := json.NewDecoder(bytes.NewReader(body))
	depth, deepest := 0, 0
	for {
		tok, err := d.Token()
		if err != nil {
			return deepest
		}
		switch tok {
		case json.Delim('['), json.Delim('{'):
			depth++
			deepest = max(deepest, depth)
		case json.Delim(']'), json.Delim('}'):
			depth--
		}
	}
}
