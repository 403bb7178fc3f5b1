package kv

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

func collect(t *testing.T, s interface {
	Scan(context.Context, []byte, []byte, bool, func(k, v []byte) bool) error
}, start, end []byte, reverse bool) []string {
	t.Helper()
	var got []string
	err := s.Scan(context.Background(), start, end, reverse, func(k, v []byte) bool {
		got = append(got, string(k)+"="+string(v))
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestStorePersistsAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	b := s.NewBatch()
	b.Set([]byte("a"), []byte("1"))
	b.Set([]byte("b"), []byte("2"))
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := collect(t, s, nil, nil, false); fmt.Sprint(got) != "[a=1 b=2]" {
		t.Fatalf("after reopen got %v", got)
	}
}

func TestStoreGetScanDeleteRange(t *testing.T) {
	s, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := s.NewBatch()
	for _, k := range []string{"p1", "p2", "p3", "q1"} {
		b.Set([]byte(k), []byte("v"+k))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	var got []byte
	if err := s.Get([]byte("p2"), func(v []byte) error { got = bytes.Clone(v); return nil }); err != nil || string(got) != "vp2" {
		t.Fatalf("Get p2 = %q, %v", got, err)
	}
	if err := s.Get([]byte("zz"), func([]byte) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get absent: %v, want ErrNotFound", err)
	}
	if g := collect(t, s, []byte("p"), PrefixEnd([]byte("p")), true); fmt.Sprint(g) != "[p3=vp3 p2=vp2 p1=vp1]" {
		t.Fatalf("reverse prefix scan = %v", g)
	}
	snap := s.Snapshot()
	defer snap.Close()
	b = s.NewBatch()
	b.DeleteRange([]byte("p"), PrefixEnd([]byte("p")))
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	if g := collect(t, s, nil, nil, false); fmt.Sprint(g) != "[q1=vq1]" {
		t.Fatalf("after DeleteRange = %v", g)
	}
	if g := collect(t, snap, nil, nil, false); len(g) != 4 {
		t.Fatalf("snapshot should still see 4 keys, got %v", g)
	}
}

func TestPrefixEnd(t *testing.T) {
	for _, tc := range []struct{ in, want []byte }{
		{[]byte("ab"), []byte("ac")},
		{[]byte{1, 0xff}, []byte{2}},
		{[]byte{0xff, 0xff}, nil},
		{nil, nil},
	} {
		if got := PrefixEnd(tc.in); !bytes.Equal(got, tc.want) {
			t.Errorf("PrefixEnd(%x) = %x, want %x", tc.in, got, tc.want)
		}
	}
}

func TestCounterIsAtomicWithBatchAndDurable(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	// Operands of different widths sum element-wise, missing places as 0.
	for _, d := range [][]int64{{5}, {-2, 7}, {1000, 1, 0, -9}, {-1}} {
		b := s.NewBatch()
		b.Add([]byte("c"), d...)
		if err := b.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	aborted := s.NewBatch()
	aborted.Add([]byte("c"), 1<<40, 1<<40)
	aborted.Abort()
	want := []int64{1002, 8, 0, -9}
	check := func(when string) {
		t.Helper()
		got := make([]int64, 4)
		if err := s.Counter([]byte("c"), got); err != nil || !slices.Equal(got, want) {
			t.Fatalf("%s: Counter = %v, %v; want %v", when, got, err, want)
		}
		absent := []int64{3, 3}
		if err := s.Counter([]byte("absent"), absent); err != nil || !slices.Equal(absent, []int64{0, 0}) {
			t.Fatalf("%s: absent Counter = %v, %v", when, absent, err)
		}
	}
	check("before reopen")
	s.Close()
	s, err = Open(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	check("after reopen")
}

func TestCounterRejectsCorruptOperands(t *testing.T) {
	for _, v := range [][]byte{{0x80}, appendCounter(nil, []int64{1, 2, 3, 4, 5})} {
		var c counterSum
		if err := c.add(v); err == nil {
			t.Errorf("add(%x) accepted a corrupt operand", v)
		}
	}
}

func TestScanKeysSeesEveryKeyInRange(t *testing.T) {
	s, err := Open(Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := s.NewBatch()
	for _, k := range []string{"a1", "a2", "a3", "b1"} {
		b.Set([]byte(k), []byte("v"))
	}
	if err := b.Commit(); err != nil {
		t.Fatal(err)
	}
	var got []string
	if err := s.ScanKeys(context.Background(), []byte("a"), PrefixEnd([]byte("a")), func(k []byte) bool {
		got = append(got, string(k))
		return true
	}); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != "[a1 a2 a3]" {
		t.Fatalf("ScanKeys = %v", got)
	}
}
