package compat

import (
	"context"
	"fmt"
)

// An Outcome is the result of one case against one endpoint.
type Outcome struct {
	Case *Case
	Got  string // the answer, rendered
	Want string // the expected answer, canonical
	Err  error  // transport or test data error
}

// OK reports whether the answer was the expected one.
func (o Outcome) OK() bool { return o.Err == nil && o.Got == o.Want }

func (o Outcome) String() string {
	if o.Err != nil {
		return fmt.Sprintf("line %d: request %s: %v", o.Case.Line, o.Case.Op, o.Err)
	}
	return fmt.Sprintf("line %d: request %s\n  got:  %s\n  want: %s", o.Case.Line, o.Case.Op, shorten(o.Got), shorten(o.Want))
}

// Run sends the cases of f in order and compares each answer with the
// expected one chosen by want (Case.Want for dynabase, LocalWant for
// DynamoDB Local).
func Run(ctx context.Context, c *Client, f *File, want func(*Case) string) []Outcome {
	out := make([]Outcome, 0, len(f.Cases))
	for _, tc := range f.Cases {
		o := Outcome{Case: tc}
		body, err := Expand(tc.Body)
		if err == nil {
			var w string
			if w, err = Expand(want(tc)); err == nil {
				o.Want = Canonical(w, tc.Ignore)
			}
		}
		if err != nil {
			o.Err = fmt.Errorf("test data: %v", err)
			out = append(out, o)
			continue
		}
		status, data, err := c.Do(ctx, tc.Op, []byte(body))
		if err != nil {
			o.Err = err
		} else {
			o.Got = Render(status, data, tc.Ignore)
		}
		out = append(out, o)
	}
	return out
}

// DynamoDB is the expected answer of Amazon DynamoDB.
func DynamoDB(c *Case) string { return c.Want }

// LocalWant is the expected answer of DynamoDB Local: the "dynamodb-local
// differs" block where there is one, else Amazon DynamoDB's.
func LocalWant(c *Case) string {
	if c.HasLocal {
		return c.Local
	}
	return c.Want
}

// Record rewrites the expected answers of f from a reference's outcomes: a
// case with a "dynamodb-local differs" block gets the reference's answer in
// that block (Amazon DynamoDB's answer above it is kept), any other case in
// its main block. An answer that already matches keeps its text (and its
// macros). It reports how many cases changed.
func Record(f *File, outcomes []Outcome) int {
	changed := 0
	for _, o := range outcomes {
		if o.Err != nil || o.OK() {
			continue
		}
		changed++
		if o.Case.HasLocal {
			o.Case.Local = o.Got
		} else {
			o.Case.Want = o.Got
		}
	}
	return changed
}
