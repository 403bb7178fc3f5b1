package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades memory for CPU the way a database server should: the live
// heap of the server is small (the data lives in Pebble's own memory and on
// disk), so collecting at every doubling of it spends CPU on every few
// thousand requests. Collecting at 4x the live heap, with a soft limit that
// brings the default back under memory pressure, costs a few MiB. GOGC and
// GOMEMLIMIT in the environment still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
}
