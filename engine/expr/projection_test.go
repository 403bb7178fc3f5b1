package expr

import (
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestProjectGolden(t *testing.T) {
	items, cases := evGolden(t, "projections.txt")
	for _, c := range cases {
		if strings.HasPrefix(c.answer[0], "error: ") {
			t.Errorf("%s: %s: errors of projections are the parser's: %s", c.pos, c.expr, c.answer[0])
			continue
		}
		item := evCaseItem(items, c.item)
		before := evCopy(item)
		got := Project(evProjection(t, c.expr), item, c.env)
		if !evSameItem(t, got, c.answer[0]) {
			t.Errorf("%s: %s = %s; DynamoDB says %s", c.pos, c.expr, evJSON(got), c.answer[0])
		}
		if !reflect.DeepEqual(before, item) {
			t.Errorf("%s: %s modified the item", c.pos, c.expr)
		}
	}
}

// TestProjectShapes covers what DynamoDB's parser would reject or what
// only Go callers can send.
func TestProjectShapes(t *testing.T) {
	item := evItem(t, `{"a":{"M":{"b":{"N":"1"},"c":{"N":"2"}}},"l":{"L":[{"S":"x"},{"S":"y"}]}}`)
	env := &Env{Names: map[string]string{"#a": "a"}}
	tests := []struct {
		proj Projection
		want string
	}{
		// Overlapping paths select the shorter whole, in either order.
		{evProjection(t, "a, a.b"), `{"a":{"M":{"b":{"N":"1"},"c":{"N":"2"}}}}`},
		{evProjection(t, "a.b, a"), `{"a":{"M":{"b":{"N":"1"},"c":{"N":"2"}}}}`},
		{evProjection(t, "l[1], l[1]"), `{"l":{"L":[{"S":"y"}]}}`},
		// Undefined placeholders, empty and index-first paths select nothing.
		{Projection{{{Name: "#undefined", Placeholder: true}}}, `{}`},
		{Projection{{{Name: "#a", Placeholder: true}, {Name: "#undefined", Placeholder: true}}, {{Name: "l"}, {Index: 0, IsIndex: true}}}, `{"l":{"L":[{"S":"x"}]}}`},
		{Projection{{}, {{Index: 0, IsIndex: true}}, {{Name: "l"}, {Index: -1, IsIndex: true}}}, `{}`},
		{Projection{}, `{}`},
		// Conflicting paths (a map key and an index of one value): the one
		// that fits the value.
		{evProjection(t, "a.b, a[0]"), `{"a":{"M":{"b":{"N":"1"}}}}`},
	}
	for i, tt := range tests {
		if got := Project(tt.proj, item, env); !evSameItem(t, got, tt.want) {
			t.Errorf("%d: Project = %s, want %s", i, evJSON(got), tt.want)
		}
	}
	if got := Project(evProjection(t, "a"), nil, env); got != nil {
		t.Errorf("projecting no item gave %v", got)
	}
	// A typed nil is absent.
	item["tn"] = (*types.AttributeValueMemberL)(nil)
	if got := Project(evProjection(t, "tn, tn[0]"), item, nil); len(got) != 0 {
		t.Errorf("typed nil projected to %s", evJSON(got))
	}
	if got := Project(evProjection(t, "tn"), item, nil); len(got) != 0 {
		t.Errorf("typed nil projected to %s", evJSON(got))
	}
}

func BenchmarkProject(b *testing.B) {
	item := evItem(b, `{"pk":{"S":"user#42"},"count":{"N":"17"},"tags":{"L":[{"S":"a"},{"S":"b"},{"S":"c"}]},"profile":{"M":{"name":{"S":"Ada"},"langs":{"L":[{"S":"go"},{"S":"sql"}]}}}}`)
	for _, bench := range []struct{ name, proj string }{
		{"top", "pk, count, tags"},
		{"nested", "pk, profile.name, tags[1], profile.langs[0]"},
	} {
		p := evProjection(b, bench.proj)
		b.Run(bench.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if len(Project(p, item, nil)) != 3 {
					b.Fatal("wrong projection")
				}
			}
		})
	}
}
