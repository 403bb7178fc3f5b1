package kv

import (
	"context"
	"fmt"
	"log/slog"
	"os"
)

// pebbleLogger sends Pebble's messages to slog. Pebble is chatty at info
// level (every flush and compaction), so those are debug lines here.
type pebbleLogger struct{ log *slog.Logger }

func (l pebbleLogger) logger() *slog.Logger {
	if l.log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l.log
}

func (l pebbleLogger) Infof(format string, args ...any) {
	l.logger().Debug(fmt.Sprintf(format, args...), "component", "pebble")
}

func (l pebbleLogger) Errorf(format string, args ...any) {
	l.logger().Error(fmt.Sprintf(format, args...), "component", "pebble")
}

// Fatalf is called by Pebble on unrecoverable corruption; continuing could
// damage data, so the process exits after logging.
func (l pebbleLogger) Fatalf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if l.log != nil {
		l.log.Log(context.Background(), slog.LevelError+4, msg, "component", "pebble")
	} else {
		fmt.Fprintln(os.Stderr, "pebble fatal:", msg)
	}
	os.Exit(70)
}
