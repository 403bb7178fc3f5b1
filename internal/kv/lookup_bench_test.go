package kv

import (
	"fmt"
	"testing"
)

// BenchmarkGetAbsent looks up keys that sort between stored ones, in a
// store larger than its block cache, as a write of a new item does.
func BenchmarkGetAbsent(b *testing.B) {
	s, err := Open(Options{Dir: b.TempDir(), NoSync: true, CacheBytes: 1 << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	const n = 100000
	value := make([]byte, 200)
	for i := 0; i < n; i += 1000 {
		bt := s.NewBatch()
		for j := i; j < i+1000; j++ {
			bt.Set(fmt.Appendf(nil, "key-%08d", j), value)
		}
		if err := bt.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	if err := s.db.Flush(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		err := s.Get(fmt.Appendf(nil, "key-%08d-new", i%n), func([]byte) error { return nil })
		if err != ErrNotFound {
			b.Fatalf("Get of an absent key: %v", err)
		}
	}
}
