package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/client"
)

// server is a `dynabase serve` child process started by a test.
type server struct {
	cmd      *exec.Cmd
	endpoint string
	exited   chan error
}

var listening = regexp.MustCompile(`addr=(\S+)`)

// startServer runs this test binary as `dynabase serve` on a free port with
// the given extra flags and waits until it logs its address.
func startServer(t *testing.T, flags ...string) *server {
	t.Helper()
	args := append([]string{"serve", "--addr", "127.0.0.1:0"}, flags...)
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "DYNABASE_TEST_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &server{cmd: cmd, exited: make(chan error, 1)}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case addr <- m[1]:
				default:
				}
			}
			if testing.Verbose() {
				fmt.Fprintln(os.Stderr, "  server:", sc.Text())
			}
		}
		io.Copy(io.Discard, stderr)
	}()
	go func() { s.exited <- cmd.Wait() }()
	select {
	case a := <-addr:
		s.endpoint = "http://" + a
	case err := <-s.exited:
		t.Fatalf("server exited before listening: %v", err)
	case <-time.After(30 * time.Second):
		cmd.Process.Kill()
		t.Fatal("server did not start within 30s")
	}
	t.Cleanup(func() { s.kill() })
	return s
}

// kill sends SIGKILL and waits for the process to be gone.
func (s *server) kill() {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(syscall.SIGKILL)
	<-s.exited
	s.exited <- nil // let a second kill return
}

// stop sends sig and returns the exit error.
func (s *server) stop(t *testing.T, sig os.Signal) error {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		s.exited <- err
		return err
	case <-time.After(60 * time.Second):
		t.Fatal("server did not stop within 60s")
		return nil
	}
}

// client returns an SDK client for the server (see package client for why
// its transport matters against a server this fast).
func (s *server) client() *dynamodb.Client { return client.Local(s.endpoint) }

// createHashTable creates a PAY_PER_REQUEST table with string hash key "id".
func createHashTable(t *testing.T, c *dynamodb.Client, name string) {
	t.Helper()
	_, err := c.CreateTable(context.Background(), &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("id"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("id"), KeyType: types.KeyTypeHash}},
		BillingMode:          types.BillingModePayPerRequest,
	})
	if err != nil {
		t.Fatalf("CreateTable %s: %v", name, err)
	}
}
