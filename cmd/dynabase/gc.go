package main

import (
	"os"
	"runtime/debug"
)

// tuneGC trades some memory for CPU: a server allocates per request, and
// collecting at every doubling of a small live heap spends CPU every few
// thousand requests. Collecting at 3x the live heap, with a soft limit that
// makes the collector work harder before the process grows past 512 MiB,
// keeps both in check (the item cache is most of the live heap under load).
// GOGC and GOMEMLIMIT in the environment still win.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(512 << 20)
	}
}
