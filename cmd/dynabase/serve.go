package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/internal/httpfast"
	"github.com/dynabase/dynabase/wire"
)

// serveConfig is what `dynabase serve` is told by its flags.
type serveConfig struct {
	addr     string
	data     string
	inMemory bool
	noSync   bool
	auth     string
	logLevel slog.Level
	drain    time.Duration
	cpuprof  string
	ttl      time.Duration
}

func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8000", "`host:port` to serve the DynamoDB API on")
	fs.StringVar(&c.data, "data", "./dynabase-data", "`directory` holding the data")
	fs.BoolVar(&c.inMemory, "in-memory", false, "keep all data in memory (nothing survives exit)")
	fs.BoolVar(&c.noSync, "no-sync", false, "acknowledge writes before they reach disk (a crash may lose recent writes)")
	fs.StringVar(&c.auth, "auth", "", "`file` of \"ACCESS_KEY_ID SECRET\" lines; when set, SigV4 signatures are verified")
	fs.TextVar(&c.logLevel, "log-level", slog.LevelInfo, "log `level`: debug, info, warn or error")
	fs.DurationVar(&c.drain, "drain-timeout", 30*time.Second, "how long to wait for in-flight requests on shutdown")
	fs.DurationVar(&c.ttl, "ttl-interval", 30*time.Second, "how often to delete items whose Time to Live has expired (0 or less: never)")
	fs.StringVar(&c.cpuprof, "cpuprofile", "", "write a CPU profile of the whole run to `file` (for performance work)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return c, err
		}
		return c, errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		return c, errUsage
	}
	return c, nil
}

// ttlInterval turns the --ttl-interval flag into engine.Options.TTLInterval,
// where 0 means the default: on the command line, 0 (or less) turns the
// deletion of expired items off.
func ttlInterval(d time.Duration) time.Duration {
	if d <= 0 {
		return -1
	}
	return d
}

// serve runs the DynamoDB API server until ctx is cancelled (SIGINT or
// SIGTERM), then drains in-flight requests and closes storage cleanly.
func serve(ctx context.Context, args []string, stderr io.Writer) error {
	cfg, err := parseServeFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.logLevel}))
	tuneGC()
	if cfg.cpuprof != "" {
		stop, err := startCPUProfile(cfg.cpuprof)
		if err != nil {
			return fmt.Errorf("serve: %w", err)
		}
		defer stop()
	}

	var creds map[string]string
	if cfg.auth != "" {
		if creds, err = wire.LoadCredentials(cfg.auth); err != nil {
			return fmt.Errorf("serve: %w", err)
		}
	}
	db, err := engine.Open(engine.Options{Dir: cfg.data, InMemory: cfg.inMemory, NoSync: cfg.noSync, Logger: log, TTLInterval: ttlInterval(cfg.ttl)})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		db.Close()
		return fmt.Errorf("serve: %w", err)
	}
	// httpfast serves the plain keep-alive requests SDKs send with less
	// work per request than net/http, and hands every other connection to
	// this net/http.Server; both call the same handler.
	srv := &httpfast.Server{
		HTTP: &http.Server{
			Handler:           wire.NewHandler(db, wire.Options{Credentials: creds, Logger: log}),
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		Logger: log,
	}
	storage := cfg.data
	if cfg.inMemory {
		storage = "memory"
	}
	log.Info("dynabase serving the DynamoDB API", "addr", ln.Addr().String(), "data", storage,
		"durable", !cfg.inMemory && !cfg.noSync, "auth", cfg.auth != "", "version", version)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		db.Close()
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}

	log.Info("shutting down: draining in-flight requests", "timeout", cfg.drain)
	drainCtx, cancel := context.WithTimeout(context.Background(), cfg.drain)
	defer cancel()
	shutdownErr := srv.Shutdown(drainCtx)
	if shutdownErr != nil {
		log.Warn("drain incomplete; closing anyway", "err", shutdownErr)
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("serve: close storage: %w", err)
	}
	log.Info("stopped cleanly")
	return nil
}
