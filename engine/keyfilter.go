package engine

import (
	"hash/maphash"
	"sync"
	"sync/atomic"
)

// keyFilter is an in-memory Bloom filter over the storage keys of items that
// may exist. Its one job: let a write of a new item skip the lookup of the
// item it replaces, which for a key that was never stored costs an iterator
// set-up per LSM file (the largest engine cost of PutItem).
//
// It never forgets a key (deletes leave their bits set), so it has false
// positives and no false negatives, as long as every key is added before the
// batch that stores it commits; writes do that under the key's lock, so a
// writer that finds its key absent knows no other write stored it. At Open
// the filter is filled from the store in the background; until that scan
// finishes it answers "maybe" for every key.
//
// It grows by adding segments of twice the capacity, so it needs no sizing
// and never rehashes. A lookup checks every segment, so their false
// positive rates add up; each new segment gets more bits per key to keep
// the sum near that of the first segment alone (a scalable Bloom filter):
// about 1.3% at a million keys.
type keyFilter struct {
	seed  maphash.Seed
	ready atomic.Bool

	mu   sync.RWMutex // guards segs (appends only)
	segs []*bloomSegment
}

// bloomSegment is a fixed-size blocked Bloom filter with hashes probes per
// key: all probes of a key fall in one 512-bit block (a cache line), so an
// add or a check costs one cache miss instead of one per probe. (The block
// costs a little accuracy, which the 12 bits per key of the first segment
// make up for.)
type bloomSegment struct {
	bits     []atomic.Uint64
	hashes   uint64
	capacity int64
	added    atomic.Int64
}

const (
	bloomBitsPerKey    = 12 // first segment: about 0.5% false positives with 8 probes
	bloomBitsPerGrow   = 2  // more bits per key in each later segment
	bloomMaxBitsPerKey = 20
	bloomFirstKeys     = 1 << 16
	bloomBlockWords    = 8 // 512 bits, one cache line
	bloomBlockBits     = bloomBlockWords * 64
)

func newKeyFilter() *keyFilter {
	f := &keyFilter{seed: maphash.MakeSeed()}
	f.segs = []*bloomSegment{newBloomSegment(bloomFirstKeys, bloomBitsPerKey)}
	return f
}

// newBloomSegment makes a segment for capacity keys at bitsPerKey, with the
// number of probes that minimises false positives (bitsPerKey·ln 2).
func newBloomSegment(capacity, bitsPerKey int64) *bloomSegment {
	words := (capacity*bitsPerKey + bloomBlockBits - 1) / bloomBlockBits * bloomBlockWords
	return &bloomSegment{
		bits:     make([]atomic.Uint64, words),
		hashes:   uint64(bitsPerKey*693+500) / 1000,
		capacity: capacity,
	}
}

// probes returns two hashes of key: h1 picks the block, h2 the probes
// within it (Kirsch–Mitzenmacher double hashing). h2 is h1 mixed again
// (a multiply and shift), so the two are not correlated.
func (f *keyFilter) probes(key []byte) (h1, h2 uint64) {
	h := maphash.Bytes(f.seed, key)
	m := (h ^ h>>29) * 0xbf58476d1ce4e5b9
	return h, m ^ m>>32
}

// add records that key may exist. Safe for concurrent use.
func (f *keyFilter) add(key []byte) {
	h1, h2 := f.probes(key)
	f.mu.RLock()
	seg := f.segs[len(f.segs)-1]
	f.mu.RUnlock()
	seg.set(h1, h2)
	if seg.added.Add(1) == seg.capacity {
		f.mu.Lock()
		bits := min(bloomBitsPerKey+int64(len(f.segs))*bloomBitsPerGrow, bloomMaxBitsPerKey)
		f.segs = append(f.segs, newBloomSegment(seg.capacity*2, bits))
		f.mu.Unlock()
	}
}

// absent reports whether key was certainly never added. It is false for
// every key until the filter is ready.
func (f *keyFilter) absent(key []byte) bool {
	if !f.ready.Load() {
		return false
	}
	h1, h2 := f.probes(key)
	f.mu.RLock()
	defer f.mu.RUnlock()
	for _, seg := range f.segs {
		if seg.has(h1, h2) {
			return false
		}
	}
	return true
}

// block returns the words of the block that h1 picks, and the start and
// step of the probe sequence within it from h2.
func (s *bloomSegment) block(h1, h2 uint64) (words []atomic.Uint64, start, step uint64) {
	blocks := uint64(len(s.bits)) / bloomBlockWords
	b := (h1 % blocks) * bloomBlockWords
	return s.bits[b : b+bloomBlockWords], h2, h2>>32 | 1
}

func (s *bloomSegment) set(h1, h2 uint64) {
	words, start, step := s.block(h1, h2)
	for i := range s.hashes {
		bit := (start + i*step) % bloomBlockBits
		words[bit/64].Or(1 << (bit % 64))
	}
}

func (s *bloomSegment) has(h1, h2 uint64) bool {
	words, start, step := s.block(h1, h2)
	for i := range s.hashes {
		bit := (start + i*step) % bloomBlockBits
		if words[bit/64].Load()&(1<<(bit%64)) == 0 {
			return false
		}
	}
	return true
}
