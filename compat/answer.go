package compat

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Answers are compared as one line of text:
//
//	400 ResourceNotFoundException: Requested resource not found
//	200 {"Item":{"id":{"S":"a"}}}
//
// An error is its HTTP status, its type (the part of "__type" after '#', so
// the namespace does not matter) and its message ("message" or "Message").
// A success is its status and the canonical JSON of its body: keys sorted,
// numbers in shortest form, the members in Volatile replaced by "*", and the
// case's ignored paths removed.

// Volatile are the members whose values differ on every run (times, ARNs,
// ids); an answer keeps whether they are present but not their values.
var Volatile = map[string]bool{
	"CreationDateTime":                  true,
	"TableArn":                          true,
	"TableId":                           true,
	"IndexArn":                          true,
	"LatestStreamArn":                   true,
	"LatestStreamLabel":                 true,
	"LastUpdateToPayPerRequestDateTime": true,
	"LastIncreaseDateTime":              true,
	"LastDecreaseDateTime":              true,
}

const masked = "*"

// Render reduces an HTTP answer to its comparable text.
func Render(status int, body []byte, ignore []string) string {
	if status/100 == 2 {
		if canon, err := canonicalJSON(body, ignore); err == nil {
			return strconv.Itoa(status) + " " + canon
		}
		return strconv.Itoa(status) + " " + string(body)
	}
	var e map[string]any
	if err := json.Unmarshal(body, &e); err != nil {
		return strings.TrimSpace(strconv.Itoa(status) + " " + string(body))
	}
	typ, _ := e["__type"].(string)
	if i := strings.LastIndexByte(typ, '#'); i >= 0 {
		typ = typ[i+1:]
	}
	msg, ok := e["message"].(string)
	if !ok {
		msg, ok = e["Message"].(string)
	}
	if !ok {
		return strconv.Itoa(status) + " " + typ
	}
	return strconv.Itoa(status) + " " + typ + ": " + msg
}

// Canonical returns the comparable form of an expected answer as written in
// a test file (after macro expansion): success bodies are canonicalized as
// Render does, error lines are kept.
func Canonical(answer string, ignore []string) string {
	status, rest, ok := strings.Cut(answer, " ")
	if !ok || len(status) != 3 || status[0] != '2' {
		return answer
	}
	canon, err := canonicalJSON([]byte(rest), ignore)
	if err != nil {
		return answer
	}
	return status + " " + canon
}

func canonicalJSON(body []byte, ignore []string) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return "", err
	}
	v = normalize(v)
	for _, p := range ignore {
		remove(v, strings.Split(p, "."))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return "", err
	}
	return strings.TrimSuffix(b.String(), "\n"), nil
}

// normalize masks volatile members and rewrites numbers in shortest form
// (DynamoDB writes 1.0 where others write 1).
func normalize(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if Volatile[k] {
				x[k] = masked
				continue
			}
			x[k] = normalize(e)
		}
	case []any:
		for i, e := range x {
			x[i] = normalize(e)
		}
	case json.Number:
		if f, err := strconv.ParseFloat(string(x), 64); err == nil {
			return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
		}
	}
	return v
}

// remove deletes the member at path, descending through arrays.
func remove(v any, path []string) {
	switch x := v.(type) {
	case map[string]any:
		if len(path) == 1 {
			delete(x, path[0])
			return
		}
		if e, ok := x[path[0]]; ok {
			remove(e, path[1:])
		}
	case []any:
		for _, e := range x {
			remove(e, path)
		}
	}
}

// shorten cuts long answers for failure messages.
func shorten(s string) string {
	const max = 600
	if len(s) <= max {
		return s
	}
	return s[:max/2] + fmt.Sprintf(" ...(%d bytes)... ", len(s)-max) + s[len(s)-max/2:]
}
