package validate

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// The resource part of an ARN names a table, one of its indexes or
// streams, or something tagging does not accept.
func TestTagResourceKind(t *testing.T) {
	for _, c := range []struct {
		resource string
		kind     int
		name     string
	}{
		{"table/Music", resourceTable, "Music"},
		{"TABLE/Music", resourceTable, "Music"},
		{"table/", resourceTable, ""},
		{"table/Music/index/byArtist", resourceIndex, "Music"},
		{"table/Music/Index/byArtist", resourceIndex, "Music"},
		{"table/Music/stream/2024-01-01T00:00:00.000", resourceStream, "Music"},
		{"table/Music/backup/01700000000000-abcdefgh", resourceOther, ""},
		{"table/Music/export/01700000000000-abcdefgh", resourceOther, ""},
		{"table/Music/index/", resourceOther, ""},
		{"table/Music/index/a/b", resourceOther, ""},
		{"table/Music/", resourceOther, ""},
		{"global-table/Music", resourceOther, ""},
		{"tables/Music", resourceOther, ""},
		{"", resourceOther, ""},
	} {
		kind, name := tagResourceKind(c.resource)
		if kind != c.kind || name != c.name {
			t.Errorf("tagResourceKind(%q) = %d, %q; want %d, %q", c.resource, kind, name, c.kind, c.name)
		}
	}
}

// Tag text: letters and digits of any script, spaces, + - = . _ : / @.
func TestTagKeyCharacters(t *testing.T) {
	for _, ok := range []string{"a", "sp ace", " lead", "ключ", "表", "a+b-c=d.e_f:g/h@i", "a\u00a0b", "a\u3000b", "myaws:foo", strings.Repeat("k", 128)} {
		if err := checkTagKey(&ok); err != nil {
			t.Errorf("key %q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "hi!", "d%g", `"q"`, "a,b", "🔑", "a#b", "<a>", "~a", strings.Repeat("k", 129)} {
		err := checkTagKey(&bad)
		if _, msg := apierr.Code(err); msg != "The Tag Key provided is invalid, Key: "+bad {
			t.Errorf("key %q: %v", bad, err)
		}
	}
	for _, reserved := range []string{"aws:", "aws:foo", "AWS:foo", "Aws:x"} {
		err := checkTagKey(&reserved)
		if _, msg := apierr.Code(err); msg != "Tag Key cannot be prefixed with aws:, Key: "+reserved {
			t.Errorf("key %q: %v", reserved, err)
		}
	}
}

// No input makes the tagging checks panic, and whatever they accept names
// a well-formed table of this endpoint.
func FuzzTagResourceARN(f *testing.F) {
	for _, s := range []string{
		"", "arn:", "arn:aws:dynamodb:us-east-1:000000000000:table/abc",
		"ARN:AWS:DYNAMODB:US-EAST-1:000000000000:TABLE/abc/STREAM/x",
		"arn:aws:dynamodb:us-east-1:000000000000:table/abc/index/i",
		"arn:aws:dynamodb:::", "arn:\xff:dynamodb:us-east-1:000000000000:table/\xfe",
	} {
		f.Add(s, "k", "v")
	}
	f.Fuzz(func(t *testing.T, arn, key, value string) {
		in := &dynamodb.TagResourceInput{ResourceArn: &arn, Tags: []types.Tag{{Key: &key, Value: &value}}}
		target, err := TagResource(in, "us-east-1", "000000000000")
		if err != nil {
			if code, _ := apierr.Code(err); code == "" {
				t.Fatalf("TagResource(%q): error without an API code: %v", arn, err)
			}
			return
		}
		if !isName(target.Table) || len(target.Table) < 3 || len(target.Table) > 255 {
			t.Fatalf("TagResource(%q) accepted table name %q", arn, target.Table)
		}
		_, _ = UntagResource(&dynamodb.UntagResourceInput{ResourceArn: &arn, TagKeys: []string{key}}, "us-east-1", "000000000000")
		_, _ = ListTagsOfResource(&dynamodb.ListTagsOfResourceInput{ResourceArn: &arn}, "us-east-1", "000000000000")
	})
}
