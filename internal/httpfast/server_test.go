package httpfast

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// echo answers with the method, target, Host, one header and the body it
// read, so a test sees what the handler saw.
func echo(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/panic" {
		panic("handler panic")
	}
	if r.URL.Path == "/skip" { // leaves the body unread
		w.Write([]byte("skipped"))
		return
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprintf(w, "%s %s host=%s x=%s body=%s", r.Method, r.RequestURI, r.Host, r.Header.Get("X-Test"), b)
}

func start(t *testing.T, h http.HandlerFunc) (*Server, string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{HTTP: &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second, IdleTimeout: time.Minute,
		ErrorLog: nil}}
	done := make(chan error, 1)
	go func() { done <- s.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.Shutdown(ctx); err != nil {
			t.Errorf("Shutdown: %v", err)
		}
		if err := <-done; !errors.Is(err, ErrServerClosed) {
			t.Errorf("Serve returned %v", err)
		}
	})
	return s, ln.Addr().String()
}

// exchange writes raw on one connection and reads n responses.
func exchange(t *testing.T, addr, raw string, n int) ([]*http.Response, []string, net.Conn) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	c.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(c)
	var resps []*http.Response
	var bodies []string
	for range n {
		resp, err := http.ReadResponse(br, nil)
		if err != nil {
			t.Fatalf("reading response %d: %v", len(resps)+1, err)
		}
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		resps, bodies = append(resps, resp), append(bodies, string(b))
	}
	return resps, bodies, c
}

func post(target, body string, extra ...string) string {
	return "POST " + target + " HTTP/1.1\r\nHost: h\r\nX-Test: t\r\n" + strings.Join(extra, "") +
		fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body)
}

func TestServerServesKeepAliveAndPipelinedRequests(t *testing.T) {
	_, addr := start(t, echo)
	raw := post("/", "one") + post("/two?q=1", "two") + post("/", "")
	resps, bodies, _ := exchange(t, addr, raw, 3)
	want := []string{"POST / host=h x=t body=one", "POST /two?q=1 host=h x=t body=two", "POST / host=h x=t body="}
	for i, resp := range resps {
		if resp.StatusCode != 200 || bodies[i] != want[i] || resp.Header.Get("Content-Type") != "text/plain" ||
			resp.Header.Get("Date") == "" || resp.ContentLength != int64(len(want[i])) || resp.Close {
			t.Errorf("response %d: %d %q %v", i, resp.StatusCode, bodies[i], resp.Header)
		}
	}
}

// Requests the fast path declines reach the same handler through net/http,
// and the connection keeps working afterwards.
func TestServerHandsUnusualRequestsToNetHTTP(t *testing.T) {
	_, addr := start(t, echo)
	chunked := "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
	resps, bodies, _ := exchange(t, addr, post("/", "fast")+chunked+post("/", "after"), 3)
	want := []string{"POST / host=h x=t body=fast", "POST /c host=h x= body=abc", "POST / host=h x=t body=after"}
	for i := range resps {
		if resps[i].StatusCode != 200 || bodies[i] != want[i] {
			t.Errorf("response %d: %d %q, want %q", i, resps[i].StatusCode, bodies[i], want[i])
		}
	}

	// Malformed requests get net/http's 400.
	resps, _, _ = exchange(t, addr, "POST / HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n", 1)
	if resps[0].StatusCode != 400 {
		t.Errorf("malformed request: status %d, want 400", resps[0].StatusCode)
	}
	// HTTP/1.0 and bare-LF heads work too.
	resps, bodies, _ = exchange(t, addr, "POST /old HTTP/1.0\nHost: h\nContent-Length: 1\n\nx", 1)
	if resps[0].StatusCode != 200 || bodies[0] != "POST /old host=h x= body=x" {
		t.Errorf("HTTP/1.0 request: %d %q", resps[0].StatusCode, bodies[0])
	}
}

func TestServerHonoursConnectionCloseAndHEAD(t *testing.T) {
	_, addr := start(t, echo)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "HEAD / HTTP/1.1\r\nHost: h\r\n\r\n"+post("/", "x", "Connection: close\r\n"))
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, &http.Request{Method: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	// The body is not sent; its length is, as net/http does.
	if resp.StatusCode != 200 || resp.ContentLength != int64(len("HEAD / host=h x= body=")) {
		t.Errorf("HEAD: %d, Content-Length %d", resp.StatusCode, resp.ContentLength)
	}
	resp, err = http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if !resp.Close || string(b) != "POST / host=h x=t body=x" {
		t.Errorf("Connection: close answered %q, close=%v", b, resp.Close)
	}
	if n, err := br.Read(make([]byte, 1)); err != io.EOF {
		t.Errorf("after Connection: close, read %d bytes, %v; want EOF", n, err)
	}
}

func TestServerDropsUnreadBodyAndSurvivesPanics(t *testing.T) {
	_, addr := start(t, echo)
	resps, bodies, _ := exchange(t, addr, post("/skip", "unread body")+post("/", "next"), 2)
	if bodies[0] != "skipped" || bodies[1] != "POST / host=h x=t body=next" || resps[1].StatusCode != 200 {
		t.Errorf("answers %q", bodies)
	}

	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, post("/panic", ""))
	if n, err := c.Read(make([]byte, 1)); err == nil {
		t.Errorf("a panicking handler's connection answered %d bytes", n)
	}
	if _, bodies, _ := exchange(t, addr, post("/", "alive"), 1); bodies[0] != "POST / host=h x=t body=alive" {
		t.Errorf("after a panic: %q", bodies[0])
	}
}

func TestServerWorksWithNetHTTPClient(t *testing.T) {
	_, addr := start(t, echo)
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range 20 {
		resp, err := client.Post("http://"+addr+"/c", "text/plain", strings.NewReader(fmt.Sprint(i)))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if want := fmt.Sprintf("POST /c host=%s x= body=%d", addr, i); string(b) != want {
			t.Fatalf("got %q, want %q", b, want)
		}
	}
}

// Shutdown lets a request in progress finish and answer, closes idle
// connections, and refuses new ones.
func TestServerShutdownDrainsInFlightRequests(t *testing.T) {
	release := make(chan struct{})
	var entered atomic.Bool
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	s := &Server{HTTP: &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			entered.Store(true)
			<-release
		}
		w.Write([]byte("done"))
	})}}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ln) }()

	_, _, idleConn := exchange(t, addr, post("/", ""), 1)

	slow, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	slow.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(slow, post("/slow", ""))
	for !entered.Load() {
		time.Sleep(time.Millisecond)
	}

	shut := make(chan error, 1)
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		shut <- s.Shutdown(ctx)
	}()
	// The idle connection is closed without an answer.
	idleConn.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := idleConn.Read(make([]byte, 1)); err == nil {
		t.Error("idle connection still open after Shutdown")
	}
	select {
	case err := <-shut:
		t.Fatalf("Shutdown returned (%v) with a request in flight", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	resp, err := http.ReadResponse(bufio.NewReader(slow), nil)
	if err != nil {
		t.Fatalf("in-flight request lost its answer: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "done" || !resp.Close {
		t.Errorf("in-flight answer %q, close=%v", b, resp.Close)
	}
	if err := <-shut; err != nil {
		t.Errorf("Shutdown: %v", err)
	}
	if err := <-served; !errors.Is(err, ErrServerClosed) {
		t.Errorf("Serve: %v", err)
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("listener still accepting after Shutdown")
	}
}

// A head that arrives a few bytes at a time is still read whole.
func TestServerReadsHeadArrivingInPieces(t *testing.T) {
	_, addr := start(t, echo)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	raw := post("/pieces", "body")
	for i := 0; i < len(raw); i += 7 {
		io.WriteString(c, raw[i:min(i+7, len(raw))])
		time.Sleep(time.Millisecond)
	}
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != "POST /pieces host=h x=t body=body" {
		t.Fatalf("answer %q", b)
	}
}

// A head longer than the fast path's buffer goes to net/http.
func TestServerHandsLongHeadsToNetHTTP(t *testing.T) {
	_, addr := start(t, echo)
	long := "X-Long: " + strings.Repeat("v", 2*bufferSize) + "\r\n"
	_, bodies, _ := exchange(t, addr, post("/long", "b", long)+post("/", "next"), 2)
	if bodies[0] != "POST /long host=h x=t body=b" || bodies[1] != "POST / host=h x=t body=next" {
		t.Fatalf("answers %q", bodies)
	}
}
