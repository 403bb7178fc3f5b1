package compat

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `# A comment.

request CreateTable ignore=TableDescription.WarmThroughput,TableDescription.X
{"TableName":"abc",
 "KeySchema":[]}
----
200 {"TableDescription":{"TableName":"abc"}}
---- dynamodb-local differs
400 ValidationException: x

# Second.
request GetItem
{}
----
400 ValidationException: y
request ListTables
----
200 {"TableNames":[]}

# trailing
`

func TestParseFormat(t *testing.T) {
	f, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Cases) != 3 {
		t.Fatalf("%d cases", len(f.Cases))
	}
	c := f.Cases[0]
	if c.Op != "CreateTable" || c.Line != 3 || len(c.Ignore) != 2 || !c.HasLocal ||
		c.Body != "{\"TableName\":\"abc\",\n \"KeySchema\":[]}" || c.Local != "400 ValidationException: x" {
		t.Errorf("case 0: %+v", c)
	}
	if c := f.Cases[1]; c.HasLocal || c.Want != "400 ValidationException: y" {
		t.Errorf("case 1: %+v", c)
	}
	if c := f.Cases[2]; c.Body != "" || c.Want != `200 {"TableNames":[]}` {
		t.Errorf("case 2: %+v", c)
	}
	if got := string(f.Format()); got != sample {
		t.Errorf("round trip:\n%s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{
		"oops\n",
		"request\n----\n200 {}\n",
		"request GetItem\n{}\n",
		"request GetItem\n{}\n----\n\n",
		"request GetItem nope\n{}\n----\n200 {}\n",
	} {
		if _, err := Parse([]byte(bad)); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestExpand(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                           "plain",
		`{"S":"{{repeat 3}}ab{{end}}"}`:   `{"S":"ababab"}`,
		`{{repeat 2}}{"L":[{{end}}1]]`:    `{"L":[{"L":[1]]`,
		`{{repeat 2}}{"M":{"a":{{end}}1}`: `{"M":{"a":{"M":{"a":1}`,
		"{{repeat 0}}x{{end}}y":           "y",
	} {
		got, err := Expand(in)
		if err != nil || got != want {
			t.Errorf("Expand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"{{repeat x}}a{{end}}", "{{repeat 2}}a", "{{repeat 2"} {
		if _, err := Expand(bad); err == nil {
			t.Errorf("no error for %q", bad)
		}
	}
}

func TestRender(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		ignore []string
		want   string
	}{
		{400, `{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}`, nil,
			"400 ResourceNotFoundException: Requested resource not found"},
		{400, `{"__type":"com.amazon.coral.validate#ValidationException","Message":"m"}`, nil, "400 ValidationException: m"},
		{400, `{"__type":"ValidationException"}`, nil, "400 ValidationException"},
		{500, `oops`, nil, "500 oops"},
		{200, `{"b":1.0,"a":{"CreationDateTime":1.5,"TableArn":"arn:x","n":[{"WarmThroughput":{},"k":"<&>"}]}}`,
			[]string{"a.n.WarmThroughput"},
			`200 {"a":{"CreationDateTime":"*","TableArn":"*","n":[{"k":"<&>"}]},"b":1}`},
	} {
		if got := Render(tc.status, []byte(tc.body), tc.ignore); got != tc.want {
			t.Errorf("Render(%s)\n got: %s\nwant: %s", tc.body, got, tc.want)
		}
	}
	if got := Canonical(`200 { "b" : 1, "a": {"TableId":"x"} }`, nil); got != `200 {"a":{"TableId":"*"},"b":1}` {
		t.Errorf("Canonical: %s", got)
	}
	if got := Canonical("400 ValidationException: x", nil); got != "400 ValidationException: x" {
		t.Errorf("Canonical error: %s", got)
	}
}

func TestRecord(t *testing.T) {
	f, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	outcomes := []Outcome{
		{Case: f.Cases[0], Got: "400 ValidationException: new local", Want: "400 ValidationException: x"},
		{Case: f.Cases[1], Got: "400 ValidationException: new", Want: "400 ValidationException: y"},
		{Case: f.Cases[2], Got: `200 {"TableNames":[]}`, Want: `200 {"TableNames":[]}`},
	}
	if n := Record(f, outcomes); n != 2 {
		t.Errorf("Record changed %d", n)
	}
	out := string(f.Format())
	for _, want := range []string{
		"200 {\"TableDescription\":{\"TableName\":\"abc\"}}\n---- dynamodb-local differs\n400 ValidationException: new local\n",
		"----\n400 ValidationException: new\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("recorded file lacks %q:\n%s", want, out)
		}
	}
}

// TestTestdata parses every data file, so a syntax error shows up even when
// the differential test cannot run.
func TestTestdata(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txt")
	for _, path := range files {
		f, err := ParseFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		data, _ := os.ReadFile(path)
		if string(f.Format()) != string(data) {
			t.Errorf("%s does not round-trip (trailing spaces? missing final newline?)", path)
		}
		for _, c := range f.Cases {
			for _, s := range []string{c.Body, c.Want, c.Local} {
				if _, err := Expand(s); err != nil {
					t.Errorf("%s:%d: %v", path, c.Line, err)
				}
			}
		}
	}
}

func TestParseFilePending(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.txt")
	data := "# pending: indexes (issue 4)\n\nrequest ListTables\n{}\n----\n200 {\"TableNames\":[]}\n# pending: not a header after the first case\n"
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if f.Pending != "indexes (issue 4)" {
		t.Fatalf("Pending = %q", f.Pending)
	}
}
