package client

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// HTTPClient returns the HTTP client to give the SDK (dynamodb.Options's
// HTTPClient) when talking to a dynabase server or any low-latency endpoint.
//
// Why: smithy-go wraps each request body in a reader whose WriteTo returns
// io.EOF once the body is closed, and closes it as soon as RoundTrip returns.
// Because that reader is not one net/http knows to be in memory, net/http
// flushes the headers first and streams the body straight to the socket, then
// drains the body once more to confirm its length. A server that answers
// within microseconds can make RoundTrip return before that drain; the drain
// then gets io.EOF as an error and net/http closes the connection, which by
// then carries the next request ("use of closed network connection",
// aws/aws-sdk-go-v2#1825, #2737). Handing net/http a *bytes.Reader instead
// makes it write headers and body in one go and drain without error.
func HTTPClient() *http.Client {
	base := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConnsPerHost = 64
		t.IdleConnTimeout = 90 * time.Second
	})
	return &http.Client{Transport: bufferedBodies{base: base.GetTransport()}}
}

// bufferedBodies is a RoundTripper that replaces a request body with an
// in-memory copy before sending it.
type bufferedBodies struct{ base http.RoundTripper }

func (t bufferedBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body == nil || req.Body == http.NoBody {
		return t.base.RoundTrip(req)
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("client: read request body: %w", err)
	}
	r := req.Clone(req.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	r.ContentLength = int64(len(body))
	return t.base.RoundTrip(r)
}
