package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/client"
	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/wire"
)

// API is the DynamoDB API a Store serves: every operation dynabase
// implements, with *dynamodb.Client's signatures. It includes repo.API.
type API = wire.Backend

// Store is an open connection string.
type Store struct {
	// API is where requests go.
	API API
	// Engine is the embedded engine behind API, nil for a remote store.
	Engine *engine.DB
	// Where says what the store is, for logs ("file:./data",
	// "http://127.0.0.1:8000", "aws:eu-west-1").
	Where string
}

// ErrBadConnection is returned by Open for a connection string it does not
// understand.
var ErrBadConnection = errors.New("store: bad connection string")

// Open opens the store conn names. For the embedded kinds, opts are the
// engine's options (their Dir and InMemory are set from conn).
func Open(ctx context.Context, conn string, opts engine.Options) (*Store, error) {
	scheme, rest, ok := strings.Cut(conn, ":")
	if !ok {
		return nil, fmt.Errorf("%w %q: it begins with mem:, file:, http://, https:// or aws:", ErrBadConnection, conn)
	}
	switch scheme {
	case "mem":
		if rest != "" {
			return nil, fmt.Errorf("%w %q: mem: takes nothing after the colon", ErrBadConnection, conn)
		}
		opts.InMemory, opts.Dir = true, ""
		return openEngine(opts, conn)
	case "file":
		if rest == "" {
			return nil, fmt.Errorf("%w %q: file: needs a directory (file:./dynabase-data)", ErrBadConnection, conn)
		}
		opts.InMemory, opts.Dir = false, rest
		return openEngine(opts, conn)
	case "http", "https":
		if !strings.HasPrefix(rest, "//") || len(rest) == 2 {
			return nil, fmt.Errorf("%w %q: an endpoint is %s://host:port", ErrBadConnection, conn, scheme)
		}
		return &Store{API: client.Local(conn, endpointCredentials), Where: conn}, nil
	case "aws":
		var loads []func(*config.LoadOptions) error
		if rest != "" {
			loads = append(loads, config.WithRegion(rest))
		}
		cfg, err := config.LoadDefaultConfig(ctx, loads...)
		if err != nil {
			return nil, fmt.Errorf("store: %s: load the AWS configuration: %w", conn, err)
		}
		if cfg.Region == "" {
			return nil, fmt.Errorf("%w %q: no AWS region configured; name one (aws:eu-west-1) or set AWS_REGION", ErrBadConnection, conn)
		}
		return &Store{API: dynamodb.NewFromConfig(cfg), Where: "aws:" + cfg.Region}, nil
	}
	return nil, fmt.Errorf("%w %q: unknown kind %q (mem:, file:, http://, https:// or aws:)", ErrBadConnection, conn, scheme)
}

func openEngine(opts engine.Options, where string) (*Store, error) {
	db, err := engine.Open(opts)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", where, err)
	}
	return &Store{API: db, Engine: db, Where: where}, nil
}

// endpointCredentials signs requests to an endpoint with the environment's
// credentials and region when they are set; DynamoDB Local and dynabase
// (without --auth) accept any.
func endpointCredentials(o *dynamodb.Options) {
	id, secret := os.Getenv("AWS_ACCESS_KEY_ID"), os.Getenv("AWS_SECRET_ACCESS_KEY")
	if id != "" && secret != "" {
		o.Credentials = credentials.NewStaticCredentialsProvider(id, secret, os.Getenv("AWS_SESSION_TOKEN"))
	}
	for _, env := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if r := os.Getenv(env); r != "" {
			o.Region = r
			break
		}
	}
}

// Close closes the embedded engine; a remote store has nothing to close.
func (s *Store) Close() error {
	if s.Engine == nil {
		return nil
	}
	return s.Engine.Close()
}
