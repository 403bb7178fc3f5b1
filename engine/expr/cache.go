package expr

import (
	"hash/maphash"
	"sync"
)

// Cache remembers parses by (kind, text), so that the requests of an
// application, which use the same few expressions over and over, skip
// parsing. Parse results depend only on the text and are never modified,
// so one result serves any number of concurrent requests. Errors are
// cached too: they are as deterministic as trees.
//
// The cache holds at most maxEntries parses and about maxEntries*512 bytes
// of expression text; when a shard is full, its oldest entries go first.
// A nil *Cache parses every time.
type Cache struct {
	seed   maphash.Seed
	shards [cacheShards]cacheShard
}

const (
	cacheShards = 16
	// cacheBytesPerEntry is the text budget per entry: most expressions
	// are far shorter, a few reach the 4 KB limit.
	cacheBytesPerEntry = 512
)

type cacheKey struct {
	kind Kind
	text string
}

type cacheEntry struct {
	key    cacheKey
	result any // Cond, *Update or Projection
	err    error
}

// cacheShard is a map with its entries in insertion order for eviction:
// order[head:] are the live entries, oldest first.
type cacheShard struct {
	mu       sync.RWMutex
	entries  map[cacheKey]*cacheEntry
	order    []*cacheEntry
	head     int
	bytes    int
	maxLen   int
	maxBytes int
}

// NewCache returns a cache of at most maxEntries parses (at least one per
// shard).
func NewCache(maxEntries int) *Cache {
	per := (maxEntries + cacheShards - 1) / cacheShards
	if per < 1 {
		per = 1
	}
	c := &Cache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i] = cacheShard{
			entries:  make(map[cacheKey]*cacheEntry, per),
			maxLen:   per,
			maxBytes: per * cacheBytesPerEntry,
		}
	}
	return c
}

// Condition is ParseCondition, cached.
func (c *Cache) Condition(kind Kind, src string) (Cond, error) {
	r, err := c.get(kind, src, func() (any, error) { return ParseCondition(kind, src) })
	cond, _ := r.(Cond)
	return cond, err
}

// Update is ParseUpdate, cached.
func (c *Cache) Update(src string) (*Update, error) {
	r, err := c.get(UpdateExpr, src, func() (any, error) { return ParseUpdate(src) })
	u, _ := r.(*Update)
	return u, err
}

// Projection is ParseProjection, cached.
func (c *Cache) Projection(src string) (Projection, error) {
	r, err := c.get(ProjectionExpr, src, func() (any, error) { return ParseProjection(src) })
	p, _ := r.(Projection)
	return p, err
}

func (c *Cache) get(kind Kind, src string, parse func() (any, error)) (any, error) {
	// Texts that cannot be valid are not worth a slot: the size check that
	// rejects them is cheaper than the cache.
	if c == nil || len(src) > 3*maxExprLen {
		return parse()
	}
	key := cacheKey{kind, src}
	s := &c.shards[maphash.String(c.seed, src)%cacheShards]
	s.mu.RLock()
	e, ok := s.entries[key]
	s.mu.RUnlock()
	if ok {
		return e.result, e.err
	}
	r, err := parse()
	s.put(&cacheEntry{key: key, result: r, err: err})
	return r, err
}

// put adds e, evicting the oldest entries to stay within bounds. A parse
// that raced with another of the same text keeps the first one's result.
func (s *cacheShard) put(e *cacheEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.entries[e.key]; ok {
		return
	}
	n := len(e.key.text)
	for len(s.entries) > 0 && (len(s.entries) >= s.maxLen || s.bytes+n > s.maxBytes) {
		old := s.order[s.head]
		s.order[s.head] = nil
		s.head++
		delete(s.entries, old.key)
		s.bytes -= len(old.key.text)
	}
	if n > s.maxBytes {
		return
	}
	s.entries[e.key] = e
	s.bytes += n
	if s.head > 0 && 2*s.head >= len(s.order) {
		s.order = append(s.order[:0], s.order[s.head:]...)
		s.head = 0
	}
	s.order = append(s.order, e)
}
