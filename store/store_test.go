package store_test

import (
	"context"
	"errors"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/store"
)

func TestOpenRefusesBadConnections(t *testing.T) {
	for _, conn := range []string{"", "data", "mem:x", "file:", "http:", "http://", "https:x", "ftp://x", "postgres://db"} {
		if s, err := store.Open(context.Background(), conn, engine.Options{}); !errors.Is(err, store.ErrBadConnection) {
			if s != nil {
				s.Close()
			}
			t.Errorf("Open(%q): %v, want ErrBadConnection", conn, err)
		}
	}
}

func TestOpenEmbedded(t *testing.T) {
	dir := t.TempDir()
	for _, conn := range []string{"mem:", "file:" + dir} {
		s, err := store.Open(context.Background(), conn, engine.Options{})
		if err != nil {
			t.Fatalf("Open(%q): %v", conn, err)
		}
		if s.Engine == nil || s.Where != conn {
			t.Errorf("Open(%q) = %+v, want the embedded engine", conn, s)
		}
		if _, err := s.API.ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
			t.Errorf("%s: ListTables: %v", conn, err)
		}
		if err := s.Close(); err != nil {
			t.Errorf("%s: Close: %v", conn, err)
		}
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatalf("file: made no directory: %v", err)
	}
}

// TestOpenEndpoint talks to the reference endpoint when there is one.
func TestOpenEndpoint(t *testing.T) {
	ep := os.Getenv("DYNABASE_REFERENCE_ENDPOINT")
	if ep == "" {
		t.Skip("DYNABASE_REFERENCE_ENDPOINT is not set")
	}
	s, err := store.Open(context.Background(), ep, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Engine != nil {
		t.Fatal("an endpoint opened the embedded engine")
	}
	if _, err := s.API.ListTables(context.Background(), &dynamodb.ListTablesInput{}); err != nil {
		t.Fatalf("ListTables at %s: %v", ep, err)
	}
}

func TestOpenAWS(t *testing.T) {
	t.Setenv("AWS_REGION", "")
	t.Setenv("AWS_DEFAULT_REGION", "")
	t.Setenv("AWS_CONFIG_FILE", t.TempDir()+"/none")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", t.TempDir()+"/none")
	if _, err := store.Open(context.Background(), "aws:", engine.Options{}); !errors.Is(err, store.ErrBadConnection) {
		t.Fatalf("aws: without a region: %v, want ErrBadConnection", err)
	}
	s, err := store.Open(context.Background(), "aws:eu-west-1", engine.Options{})
	if err != nil || s.Where != "aws:eu-west-1" || s.Engine != nil {
		t.Fatalf("aws:eu-west-1 = %+v, %v", s, err)
	}
}
