package engine

import (
	"fmt"
	"testing"
)

func TestKeyFilterHasNoFalseNegativesAndGrows(t *testing.T) {
	f := newKeyFilter()
	if f.absent([]byte("x")) {
		t.Fatal("a filter that is not ready must answer maybe")
	}
	f.ready.Store(true)
	const n = 16 * bloomFirstKeys // a million keys: four growths
	for i := range n {
		f.add(fmt.Appendf(nil, "key-%d", i))
	}
	for i := range n {
		if f.absent(fmt.Appendf(nil, "key-%d", i)) {
			t.Fatalf("key-%d was added but reported absent", i)
		}
	}
	if len(f.segs) < 2 {
		t.Fatalf("filter did not grow: %d segments", len(f.segs))
	}
	falsePositives := 0
	for i := range 10000 {
		if !f.absent(fmt.Appendf(nil, "other-%d", i)) {
			falsePositives++
		}
	}
	// Later segments get more bits per key, so the union over five
	// segments stays near 1% (equal segments of 10 bits per key gave 3.3%).
	// A broken filter says "maybe" to everything.
	if falsePositives > 200 {
		t.Fatalf("%d of 10000 absent keys reported present", falsePositives)
	}
}
