// Command dynabase runs the dynabase database server and its tools.
//
//	dynabase serve [--addr 127.0.0.1:8000] [--data ./dynabase-data] [--in-memory] [--store CONN] [--api=false] [--auth FILE]
//
// serve answers the DynamoDB JSON protocol at /, so the AWS CLI, boto3 and
// every AWS SDK work against it with only the endpoint changed, and the
// reference REST API (examples/reference) on every other path, with its
// OpenAPI document at /openapi.json and docs at /docs. --store moves the
// data from the embedded engine to any DynamoDB endpoint or Amazon
// DynamoDB.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `dynabase: an embedded, durable, DynamoDB-compatible database

Usage:
  dynabase serve [flags]   serve the DynamoDB API and the REST API over HTTP (see dynabase serve -h)
  dynabase version         print the version
`

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(ctx, args[1:], stderr)
	case "version":
		fmt.Fprintln(stdout, "dynabase", version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "dynabase: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintln(stderr, "dynabase:", err)
		return 1
	}
}

// errUsage marks a command-line mistake already reported to the user.
var errUsage = errors.New("usage")
