package main

import (
	"os"
	"testing"
)

// TestMain lets tests start this very test binary as a real `dynabase`
// process (see startServer): with DYNABASE_TEST_MAIN set, it runs the command
// line instead of the tests.
func TestMain(m *testing.M) {
	if os.Getenv("DYNABASE_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}
