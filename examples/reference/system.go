package reference

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"github.com/dynabase/dynabase/repo"
	"github.com/dynabase/dynabase/rest"
)

// Options adjust the reference system. The zero value is the system as
// documented.
type Options struct {
	// TablePrefix begins every table name, so that several systems (or
	// test runs) can share one store.
	TablePrefix string
	// CursorKey signs page cursors. Instances behind one load balancer, or
	// cursors that must outlive a restart, need the same key; nil means a
	// random one.
	CursorKey []byte
	// Logger receives store failures (default slog.Default()).
	Logger *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Version is the API version in the OpenAPI document.
	Version string
}

// System is the reference system's REST API.
type System struct {
	// Handler serves every route; unknown routes and methods are answered
	// with problem documents, and paths work with or without a trailing
	// slash.
	Handler http.Handler
	// API is the Huma API, for its OpenAPI document.
	API huma.API
}

// New creates (or checks) the system's tables in db and registers its
// resources.
func New(ctx context.Context, db repo.API, opts Options) (*System, error) {
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Version == "" {
		opts.Version = "dev"
	}
	cfg := huma.DefaultConfig("dynabase reference system", opts.Version)
	cfg.Info.Description = "Companies, products, articles, actors and their reviews: " +
		"the REST APIs of the FastAPI + DynamoDB tutorials, served by dynabase."
	// Bodies are exactly the resources, as the tutorials' clients expect:
	// no "$schema" member and no describedby links.
	cfg.CreateHooks = nil
	// A misspelt query parameter is an error, not a silently wider answer.
	cfg.RejectUnknownQueryParameters = true
	mux := http.NewServeMux()
	api := humago.New(mux, cfg)

	for _, register := range []func(context.Context, huma.API, repo.API, Options) error{
		registerCompanies, registerProducts, registerArticles, registerActors,
	} {
		if err := register(ctx, api, db, opts); err != nil {
			return nil, err
		}
	}
	return &System{Handler: rest.TrimTrailingSlash(rest.RouteProblems(mux)), API: api}, nil
}

// repository makes a repository and its table.
func repository[T any](ctx context.Context, db repo.API, cfg repo.Config, opts Options, adjust func(*repo.TableSpec)) (*repo.Repository[T], error) {
	cfg.Table = opts.TablePrefix + cfg.Table
	cfg.CursorKey = opts.CursorKey
	cfg.Now = opts.Now
	r, err := repo.New[T](db, cfg)
	if err != nil {
		return nil, err
	}
	spec := r.TableSpec()
	if adjust != nil {
		adjust(&spec)
	}
	if err := repo.EnsureTable(ctx, db, spec); err != nil {
		return nil, err
	}
	return r, nil
}
