package engine

import (
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
// Stored byte slices are shared and never modified.
type itemCache struct {
	seed      maphash.Seed
	shards    [64]cacheShard
	shardSize int // byte budget per shard
}

type cacheShard struct {
	mu      sync.Mutex
	version uint64
	writers int
	items   map[string][]byte
	bytes   int
}

// entryOverhead approximates the memory of a map entry besides the bytes.
const entryOverhead = 64

func newItemCache(budget int64) *itemCache {
	if budget <= 0 {
		return nil
	}
	c := &itemCache{seed: maphash.MakeSeed()}
	c.shardSize = int(budget / int64(len(c.shards)))
	for i := range c.shards {
		c.shards[i].items = make(map[string][]byte)
	}
	return c
}

func (c *itemCache) shard(key []byte) *cacheShard {
	return &c.shards[maphash.Bytes(c.seed, key)%uint64(len(c.shards))]
}

// get returns the cached bytes of key. On a miss, ticket is what fill needs;
// ticket 0 means the miss must not be filled.
func (c *itemCache) get(key []byte) (raw []byte, hit bool, ticket uint64) {
	if c == nil {
		return nil, false, 0
	}
	s := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if raw, ok := s.items[string(key)]; ok {
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
	s := c.shard(key)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.writers == 0 && s.version+1 == ticket {
		s.put(key, raw, c.shardSize)
	}
}

// beginWrite is called, with the key locked, before a write of key commits.
func (c *itemCache) beginWrite(key []byte) {
	if c == nil {
		return
	}
	s := c.shard(key)
	s.mu.Lock()
	s.writers++
	s.version++
	s.remove(key)
	s.mu.Unlock()
}

// endWrite is called, with the key still locked, after the commit: raw is the
// item now stored (nil: none), committed reports whether the commit
// succeeded (if not, what is stored is unknown and nothing is cached).
func (c *itemCache) endWrite(key, raw []byte, committed bool) {
	if c == nil {
		return
	}
	s := c.shard(key)
	s.mu.Lock()
	s.writers--
	s.version++
	if committed && raw != nil {
		s.put(key, raw, c.shardSize)
	}
	s.mu.Unlock()
}

func (s *cacheShard) remove(key []byte) {
	if old, ok := s.items[string(key)]; ok {
		s.bytes -= len(key) + len(old) + entryOverhead
		delete(s.items, string(key))
	}
}

func (s *cacheShard) put(key, raw []byte, budget int) {
	size := len(key) + len(raw) + entryOverhead
	if size > budget/4 {
		return // one item must not flush the shard
	}
	s.remove(key)
	// Evict arbitrary entries (Go's map order is random) until the new one
	// fits: cheap, and good enough for a cache whose job is the hot set.
	for k, v := range s.items {
		if s.bytes+size <= budget {
			break
		}
		s.bytes -= len(k) + len(v) + entryOverhead
		delete(s.items, k)
	}
	s.items[string(key)] = raw
	s.bytes += size
}
