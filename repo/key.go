package repo

import (
	"fmt"
	"strings"
)

// Key names one item of a repository: the IDs of its partition and the IDs
// of its content within the partition.
type Key struct {
	PartitionIDs []string
	ContentIDs   []string
}

func (k Key) String() string {
	return fmt.Sprintf("%q/%q", k.PartitionIDs, k.ContentIDs)
}

// The key attribute values are pydantic-dynamo's: the partition key is
// "prefix#name#id1#id2..." and the sort key "contenttype#id1#id2...". So
// that every key round-trips, IDs are escaped: a backslash and a '#' inside
// an ID are written as `\\` and `\#`, and an empty ID as `\e` (otherwise the
// IDs [] and [""] would share a key). Escaping maps each character on its
// own, so a prefix of an ID is still a prefix of its escaped form, which
// List's begins_with relies on.
const (
	keySeparator = '#'
	keyEscape    = '\\'
	emptyID      = `\e`
)

// appendIDs appends each ID escaped, separated by '#'.
func appendIDs(b []byte, ids []string) []byte {
	for i, id := range ids {
		if i > 0 {
			b = append(b, keySeparator)
		}
		if id == "" {
			b = append(b, emptyID...)
			continue
		}
		b = appendEscaped(b, id)
	}
	return b
}

// appendEscaped appends s with '#' and '\' escaped, and nothing else: the
// form of a string prefix of an ID.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == keySeparator || c == keyEscape {
			b = append(b, keyEscape, c)
		} else {
			b = append(b, c)
		}
	}
	return b
}

// splitIDs is appendIDs' inverse. s == "" is the empty list.
func splitIDs(s string) ([]string, error) {
	if s == "" {
		return []string{}, nil
	}
	var ids []string
	var cur strings.Builder
	escapedEmpty := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case keyEscape:
			if i+1 == len(s) {
				return nil, fmt.Errorf("key %q ends in an escape", s)
			}
			i++
			switch s[i] {
			case keySeparator, keyEscape:
				cur.WriteByte(s[i])
			case 'e':
				if cur.Len() > 0 || (i+1 < len(s) && s[i+1] != keySeparator) {
					return nil, fmt.Errorf("key %q has an empty-ID escape inside an ID", s)
				}
				escapedEmpty = true
			default:
				return nil, fmt.Errorf("key %q has an unknown escape \\%c", s, s[i])
			}
		case keySeparator:
			if cur.Len() == 0 && !escapedEmpty {
				return nil, fmt.Errorf("key %q has an unescaped empty ID", s)
			}
			ids = append(ids, cur.String())
			cur.Reset()
			escapedEmpty = false
		default:
			cur.WriteByte(c)
		}
	}
	if cur.Len() == 0 && !escapedEmpty {
		return nil, fmt.Errorf("key %q has an unescaped empty ID", s)
	}
	return append(ids, cur.String()), nil
}

// keyFormat builds and parses one key attribute's values: a fixed head
// ("prefix#name#" or "contenttype#", or nothing) followed by the IDs.
type keyFormat struct {
	head string
}

func newKeyFormat(parts ...string) keyFormat {
	var nonEmpty bool
	for _, p := range parts {
		nonEmpty = nonEmpty || p != ""
	}
	if !nonEmpty {
		return keyFormat{}
	}
	var b []byte
	for _, p := range parts {
		b = appendEscaped(b, p)
		b = append(b, keySeparator)
	}
	return keyFormat{head: string(b)}
}

// value is the attribute value for ids.
func (f keyFormat) value(ids []string) string {
	if len(ids) == 1 && plainID(ids[0]) {
		return f.head + ids[0] // one allocation on the common path
	}
	b := make([]byte, 0, len(f.head)+16*len(ids))
	b = append(b, f.head...)
	return string(appendIDs(b, ids))
}

// plainID reports whether id is written as it is (nothing to escape).
func plainID(id string) bool {
	return id != "" && strings.IndexByte(id, keySeparator) < 0 && strings.IndexByte(id, keyEscape) < 0
}

// prefix is the value every key whose IDs begin with ids begins with: the
// last ID is a string prefix, so ["2023"] matches the IDs ["2023-01"] and
// ["a", ""] matches every ID list below "a".
func (f keyFormat) prefix(ids []string) string {
	b := make([]byte, 0, len(f.head)+16*len(ids))
	b = append(b, f.head...)
	if len(ids) == 0 {
		return string(b)
	}
	b = appendIDs(b, ids[:len(ids)-1])
	if len(ids) > 1 {
		b = append(b, keySeparator)
	}
	return string(appendEscaped(b, ids[len(ids)-1]))
}

// parse is value's inverse.
func (f keyFormat) parse(v string) ([]string, error) {
	rest, ok := strings.CutPrefix(v, f.head)
	if !ok {
		return nil, fmt.Errorf("key %q does not begin with %q", v, f.head)
	}
	return splitIDs(rest)
}
