package engine

import (
	"hash/maphash"
	"slices"
	"sync"
)

// keyLocks serialises writers of the same item without a lock per item:
// keys hash onto a fixed set of mutexes. Two keys sharing a stripe only
// wait for each other briefly. A single-item write holds one stripe; a
// multi-item write (lockAll) takes its stripes in ascending order, so no two
// writers can wait for each other in a cycle.
type keyLocks struct {
	seed    maphash.Seed
	once    sync.Once
	stripes [1024]sync.Mutex
}

func (l *keyLocks) lock(key []byte) *sync.Mutex {
	m := &l.stripes[l.stripe(key)]
	m.Lock()
	return m
}

func (l *keyLocks) stripe(key []byte) int {
	l.once.Do(func() { l.seed = maphash.MakeSeed() })
	return int(maphash.Bytes(l.seed, key) % uint64(len(l.stripes)))
}

// lockAll locks the stripes of every key, each once, in ascending order,
// and returns the function that unlocks them.
func (l *keyLocks) lockAll(keys [][]byte) (unlock func()) {
	idx := make([]int, 0, len(keys))
	for _, k := range keys {
		idx = append(idx, l.stripe(k))
	}
	slices.Sort(idx)
	idx = slices.Compact(idx)
	for _, i := range idx {
		l.stripes[i].Lock()
	}
	return func() {
		for _, i := range idx {
			l.stripes[i].Unlock()
		}
	}
}
