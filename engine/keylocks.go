package engine

import (
	"hash/maphash"
	"sync"
)

// keyLocks serialises writers of the same item without a lock per item:
// keys hash onto a fixed set of mutexes. Two keys sharing a stripe only
// wait for each other briefly; a stripe is never held while taking another,
// so there is no lock ordering to get wrong.
type keyLocks struct {
	seed    maphash.Seed
	once    sync.Once
	stripes [1024]sync.Mutex
}

func (l *keyLocks) lock(key []byte) *sync.Mutex {
	l.once.Do(func() { l.seed = maphash.MakeSeed() })
	m := &l.stripes[maphash.Bytes(l.seed, key)%uint64(len(l.stripes))]
	m.Lock()
	return m
}
