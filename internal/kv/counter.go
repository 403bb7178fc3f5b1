package kv

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/cockroachdb/pebble/v2"
)

// Counters are int64 values changed by adding deltas inside a Batch. The
// delta is a Pebble merge operand, so it commits atomically with the rest of
// the batch and survives a crash exactly as the batch does, and concurrent
// writers never read-modify-write the counter (no hot-key lock).

// counterMerger sums signed varint operands. Its name is stored on disk:
// changing it makes existing stores unopenable.
var counterMerger = &pebble.Merger{
	Name: "dynabase.counter.v1",
	Merge: func(_, value []byte) (pebble.ValueMerger, error) {
		s := &counterSum{}
		if err := s.add(value); err != nil {
			return nil, err
		}
		return s, nil
	},
}

type counterSum struct{ n int64 }

func (s *counterSum) add(v []byte) error {
	d, n := binary.Varint(v)
	if n <= 0 || n != len(v) {
		return fmt.Errorf("kv: corrupt counter operand %x", v)
	}
	s.n += d
	return nil
}

func (s *counterSum) MergeNewer(v []byte) error { return s.add(v) }
func (s *counterSum) MergeOlder(v []byte) error { return s.add(v) }
func (s *counterSum) Finish(bool) ([]byte, io.Closer, error) {
	return binary.AppendVarint(nil, s.n), nil, nil
}

// Add adds delta to the counter stored under key when the batch commits.
func (b *Batch) Add(key []byte, delta int64) {
	var buf [binary.MaxVarintLen64]byte
	_ = b.b.Merge(key, buf[:binary.PutVarint(buf[:], delta)], nil)
}

// Counter returns the value of the counter under key (0 when absent).
func (s *Store) Counter(key []byte) (int64, error) {
	var n int64
	err := s.Get(key, func(v []byte) error {
		var c counterSum
		if err := c.add(v); err != nil {
			return err
		}
		n = c.n
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return 0, nil
	}
	return n, err
}
