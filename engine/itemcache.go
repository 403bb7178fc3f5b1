package engine

import (
	"bytes"
	"hash/maphash"
	"sync"
)

// itemCache keeps the stored bytes of recently read and written items, so a
// read of a hot item skips Pebble's per-read iterator setup, which is the
// largest cost of a GetItem that Pebble serves from its sstables.
//
// Coherence: every write of an item brackets its commit with beginWrite and
// endWrite under the item's key lock. beginWrite removes the entry and bumps
// the shard's version; endWrite installs the committed bytes (or removes the
// entry when the commit failed) and bumps the version again. A reader that
// misses takes a ticket (the shard version, valid only when no write is in
// progress in the shard), reads Pebble, and installs what it read only if the
// version is unchanged: so no reader ever installs bytes older than a write
// that started before it finished, and a cache hit is always the latest
// committed version of the item.
//
// Entries are found by a 64-bit hash of the key and hold the key itself, so
// a lookup compares the full key and an insert makes no string copy of it;
// two keys with one hash simply evict each other. The cache keeps the key
// and raw slices it is given (callers pass slices nobody modifies) and hands
// out raw slices that must not be modified either.
type itemCache struct {
	seed      maphash.Seed
	shards    [64]cacheShard
	shardSize int // byte budget per shard
}

type cacheShard struct {
	mu      sync.Mutex
	version uint64
	writers int
	items   map[uint64]cacheEntry
	bytes   int
}

type cacheEntry struct {
	key, raw []byte
}

func (e cacheEntry) size() int { return len(e.key) + len(e.raw) + entryOverhead }

// entryOverhead approximates the memory of a map entry besides the bytes.
const entryOverhead = 64

func newItemCache(budget int64) *itemCache {
	if budget <= 0 {
		return nil
	}
	c := &itemCache{seed: maphash.MakeSeed()}
	c.shardSize = int(budget / int64(len(c.shards)))
	for i := range c.shards {
		c.shards[i].items = make(map[uint64]cacheEntry)
	}
	return c
}

// shard returns the shard of key and the key's hash within it.
func (c *itemCache) shard(key []byte) (*cacheShard, uint64) {
	h := maphash.Bytes(c.seed, key)
	return &c.shards[h%uint64(len(c.shards))], h
}

// get returns the cached bytes of key. On a miss, ticket is what fill needs;
// ticket 0 means the miss must not be filled.
func (c *itemCache) get(key []byte) (raw []byte, hit bool, ticket uint64) {
	if c == nil {
		return nil, false, 0
	}
	s, h := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if raw, ok := s.lookup(h, key); ok {
		return raw, true, 0
	}
	if s.writers > 0 {
		return nil, false, 0
	}
	return nil, false, s.version + 1 // +1 so that 0 can mean "no ticket"
}

// fill installs raw, read from the store after get returned ticket, unless a
// write to the shard started since.
func (c *itemCache) fill(key, raw []byte, ticket uint64) {
	if c == nil || ticket == 0 || raw == nil {
		return
	}
	s, h := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writers == 0 && s.version+1 == ticket {
		s.put(h, cacheEntry{key, raw}, c.shardSize)
	}
}

// beginWrite is called, with the key locked, before a write of key commits.
// It reports whether the key was cached, which endWrite needs.
func (c *itemCache) beginWrite(key []byte) (cached bool) {
	if c == nil {
		return false
	}
	s, h := c.shard(key)
	s.mu.Lock()
	s.writers++
	s.version++
	_, cached = s.lookup(h, key)
	s.remove(h)
	s.mu.Unlock()
	return cached
}

// endWrite is called, with the key still locked, after the commit: raw is the
// item now stored (nil: none), committed reports whether the commit
// succeeded (if not, what is stored is unknown and nothing is cached), and
// cached is what beginWrite returned.
//
// Writes update the cache but do not allocate in it: only a key that was
// cached gets its new bytes. A key is cached once it has been read (a
// write that replaces an item reads it first), so a stream of new items
// neither pays for cache inserts and evictions nor pushes the read hot set
// out.
func (c *itemCache) endWrite(key, raw []byte, committed, cached bool) {
	if c == nil {
		return
	}
	s, h := c.shard(key)
	s.mu.Lock()
	s.writers--
	s.version++
	if committed && cached && raw != nil {
		s.put(h, cacheEntry{key, raw}, c.shardSize)
	}
	s.mu.Unlock()
}

// lookup returns the bytes cached for key, whose hash is h.
func (s *cacheShard) lookup(h uint64, key []byte) ([]byte, bool) {
	if e, ok := s.items[h]; ok && bytes.Equal(e.key, key) {
		return e.raw, true
	}
	return nil, false
}

// remove drops the entry under hash h, whichever key it holds.
func (s *cacheShard) remove(h uint64) {
	if old, ok := s.items[h]; ok {
		s.bytes -= old.size()
		delete(s.items, h)
	}
}

func (s *cacheShard) put(h uint64, e cacheEntry, budget int) {
	size := e.size()
	if size > budget/4 {
		return // one item must not flush the shard
	}
	s.remove(h)
	// Evict arbitrary entries (Go's map order is random) until the new one
	// fits: cheap, and good enough for a cache whose job is the hot set.
	for k, old := range s.items {
		if s.bytes+size <= budget {
			break
		}
		s.bytes -= old.size()
		delete(s.items, k)
	}
	s.items[h] = e
	s.bytes += size
}
