package wire

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/dynabase/dynabase/engine/apierr"
)

// endpointsBackend answers DescribeEndpoints as DynamoDB does, from one
// shared output, or with err.
type endpointsBackend struct {
	Backend
	out *dynamodb.DescribeEndpointsOutput
	err error
}

func (b *endpointsBackend) DescribeEndpoints(context.Context, *dynamodb.DescribeEndpointsInput, ...func(*dynamodb.Options)) (*dynamodb.DescribeEndpointsOutput, error) {
	return b.out, b.err
}

func newEndpointsBackend() *endpointsBackend {
	return &endpointsBackend{out: &dynamodb.DescribeEndpointsOutput{Endpoints: []types.Endpoint{{
		Address: aws.String("dynamodb.us-east-1.amazonaws.com"), CachePeriodInMinutes: 1440,
	}}}}
}

// Over HTTP, DescribeEndpoints names the host (and port) the request was
// sent to, whatever the backend says, and keeps the backend's cache period.
func TestDescribeEndpointsNamesRequestHost(t *testing.T) {
	b := newEndpointsBackend()
	h := NewHandler(b, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, host := range []string{"localhost:8000", "127.0.0.1:49152", "dynabase.internal", "[::1]:8000"} {
		r := httptest.NewRequest(http.MethodPost, "http://"+host+"/", strings.NewReader("{}"))
		r.Header.Set("X-Amz-Target", "DynamoDB_20120810.DescribeEndpoints")
		r.Header.Set("Content-Type", "application/x-amz-json-1.0")
		r.Header.Set("Authorization", anyAuth)
		r.Header.Set("X-Amz-Date", anyDate)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		want := `{"Endpoints":[{"Address":"` + host + `","CachePeriodInMinutes":1440}]}`
		if w.Code != http.StatusOK || w.Body.String() != want {
			t.Errorf("Host %s: %d %s, want 200 %s", host, w.Code, w.Body, want)
		}
	}
	if got := aws.ToString(b.out.Endpoints[0].Address); got != "dynamodb.us-east-1.amazonaws.com" {
		t.Errorf("the backend's own answer was changed to %q", got)
	}
}

// An SDK client reads the address of the server it talks to.
func TestDescribeEndpointsSDK(t *testing.T) {
	h := NewHandler(newEndpointsBackend(), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	srv := httptest.NewServer(h)
	defer srv.Close()
	out, err := testClient(srv, false, "AKID", "SECRET").DescribeEndpoints(context.Background(), &dynamodb.DescribeEndpointsInput{})
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(srv.URL)
	if len(out.Endpoints) != 1 || aws.ToString(out.Endpoints[0].Address) != u.Host || out.Endpoints[0].CachePeriodInMinutes != 1440 {
		t.Fatalf("Endpoints = %+v, want one of address %s", out.Endpoints, u.Host)
	}
}

// The backend's errors, and answers to calls without a Host, pass through.
func TestDescribeEndpointsPassesThrough(t *testing.T) {
	b := newEndpointsBackend()
	fn := describeEndpoints(b.DescribeEndpoints)
	out, err := fn(context.Background(), &dynamodb.DescribeEndpointsInput{})
	if err != nil || out != b.out {
		t.Fatalf("without a Host: %v, %v; want the backend's answer", out, err)
	}
	b.err = apierr.Validation("nope")
	b.out = nil
	if _, err := fn(withRequestHost(context.Background(), "localhost:8000"), &dynamodb.DescribeEndpointsInput{}); err != b.err {
		t.Fatalf("error = %v, want the backend's", err)
	}
}
