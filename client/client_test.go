package client

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

type recordingTransport struct {
	body     []byte
	inMemory bool
}

func (r *recordingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// net/http streams headers and body separately (and races with the SDK,
	// see HTTPClient) unless the body is a NopCloser around an in-memory
	// reader; check for exactly that shape.
	_, r.inMemory = req.Body.(io.WriterTo)
	r.body, _ = io.ReadAll(req.Body)
	if req.GetBody == nil || req.ContentLength != int64(len(r.body)) {
		r.inMemory = false
	}
	return &http.Response{StatusCode: 200, Body: http.NoBody}, nil
}

// opaqueBody hides its reader's type, as smithy-go's request body does.
type opaqueBody struct{ io.Reader }

func (opaqueBody) Close() error { return nil }

func TestBufferedBodiesSendsInMemoryCopy(t *testing.T) {
	rec := &recordingTransport{}
	want := strings.Repeat("payload", 1000)
	req, err := http.NewRequest("POST", "http://127.0.0.1:1/", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Body = opaqueBody{strings.NewReader(want)}
	req.ContentLength = int64(len(want))
	if _, err := (bufferedBodies{base: rec}).RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(rec.body, []byte(want)) {
		t.Fatalf("forwarded body differs: %d bytes, want %d", len(rec.body), len(want))
	}
	if !rec.inMemory {
		t.Fatal("forwarded body is not an in-memory reader with GetBody and ContentLength")
	}
}
