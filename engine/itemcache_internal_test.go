package engine

import "testing"

// TestCacheShardHashCollision checks that two keys sharing a hash never see
// each other's bytes: the entry holds its key and a lookup compares it.
func TestCacheShardHashCollision(t *testing.T) {
	s := cacheShard{items: map[uint64]cacheEntry{}}
	s.put(7, cacheEntry{key: []byte("a"), raw: []byte("item a")}, 1<<20)
	if raw, ok := s.lookup(7, []byte("a")); !ok || string(raw) != "item a" {
		t.Fatalf("lookup(a) = %q, %v", raw, ok)
	}
	if raw, ok := s.lookup(7, []byte("b")); ok {
		t.Fatalf("lookup(b) found %q, the bytes of another key with the same hash", raw)
	}
	s.put(7, cacheEntry{key: []byte("b"), raw: []byte("item b")}, 1<<20)
	if _, ok := s.lookup(7, []byte("a")); ok {
		t.Fatal("a is still cached after b replaced it")
	}
	if want := len("b") + len("item b") + entryOverhead; s.bytes != want {
		t.Fatalf("shard accounts %d bytes, want %d", s.bytes, want)
	}
}
