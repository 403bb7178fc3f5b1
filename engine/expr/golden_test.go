package expr

import (
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Golden files (testdata/parse and testdata/bind) hold expressions and what
// dynabase answers, which must be DynamoDB's answer (every error text was
// checked against DynamoDB Local). Run with -update to rewrite the answers
// after a deliberate change, then review the diff.
//
// A case is a command line, input lines, "----", and the expected output,
// separated from the next case by a blank line; "#" lines are comments. An
// input line in double quotes is a Go string literal (for whitespace that
// matters).
//
//	parse <kind>         the input is one expression of kind condition,
//	                     filter, keycondition, update or projection; the
//	                     output is the tree printed back, or "error: ..."
//	bind [names=JSON] [values=JSON]
//	                     each input line is "<kind> <expression>", one
//	                     request's expressions in the order the engine
//	                     checks them; the output is "ok" or the request's
//	                     error (parse, ParseError, Bind*, then Unused)
var updateGolden = flag.Bool("update", false, "rewrite the expected output of golden files")

type goldenCase struct {
	cmd    string
	input  []string
	output string
	line   int
}

func TestParseGolden(t *testing.T) { runGolden(t, "testdata/parse/*.txt") }
func TestBindGolden(t *testing.T)  { runGolden(t, "testdata/bind/*.txt") }

func runGolden(t *testing.T, pattern string) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files %s: %v", pattern, err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			cases := readGolden(t, file)
			changed := false
			for i := range cases {
				c := &cases[i]
				got := runCase(t, c)
				if got != c.output {
					if *updateGolden {
						c.output, changed = got, true
						continue
					}
					t.Errorf("%s:%d: %s\n%s\ngot:  %s\nwant: %s", file, c.line, c.cmd, strings.Join(c.input, "\n"), got, c.output)
				}
			}
			if changed {
				writeGolden(t, file, cases)
			}
		})
	}
}

func readGolden(t *testing.T, file string) []goldenCase {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var cases []goldenCase
	var cur *goldenCase
	output := false
	for i, line := range strings.Split(string(data), "\n") {
		switch {
		case cur == nil:
			if line != "" && !strings.HasPrefix(line, "#") {
				cases = append(cases, goldenCase{cmd: line, line: i + 1})
				cur, output = &cases[len(cases)-1], false
			}
		case !output && line == "----":
			output = true
		case !output:
			if strings.HasPrefix(line, `"`) {
				if u, err := strconv.Unquote(line); err == nil {
					line = u
				}
			}
			cur.input = append(cur.input, line)
		case line == "":
			cur = nil
		default:
			if cur.output != "" {
				cur.output += "\n"
			}
			cur.output += line
		}
	}
	return cases
}

// writeGolden rewrites file with the cases' outputs, keeping the rest.
func writeGolden(t *testing.T, file string, cases []goldenCase) {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []string
	k := 0
	for i := 0; i < len(lines); i++ {
		out = append(out, lines[i])
		if lines[i] == "----" && k < len(cases) {
			for i+1 < len(lines) && lines[i+1] != "" {
				i++
			}
			out = append(out, strings.Split(cases[k].output, "\n")...)
			k++
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(out, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runCase(t *testing.T, c *goldenCase) string {
	fields := strings.Fields(c.cmd)
	switch fields[0] {
	case "parse":
		if len(fields) != 2 {
			t.Fatalf("line %d: parse <kind>", c.line)
		}
		return parseResult(t, fields[1], strings.Join(c.input, "\n"), c.line)
	case "bind":
		env := &Env{}
		for _, arg := range fields[1:] {
			key, val, _ := strings.Cut(arg, "=")
			switch key {
			case "names":
				if err := json.Unmarshal([]byte(val), &env.Names); err != nil {
					t.Fatalf("line %d: names: %v", c.line, err)
				}
			case "values":
				var raw map[string]json.RawMessage
				if err := json.Unmarshal([]byte(val), &raw); err != nil {
					t.Fatalf("line %d: values: %v", c.line, err)
				}
				env.Values = map[string]types.AttributeValue{}
				for k, v := range raw {
					env.Values[k] = decodeAttributeValue(t, v)
				}
			default:
				t.Fatalf("line %d: unknown argument %q", c.line, arg)
			}
		}
		return bindResult(t, env, c)
	}
	t.Fatalf("line %d: unknown command %q", c.line, c.cmd)
	return ""
}

var kindNames = map[string]Kind{
	"condition":    ConditionExpr,
	"filter":       FilterExpr,
	"keycondition": KeyConditionExpr,
	"projection":   ProjectionExpr,
	"update":       UpdateExpr,
}

func parseResult(t *testing.T, kindName, src string, line int) string {
	kind, ok := kindNames[kindName]
	if !ok {
		t.Fatalf("line %d: unknown kind %q", line, kindName)
	}
	printed, err := parsePrint(kind, src)
	if err != nil {
		return "error: " + errMessage(err)
	}
	return printed
}

// parsePrint parses src as kind and prints the tree.
func parsePrint(kind Kind, src string) (string, error) {
	switch kind {
	case UpdateExpr:
		u, err := ParseUpdate(src)
		if err != nil {
			return "", err
		}
		return UpdateString(u), nil
	case ProjectionExpr:
		p, err := ParseProjection(src)
		if err != nil {
			return "", err
		}
		return ProjectionString(p), nil
	}
	c, err := ParseCondition(kind, src)
	if err != nil {
		return "", err
	}
	return CondString(c), nil
}

func bindResult(t *testing.T, env *Env, c *goldenCase) string {
	for _, in := range c.input {
		kindName, src, _ := strings.Cut(in, " ")
		kind, ok := kindNames[kindName]
		if !ok {
			t.Fatalf("line %d: unknown kind %q", c.line, kindName)
		}
		if err := bindOne(env, kind, src); err != nil {
			return "error: " + errMessage(err)
		}
	}
	if err := env.Unused(); err != nil {
		return "error: " + errMessage(err)
	}
	return "ok"
}

// bindOne parses and binds one expression as the engine does.
func bindOne(env *Env, kind Kind, src string) error {
	switch kind {
	case UpdateExpr:
		u, err := ParseUpdate(src)
		if err != nil {
			return env.ParseError(err)
		}
		return env.BindUpdate(u)
	case ProjectionExpr:
		p, err := ParseProjection(src)
		if err != nil {
			return env.ParseError(err)
		}
		return env.BindProjection(p)
	}
	c, err := ParseCondition(kind, src)
	if err != nil {
		return env.ParseError(err)
	}
	if err := env.BindCondition(kind, c); err != nil {
		return err
	}
	if kind == KeyConditionExpr {
		return env.CheckKeyCondition(c)
	}
	return nil
}

func errMessage(err error) string {
	code, msg := apierr.Code(err)
	if code != apierr.CodeValidation {
		return fmt.Sprintf("%T %v", err, err)
	}
	return msg
}

// decodeAttributeValue decodes DynamoDB JSON ({"S":"x"}, {"N":"1"}, ...).
func decodeAttributeValue(t *testing.T, raw json.RawMessage) types.AttributeValue {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || len(m) != 1 {
		t.Fatalf("attribute value %s: %v", raw, err)
	}
	for k, v := range m {
		var s string
		var ss []string
		switch k {
		case "S":
			json.Unmarshal(v, &s)
			return &types.AttributeValueMemberS{Value: s}
		case "N":
			json.Unmarshal(v, &s)
			return &types.AttributeValueMemberN{Value: s}
		case "B":
			json.Unmarshal(v, &s)
			b, _ := base64.StdEncoding.DecodeString(s)
			return &types.AttributeValueMemberB{Value: b}
		case "BOOL":
			var b bool
			json.Unmarshal(v, &b)
			return &types.AttributeValueMemberBOOL{Value: b}
		case "NULL":
			return &types.AttributeValueMemberNULL{Value: true}
		case "SS":
			json.Unmarshal(v, &ss)
			return &types.AttributeValueMemberSS{Value: ss}
		case "NS":
			json.Unmarshal(v, &ss)
			return &types.AttributeValueMemberNS{Value: ss}
		case "BS":
			json.Unmarshal(v, &ss)
			var bs [][]byte
			for _, s := range ss {
				b, _ := base64.StdEncoding.DecodeString(s)
				bs = append(bs, b)
			}
			return &types.AttributeValueMemberBS{Value: bs}
		case "L":
			var l []json.RawMessage
			json.Unmarshal(v, &l)
			out := &types.AttributeValueMemberL{Value: []types.AttributeValue{}}
			for _, e := range l {
				out.Value = append(out.Value, decodeAttributeValue(t, e))
			}
			return out
		case "M":
			var mm map[string]json.RawMessage
			json.Unmarshal(v, &mm)
			out := &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{}}
			keys := make([]string, 0, len(mm))
			for k := range mm {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				out.Value[k] = decodeAttributeValue(t, mm[k])
			}
			return out
		}
	}
	t.Fatalf("attribute value %s: unknown type", raw)
	return nil
}
