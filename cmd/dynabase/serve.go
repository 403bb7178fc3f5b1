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
	"github.com/dynabase/dynabase/examples/reference"
	"github.com/dynabase/dynabase/internal/httpfast"
	"github.com/dynabase/dynabase/store"
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
	store    string
	api      bool
}

func parseServeFlags(args []string, stderr io.Writer) (serveConfig, error) {
	var c serveConfig
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8000", "`host:port` to serve the DynamoDB API on")
	fs.StringVar(&c.data, "data", "./dynabase-data", "`directory` holding the data (the embedded store)")
	fs.StringVar(&c.store, "store", "", "where the data lives: a `connection` string, mem:, file:DIR, http(s)://host:port\n(any DynamoDB endpoint) or aws:[REGION] (Amazon DynamoDB); default file:<--data>")
	fs.BoolVar(&c.api, "api", true, "also serve the reference REST API (companies, products, articles, actors) on every path but /")
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
	if c.store == "" {
		c.store = "file:" + c.data
		if c.inMemory {
			c.store = "mem:"
		}
	} else {
		var conflict string
		fs.Visit(func(f *flag.Flag) {
			if f.Name == "in-memory" || f.Name == "data" {
				conflict = f.Name
			}
		})
		if conflict != "" {
			fmt.Fprintf(stderr, "serve: --%s and --store exclude each other (use --store mem: or --store file:DIR)\n", conflict)
			return c, errUsage
		}
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
	st, err := store.Open(ctx, cfg.store, engine.Options{NoSync: cfg.noSync, Logger: log, TTLInterval: ttlInterval(cfg.ttl)})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close() // for the early returns; Close is idempotent, and the end closes it to report its error
	// The DynamoDB API at /: the embedded engine, or a pass-through to the
	// remote store, so SDKs see the same data as the REST API.
	var handler http.Handler = wire.NewHandler(st.API, wire.Options{Credentials: creds, Logger: log})
	if cfg.api {
		sys, err := reference.New(ctx, st.API, reference.Options{Logger: log, Version: version, CursorKey: cursorKey(log)})
		if err != nil {
			return fmt.Errorf("serve: the REST API's tables in %s: %w", st.Where, err)
		}
		handler = routeAPIs(handler, sys.Handler)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// httpfast serves the plain keep-alive requests SDKs send with less
	// work per request than net/http, and hands every other connection to
	// this net/http.Server; both call the same handler.
	srv := &httpfast.Server{
		HTTP: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			IdleTimeout:       2 * time.Minute,
			ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		},
		Logger: log,
	}
	durable := st.Engine == nil || !cfg.noSync && cfg.store != "mem:"
	log.Info("dynabase serving the DynamoDB API", "addr", ln.Addr().String(), "store", st.Where,
		"durable", durable, "auth", cfg.auth != "", "version", version)
	if cfg.api {
		log.Info("serving the REST API beside it", "docs", "http://"+ln.Addr().String()+"/docs",
			"openapi", "http://"+ln.Addr().String()+"/openapi.json")
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
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
	if err := st.Close(); err != nil {
		return fmt.Errorf("serve: close storage: %w", err)
	}
	log.Info("stopped cleanly")
	return nil
}
