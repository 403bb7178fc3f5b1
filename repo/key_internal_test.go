package repo

import (
	"slices"
	"strings"
	"testing"
)

func TestKeyFormat(t *testing.T) {
	for _, tc := range []struct {
		head []string
		ids  []string
		want string
	}{
		{[]string{"test", "actor"}, []string{"ada"}, "test#actor#ada"},
		{[]string{"test", "actor"}, []string{"a", "b"}, "test#actor#a#b"},
		{[]string{"test", "actor"}, []string{}, "test#actor#"},
		{[]string{"test", "actor"}, []string{""}, `test#actor#\e`},
		{[]string{"test", "actor"}, []string{"", ""}, `test#actor#\e#\e`},
		{[]string{"test", "actor"}, []string{"a#b", `c\d`}, `test#actor#a\#b#c\\d`},
		{[]string{"review"}, []string{"2023-01-02"}, "review#2023-01-02"},
		{[]string{""}, []string{"id"}, "id"},
		{[]string{"", ""}, []string{"id", "x"}, "id#x"},
		{[]string{"p#x", ""}, []string{"id"}, `p\#x##id`},
	} {
		f := newKeyFormat(tc.head...)
		got := f.value(tc.ids)
		if got != tc.want {
			t.Errorf("%q %q: %q, want %q", tc.head, tc.ids, got, tc.want)
		}
		back, err := f.parse(got)
		if err != nil || !slices.Equal(back, tc.ids) {
			t.Errorf("parse(%q) = %q, %v; want %q", got, back, err, tc.ids)
		}
	}
}

func TestKeyPrefix(t *testing.T) {
	f := newKeyFormat("review")
	for _, tc := range []struct {
		prefix, ids []string
		match       bool
	}{
		{[]string{"2023"}, []string{"2023-01"}, true},
		{[]string{"2023"}, []string{"2024-01"}, false},
		{[]string{}, []string{"x"}, true},
		{[]string{}, []string{}, true},
		{[]string{"a", ""}, []string{"a", "b"}, true},
		{[]string{"a", ""}, []string{"ab"}, false},
		{[]string{"a#"}, []string{"a#b"}, true},
		{[]string{"a"}, []string{"a#b"}, true},
		{[]string{"a#"}, []string{"a"}, false},
	} {
		got := strings.HasPrefix(f.value(tc.ids), f.prefix(tc.prefix))
		if got != tc.match {
			t.Errorf("prefix %q of %q: %v, want %v (%q vs %q)", tc.prefix, tc.ids, got, tc.match, f.prefix(tc.prefix), f.value(tc.ids))
		}
	}
}

func TestParseRefusesMalformedKeys(t *testing.T) {
	f := newKeyFormat("p", "n")
	for _, v := range []string{"x#n#a", `p#n#a\`, `p#n#a\q`, "p#n#a##b", `p#n#a\eb`, "p#n##", `p#n#\ex`} {
		if ids, err := f.parse(v); err == nil {
			t.Errorf("parse(%q) = %q, want an error", v, ids)
		}
	}
}

// FuzzKeyRoundTrip: every ID list round-trips through its key, and no
// string parses to IDs whose key is a different string.
func FuzzKeyRoundTrip(f *testing.F) {
	f.Add("a", "b#c", `d\e`, "")
	f.Add("", "", "", `\e`)
	f.Fuzz(func(t *testing.T, a, b, c, raw string) {
		kf := newKeyFormat("pre", "name")
		ids := []string{a, b, c}
		for n := 0; n <= 3; n++ {
			v := kf.value(ids[:n])
			back, err := kf.parse(v)
			if err != nil || !slices.Equal(back, ids[:n]) {
				t.Fatalf("%q → %q → %q, %v", ids[:n], v, back, err)
			}
		}
		if parsed, err := kf.parse(raw); err == nil && kf.value(parsed) != raw {
			t.Fatalf("parse(%q) = %q, whose key is %q", raw, parsed, kf.value(parsed))
		}
	})
}
