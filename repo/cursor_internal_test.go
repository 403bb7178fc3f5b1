package repo

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// FuzzDecodeCursor: no input makes the cursor decoder fail other than with
// ErrBadCursor, and a cursor it accepts is exactly the one encodeCursor
// makes for the key it returns (so nothing else can pass the signature).
func FuzzDecodeCursor(f *testing.F) {
	secret := []byte("k")
	bind := bindQuery([]string{"t", "q"}, nil)
	good, _ := encodeCursor(secret, bind, map[string]types.AttributeValue{
		"pk": &types.AttributeValueMemberS{Value: "a#b"},
		"n":  &types.AttributeValueMemberN{Value: "12"},
		"b":  &types.AttributeValueMemberB{Value: []byte{0, 1}},
	})
	f.Add(good)
	f.Add("")
	f.Add("AAAA")
	f.Fuzz(func(t *testing.T, cursor string) {
		key, err := decodeCursor(secret, bind, cursor)
		if err != nil {
			return
		}
		again, err := encodeCursor(secret, bind, key)
		if err != nil || again != cursor {
			t.Fatalf("accepted %q, which re-encodes as %q (%v)", cursor, again, err)
		}
	})
}

// FuzzParsePath: every path parsePath accepts is written back the same.
func FuzzParsePath(f *testing.F) {
	for _, p := range []string{"a", "a.b", "a[0]", "a[1][2].b", "a.", "[0]", "a[01]", "a[-1]", "a[0]x"} {
		f.Add(p)
	}
	f.Fuzz(func(t *testing.T, p string) {
		steps, err := parsePath(p)
		if err != nil {
			return
		}
		if back := formatPath(steps); back != p {
			t.Fatalf("parsePath(%q) writes back as %q", p, back)
		}
	})
}
