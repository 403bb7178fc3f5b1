package rest

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The test cases of RFC 7396, Appendix A.
func TestMergePatchRFC7396(t *testing.T) {
	for _, tc := range [][3]string{
		{`{"a":"b"}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`, `{"a":"b","b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`, `{}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`, `{"b":"c"}`},
		{`{"a":["b"]}`, `{"a":"c"}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`, `{"a":{"b":"d"}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`, `["c"]`},
		{`{"a":"foo"}`, `null`, `null`},
		{`{"a":"foo"}`, `"bar"`, `"bar"`},
		{`{"e":null}`, `{"a":1}`, `{"e":null,"a":1}`},
		{`[1,2]`, `{"a":"b","c":null}`, `{"a":"b"}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`, `{"a":{"bb":{}}}`},
	} {
		var target, patch, want any
		json.Unmarshal([]byte(tc[0]), &target)
		json.Unmarshal([]byte(tc[1]), &patch)
		json.Unmarshal([]byte(tc[2]), &want)
		if got := mergePatch(target, patch); !reflect.DeepEqual(got, want) {
			t.Errorf("%s + %s = %v, want %s", tc[0], tc[1], got, tc[2])
		}
	}
}

// FuzzParsePreconditions: any header value gives a list or a clear error,
// never a panic, and every version it reads is one ETag issues.
func FuzzParsePreconditions(f *testing.F) {
	for _, s := range []string{`"v1"`, `W/"v2", "v3"`, `*`, `v1`, `""`, `"v0"`, `"v-1"`, `"x"`, `,`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		p, err := parsePreconditions("If-Match", value)
		if err != nil {
			return
		}
		for _, v := range p.versions {
			if v <= 0 {
				t.Fatalf("%q gave version %d", value, v)
			}
			if again, err := parsePreconditions("If-Match", ETag(v)); err != nil || !again.matches(v) {
				t.Fatalf("ETag(%d) does not match itself", v)
			}
		}
	})
}
