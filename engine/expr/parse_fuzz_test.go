package expr

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// FuzzParse parses arbitrary text as every kind of expression. It must
// never panic or take long; every error must be a ValidationException
// naming the expression's parameter; an accepted expression printed back
// must parse to the same tree; and binding it (or resolving its error)
// against names and values must not panic.
func FuzzParse(f *testing.F) {
	for _, seed := range []string{
		"a = :v", "a = :v AND b = :w OR NOT c < d", "((a))", "(a = :v", "a IN (:a, :b)",
		"a BETWEEN :lo AND :hi", "attribute_exists(#a.b[1])", "begins_with(a, :p)", "size(a) > :n",
		"SET a = b + c, d = if_not_exists(e, :v) REMOVE f ADD g :h DELETE i :j",
		"SET a = list_append(b, :c)", "a, b.c, d[3]", "!!! INVALID !!!", "status = :v",
		"foo(a)", "begins_with(a)", "attribute_exists(:v)", "SET a = :v SET b = :v",
		"a[2147483648]", "a.:v = b", "NOT NOT (a = :v)", "((a)) foo", "f(((a))) foo",
		"SET a = ((b) + c)", "SET a = (b + c) + d", "a = 😀 b", "é",
	} {
		for k := range 5 {
			f.Add(uint8(k), seed)
		}
	}
	names := map[string]string{"#a": "a", "#b": "b.c", "#n": "status"}
	values := map[string]types.AttributeValue{
		":v": &types.AttributeValueMemberS{Value: "x"},
		":n": &types.AttributeValueMemberN{Value: "1"},
		":l": &types.AttributeValueMemberL{Value: []types.AttributeValue{}},
		":s": &types.AttributeValueMemberSS{Value: []string{"a"}},
	}
	f.Fuzz(func(t *testing.T, k uint8, src string) {
		kind := Kind(k % 5)
		start := time.Now()
		printed, err := parsePrint(kind, src)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("parsing %q took %v", src, d)
		}
		env := &Env{Names: names, Values: values}
		if err != nil {
			code, msg := apierr.Code(err)
			if code != apierr.CodeValidation || !strings.HasPrefix(msg, "Invalid "+kind.String()+": ") {
				t.Fatalf("parse %s %q: unexpected error %T %v", kind, src, err, err)
			}
			if rerr := env.ParseError(err); rerr == nil {
				t.Fatalf("ParseError(%v) = nil", err)
			}
			return
		}
		again, err := parsePrint(kind, printed)
		if err != nil {
			t.Fatalf("%s %q printed as %q, which does not parse: %v", kind, src, printed, err)
		}
		if again != printed {
			t.Fatalf("%s %q printed as %q, reparsed as %q", kind, src, printed, again)
		}
		_ = bindOne(env, kind, src)
		_ = env.Unused()
	})
}

// TestParseBoundedTime parses inputs built to make a parser recurse or
// backtrack: each must take milliseconds.
func TestParseBoundedTime(t *testing.T) {
	inputs := []string{
		strings.Repeat("(", 4096),
		strings.Repeat("(", 2047) + "a" + strings.Repeat(")", 2047),
		strings.Repeat("(", 2040) + "a = :v" + strings.Repeat(")", 2040),
		strings.Repeat("NOT ", 1023) + "a",
		"a IN (" + strings.Repeat("a,", 2040) + ")",
		strings.Repeat("f(", 2048),
		strings.Repeat("size(", 800) + "a" + strings.Repeat(")", 800),
		strings.Repeat("(a = :v AND ", 340) + "x",
		strings.Repeat("(a)+", 1000),
		"SET a = " + strings.Repeat("(", 2040) + "b",
		"SET a = " + strings.Repeat("(", 1000) + "b + c" + strings.Repeat(")", 1000),
		strings.Repeat("a.", 2047) + "b",
		strings.Repeat("a[0]", 1000),
	}
	for _, src := range inputs {
		for k := range 5 {
			start := time.Now()
			parsePrint(Kind(k), src)
			if d := time.Since(start); d > 200*time.Millisecond {
				t.Errorf("%s %.30q...: %v", Kind(k), src, d)
			}
		}
	}
}
