package kv

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/cockroachdb/pebble/v2"
)

// A counter is a short vector of int64s (at most MaxCounterWidth) changed
// by adding deltas inside a Batch. The delta is a Pebble merge operand, so it
// commits atomically with the rest of the batch and survives a crash exactly
// as the batch does, and concurrent writers never read-modify-write the
// counter (no hot-key lock). Keeping related numbers in one counter (an item
// count and a byte size) costs one memtable insert per batch, not one each.

// MaxCounterWidth is the most elements a counter holds.
const MaxCounterWidth = 4

// counterMerger sums operands element-wise. An operand is its elements as
// signed varints, one after another; a shorter operand counts as zeros in
// the missing places, so a one-element counter is the plain varint of
// earlier versions. Its name is stored on disk: changing it makes existing
// stores unopenable.
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

type counterSum struct {
	n     [MaxCounterWidth]int64
	width int
}

func (s *counterSum) add(v []byte) error {
	for i := 0; len(v) > 0; i++ {
		d, n := binary.Varint(v)
		if n <= 0 || i == MaxCounterWidth {
			return fmt.Errorf("kv: corrupt counter operand %x", v)
		}
		s.n[i] += d
		s.width = max(s.width, i+1)
		v = v[n:]
	}
	return nil
}

func (s *counterSum) MergeNewer(v []byte) error { return s.add(v) }
func (s *counterSum) MergeOlder(v []byte) error { return s.add(v) }
func (s *counterSum) Finish(bool) ([]byte, io.Closer, error) {
	return appendCounter(nil, s.n[:s.width]), nil, nil
}

func appendCounter(dst []byte, elems []int64) []byte {
	for _, e := range elems {
		dst = binary.AppendVarint(dst, e)
	}
	return dst
}

// Add adds deltas element-wise to the counter stored under key when the
// batch commits. It panics with more than MaxCounterWidth deltas.
func (b *Batch) Add(key []byte, deltas ...int64) {
	if len(deltas) > MaxCounterWidth {
		panic("kv: counter wider than MaxCounterWidth")
	}
	var buf [MaxCounterWidth * binary.MaxVarintLen64]byte
	_ = b.b.Merge(key, appendCounter(buf[:0], deltas), nil)
}

// Counter reads the counter under key into elems (zeros for an absent
// counter or missing elements).
func (s *Store) Counter(key []byte, elems []int64) error {
	clear(elems)
	err := s.Get(key, func(v []byte) error {
		var c counterSum
		if err := c.add(v); err != nil {
			return err
		}
		copy(elems, c.n[:c.width])
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
