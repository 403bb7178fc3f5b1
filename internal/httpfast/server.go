package httpfast

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"
)

// Server serves HTTP/1.1 connections, simple requests itself and the rest
// through HTTP, a net/http.Server whose Handler, ReadTimeout,
// ReadHeaderTimeout, IdleTimeout and WriteTimeout both paths use.
type Server struct {
	HTTP *http.Server
	// Logger receives handler panics; nil discards them.
	Logger *slog.Logger

	mu       sync.Mutex
	conns    map[*conn]struct{}
	closing  atomic.Bool // set under mu; read without it per request
	handoff  *handoffListener
	listener net.Listener
	served   sync.WaitGroup
	baseCtx  context.Context
	cancel   context.CancelFunc
}

const (
	// bufferSize bounds the head the fast path reads: longer heads go to
	// net/http (which allows 1 MB). SDK heads are well under 2 KB.
	bufferSize = 8 << 10
	// maxDrain is how much of an unread request body is read and dropped to
	// keep the connection; beyond it the connection is closed (net/http
	// uses 256 KB too).
	maxDrain = 256 << 10
)

// ErrServerClosed is returned by Serve after Shutdown.
var ErrServerClosed = http.ErrServerClosed

// Serve accepts connections on ln until Shutdown. It always returns an
// error: ErrServerClosed after Shutdown.
func (s *Server) Serve(ln net.Listener) error {
	s.mu.Lock()
	if s.closing.Load() {
		s.mu.Unlock()
		return ErrServerClosed
	}
	s.conns = map[*conn]struct{}{}
	s.listener = ln
	s.handoff = newHandoffListener(ln.Addr())
	s.baseCtx, s.cancel = context.WithCancel(context.Background())
	s.mu.Unlock()

	httpDone := make(chan error, 1)
	go func() { httpDone <- s.HTTP.Serve(s.handoff) }()

	var delay time.Duration
	for {
		c, err := ln.Accept()
		if err != nil {
			if s.closing.Load() {
				<-httpDone
				return ErrServerClosed
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				// Out of file descriptors and the like: back off as
				// net/http does rather than spin.
				delay = min(max(2*delay, 5*time.Millisecond), time.Second)
				time.Sleep(delay)
				continue
			}
			s.handoff.Close()
			<-httpDone
			return fmt.Errorf("httpfast: accept: %w", err)
		}
		delay = 0
		fc := &conn{srv: s, nc: c}
		if !s.track(fc) {
			c.Close()
			continue
		}
		go fc.serve()
	}
}

func (s *Server) track(c *conn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing.Load() {
		return false
	}
	s.conns[c] = struct{}{}
	s.served.Add(1)
	return true
}

func (s *Server) untrack(c *conn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
	s.served.Done()
}

// Shutdown stops accepting connections, closes idle ones, lets every
// request in progress finish (its connection then closes), and returns
// when all are done or ctx ends. Connections handed to net/http are shut
// down by its Shutdown, with the same ctx.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing.Store(true)
	var lnErr error
	if s.listener != nil {
		lnErr = s.listener.Close()
	}
	for c := range s.conns {
		c.closeIfIdle()
	}
	s.mu.Unlock()

	httpErr := s.HTTP.Shutdown(ctx) // also closes the handoff listener
	done := make(chan struct{})
	go func() { s.served.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if s.cancel != nil {
		s.cancel()
	}
	if httpErr != nil {
		return httpErr
	}
	if lnErr != nil && !errors.Is(lnErr, net.ErrClosed) {
		return fmt.Errorf("httpfast: close listener: %w", lnErr)
	}
	return nil
}

// conn is one client connection on the fast path.
type conn struct {
	srv *Server
	nc  net.Conn
	br  *bufio.Reader

	mu         sync.Mutex // guards active and closed against Shutdown
	active     bool
	closed     bool
	remoteAddr string
	w          responseWriter
}

var readerPool = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, bufferSize) }}

// closeIfIdle closes the connection when it is between requests. Called
// by Shutdown with the server's lock held.
func (c *conn) closeIfIdle() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.active && !c.closed {
		c.closed = true
		c.nc.Close()
	}
}

// setActive marks a request as started or finished. false means the
// connection must close: Shutdown closed it while it was idle, or, when a
// request finishes, Shutdown has begun (it may have passed this connection
// over while it was active, so it will not close it as idle).
func (c *conn) setActive(active bool) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed || (!active && c.srv.closing.Load()) {
		return false
	}
	c.active = active
	return true
}

func (c *conn) serve() {
	handedOff := false
	defer func() {
		if !handedOff {
			c.mu.Lock()
			c.closed = true
			c.mu.Unlock()
			c.nc.Close()
		}
		if c.br != nil && !handedOff {
			c.br.Reset(nil)
			readerPool.Put(c.br)
		}
		c.srv.untrack(c)
	}()
	c.br = readerPool.Get().(*bufio.Reader)
	c.br.Reset(c.nc)
	c.remoteAddr = c.nc.RemoteAddr().String()
	c.w.header = make(http.Header, 8)
	hs := c.srv.HTTP
	ctx, cancel := context.WithCancel(c.srv.baseCtx)
	defer cancel()
	template := (&http.Request{}).WithContext(ctx)

	for {
		if hs.IdleTimeout > 0 {
			c.nc.SetReadDeadline(time.Now().Add(hs.IdleTimeout))
		}
		if _, err := c.br.Peek(1); err != nil {
			return
		}
		if !c.setActive(true) {
			return
		}
		raw, ok := c.readHead()
		var h head
		if ok {
			h, ok = parseHead(raw)
		}
		if !ok {
			// net/http takes the connection, bytes already read included,
			// and keeps it: from here on it is its connection.
			if c.srv.handoff.give(&handoffConn{Conn: c.nc, r: c.br}) {
				handedOff = true
			}
			return
		}
		c.br.Discard(len(raw))
		if hs.WriteTimeout > 0 {
			c.nc.SetWriteDeadline(time.Now().Add(hs.WriteTimeout))
		}
		keep := c.serveRequest(template, &h)
		if !c.setActive(false) || !keep {
			return
		}
	}
}

// readHead returns the bytes of the next request head, without consuming
// them; ok is false when the head is not one the fast path reads (bare LF
// line ends, or longer than its buffer) or the connection failed (then
// net/http sees the same failure).
//
// Deadlines: the idle deadline set before the request's first byte stays in
// force when the whole head arrived with that byte, which is the usual case
// (one deadline change per request instead of three). A head that arrives
// in pieces gets ReadHeaderTimeout, and its body then ReadTimeout (or no
// deadline), as in net/http.
func (c *conn) readHead() ([]byte, bool) {
	buf, _ := c.br.Peek(c.br.Buffered())
	if end := headEnd(buf); end > 0 {
		if t := c.srv.HTTP.ReadTimeout; t > 0 {
			c.nc.SetReadDeadline(time.Now().Add(t))
		}
		return buf[:end], true
	} else if end < 0 {
		return nil, false
	}
	start := time.Now()
	if t := c.srv.HTTP.ReadHeaderTimeout; t > 0 {
		c.nc.SetReadDeadline(start.Add(t))
	}
	for n := len(buf) + 1; ; {
		buf, err := c.br.Peek(n)
		switch end := headEnd(buf); {
		case end > 0:
			var bodyDeadline time.Time // none, as in net/http without ReadTimeout
			if t := c.srv.HTTP.ReadTimeout; t > 0 {
				bodyDeadline = start.Add(t)
			}
			c.nc.SetReadDeadline(bodyDeadline)
			return buf[:end], true
		case end < 0:
			return nil, false
		}
		if err != nil || len(buf) >= bufferSize {
			return nil, false
		}
		n = len(buf) + 1 // Peek reads whatever has arrived, at least one byte
	}
}

// serveRequest runs the handler for one request and writes its response.
// It reports whether the connection can serve another request.
func (c *conn) serveRequest(template *http.Request, h *head) (keep bool) {
	req := &request{Request: *template}
	r := &req.Request
	r.Method = h.method
	r.URL = h.url
	r.Proto, r.ProtoMajor, r.ProtoMinor = "HTTP/1.1", 1, 1
	r.Header = h.header
	r.Host = h.host
	r.RemoteAddr = c.remoteAddr
	r.RequestURI = h.target
	r.Close = h.close
	r.ContentLength = h.contentLength
	if h.contentLength > 0 {
		req.body = body{r: c.br, left: h.contentLength}
		r.Body = &req.body
	} else {
		r.Body = http.NoBody
	}

	c.w.reset()
	if !c.callHandler(&c.w, r) {
		return false
	}
	keep = !h.close && !c.srv.closing.Load()
	if left := req.body.left; left > 0 {
		// The handler left part of the body unread: drop it to find the
		// next request, unless that means reading a lot.
		if left > maxDrain {
			keep = false
		} else if _, err := c.br.Discard(int(left)); err != nil {
			keep = false
		}
	}
	out := c.w.serialise(h.method == http.MethodHead, !keep)
	if _, err := c.nc.Write(out); err != nil {
		return false
	}
	if cap(c.w.body) > 1<<20 { // do not keep a large buffer for an idle connection
		c.w.body, c.w.out = nil, nil
	}
	return keep
}

// callHandler runs the handler, recovering a panic as net/http does: the
// panic is logged and the connection closed without a response
// (http.ErrAbortHandler is not logged).
func (c *conn) callHandler(w *responseWriter, r *http.Request) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			ok = false
			if p != http.ErrAbortHandler && c.srv.Logger != nil {
				c.srv.Logger.Error("httpfast: panic serving request", "remote", c.remoteAddr,
					"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			}
		}
	}()
	c.srv.HTTP.Handler.ServeHTTP(w, r)
	return true
}

// request holds a request with its body reader, in one allocation.
type request struct {
	http.Request
	body body
}

// body reads a Content-Length body from the connection's reader.
type body struct {
	r    io.Reader
	left int64
}

func (b *body) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	if err == io.EOF && b.left > 0 {
		err = io.ErrUnexpectedEOF
	}
	if b.left == 0 && err == nil {
		err = io.EOF
	}
	return n, err
}

func (b *body) Close() error { return nil }
