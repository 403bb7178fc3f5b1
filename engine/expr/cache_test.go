package expr

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

func TestCacheReturnsSameParse(t *testing.T) {
	c := NewCache(100)
	a, err := c.Condition(ConditionExpr, "a = :v AND b < :w")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := c.Condition(ConditionExpr, "a = :v AND b < :w")
	if a != b {
		t.Error("second lookup parsed again")
	}
	// The kind is part of the key: messages name it.
	_, err1 := c.Condition(ConditionExpr, "a =")
	_, err2 := c.Condition(FilterExpr, "a =")
	if errMessage(err1) == errMessage(err2) {
		t.Errorf("condition and filter errors share a cache entry: %v", err1)
	}
	if _, err3 := c.Condition(ConditionExpr, "a ="); err3 != err1 {
		t.Error("errors are not cached")
	}
	u1, _ := c.Update("SET a = :v")
	u2, _ := c.Update("SET a = :v")
	p1, _ := c.Projection("a, b")
	p2, _ := c.Projection("a, b")
	if u1 != u2 || &p1[0] != &p2[0] {
		t.Error("update or projection not cached")
	}
}

func TestCacheBounds(t *testing.T) {
	c := NewCache(32)
	for i := range 10000 {
		if _, err := c.Condition(ConditionExpr, fmt.Sprintf("a%d = :v", i)); err != nil {
			t.Fatal(err)
		}
		if i%97 == 0 {
			// long texts count against the byte budget
			c.Projection(strings.Repeat("a,", 1000) + "b")
		}
	}
	entries, bytes := 0, 0
	for i := range c.shards {
		s := &c.shards[i]
		entries += len(s.entries)
		bytes += s.bytes
		if len(s.entries) > s.maxLen || s.bytes > s.maxBytes {
			t.Errorf("shard %d over its bounds: %d entries, %d bytes", i, len(s.entries), s.bytes)
		}
		if len(s.order)-s.head != len(s.entries) {
			t.Errorf("shard %d: %d in order, %d entries", i, len(s.order)-s.head, len(s.entries))
		}
	}
	if entries > 32 {
		t.Errorf("%d entries in a cache of 32", entries)
	}
	// A text over the size limit is answered but not kept.
	if _, err := c.Condition(ConditionExpr, strings.Repeat("a", 20000)); err == nil {
		t.Error("oversized expression accepted")
	}
}

func TestNilCacheParses(t *testing.T) {
	var c *Cache
	if _, err := c.Condition(ConditionExpr, "a = :v"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Update("SET a = :v"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Projection("a"); err != nil {
		t.Fatal(err)
	}
}

// TestCacheConcurrent shares cached trees between goroutines that bind and
// check them with their own Envs (run with -race).
func TestCacheConcurrent(t *testing.T) {
	c := NewCache(64)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 500 {
				src := fmt.Sprintf("#a%d = :v AND size(b) > :n", (i+g)%80)
				cond, err := c.Condition(FilterExpr, src)
				if err != nil {
					t.Error(err)
					return
				}
				env := &Env{
					Names: map[string]string{fmt.Sprintf("#a%d", (i+g)%80): "a"},
					Values: map[string]types.AttributeValue{
						":v": &types.AttributeValueMemberS{Value: "x"},
						":n": &types.AttributeValueMemberN{Value: "1"},
					},
				}
				if err := env.BindCondition(FilterExpr, cond); err != nil {
					t.Error(err)
					return
				}
				if err := env.Unused(); err != nil {
					t.Error(err)
					return
				}
				u, err := c.Update("SET a.b = :v REMOVE a.b.c")
				if err == nil {
					err = (&Env{Values: map[string]types.AttributeValue{":v": &types.AttributeValueMemberS{Value: "x"}}}).BindUpdate(u)
				}
				if err == nil || !strings.Contains(err.Error(), "overlap") {
					t.Errorf("update: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkParseCondition(b *testing.B) {
	const src = "attribute_exists(pk) AND #s = :s AND v BETWEEN :lo AND :hi OR begins_with(name_, :p)"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseCondition(ConditionExpr, src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseUpdate(b *testing.B) {
	const src = "SET a = :a, b.c[2] = if_not_exists(b.c[2], :z) + :one, d = list_append(d, :l) REMOVE e, f.g ADD h :n DELETE s :s"
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseUpdate(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCacheHit(b *testing.B) {
	const src = "attribute_exists(pk) AND #s = :s AND v BETWEEN :lo AND :hi OR begins_with(name_, :p)"
	c := NewCache(1000)
	c.Condition(ConditionExpr, src)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := c.Condition(ConditionExpr, src); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkBindCondition(b *testing.B) {
	const src = "attribute_exists(pk) AND #s = :s AND v BETWEEN :lo AND :hi OR begins_with(name_, :p)"
	cond, err := ParseCondition(ConditionExpr, src)
	if err != nil {
		b.Fatal(err)
	}
	names := map[string]string{"#s": "status"}
	values := map[string]types.AttributeValue{
		":s":  &types.AttributeValueMemberS{Value: "x"},
		":lo": &types.AttributeValueMemberN{Value: "1"},
		":hi": &types.AttributeValueMemberN{Value: "9"},
		":p":  &types.AttributeValueMemberS{Value: "p"},
	}
	b.ReportAllocs()
	for b.Loop() {
		env := &Env{Names: names, Values: values}
		if err := env.BindCondition(ConditionExpr, cond); err != nil {
			b.Fatal(err)
		}
		if err := env.Unused(); err != nil {
			b.Fatal(err)
		}
	}
}
