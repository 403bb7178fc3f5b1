package wire

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"sync"
)

// Options configure a handler. The zero value serves any client that signs
// its requests, as DynamoDB Local does.
type Options struct {
	// Credentials maps access key IDs to secret keys. When it is non-empty
	// every request's SigV4 signature is verified against it; when it is nil
	// or empty any well-formed SigV4 Authorization is accepted.
	Credentials map[string]string
	// Logger receives backend failures and recovered panics. nil means
	// slog.Default().
	Logger *slog.Logger
	// MaxBodyBytes caps the request body. 0 means 16 MiB, DynamoDB's limit;
	// a larger body is answered with 413 and no body, as DynamoDB does.
	MaxBodyBytes int64
}

// DefaultMaxBodyBytes is DynamoDB's request size limit.
const DefaultMaxBodyBytes = 16 << 20

// targetPrefix is the service and API version part of X-Amz-Target.
const targetPrefix = "DynamoDB_20120810."

// Bodies of the answers DynamoDB's front end gives before it gets to JSON.
const (
	// For a method other than GET and POST, or a body of another media type.
	notFoundBody = "<UnknownOperationException/>\n"
	// GET is a health check; DynamoDB puts its own host name here.
	healthPrefix = "healthy: "
)

// handler serves the DynamoDB JSON 1.0 protocol in front of a Backend.
type handler struct {
	ops     map[string]operationFunc
	auth    *authenticator
	log     *slog.Logger
	maxBody int64
}

// NewHandler returns an http.Handler that speaks DynamoDB's JSON protocol
// (X-Amz-Target: DynamoDB_20120810.<Operation>) in front of b. It is safe
// for concurrent use and answers every request the way Amazon DynamoDB
// answers it, errors included; see the package documentation.
func NewHandler(b Backend, opts Options) http.Handler {
	h := &handler{
		ops:     operations(b),
		auth:    newAuthenticator(opts.Credentials),
		log:     opts.Logger,
		maxBody: opts.MaxBodyBytes,
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	return h
}

var bodyPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// ServeHTTP checks the request in the order DynamoDB does (size, method and
// media type, JSON syntax, target, authentication, presence of a body, member
// types), so that a request with several problems gets DynamoDB's answer for
// the first.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > h.maxBody {
		tooLarge(w)
		return
	}
	bufp := bodyPool.Get().(*[]byte)
	defer func() {
		if cap(*bufp) <= maxPooledBuffer {
			bodyPool.Put(bufp)
		}
	}()
	if cl := r.ContentLength; cl > 0 && int64(cap(*bufp)) <= cl {
		// One allocation of the announced size (plus room to see EOF), up to
		// a point: a client announcing 16 MiB has to send it to get it.
		*bufp = make([]byte, 0, min(cl+1, maxPooledBuffer))
	}
	body, overMax, readErr := readBody(r.Body, (*bufp)[:0], h.maxBody)
	*bufp = body
	if overMax {
		tooLarge(w)
		return
	}

	requestID := newRequestID()
	w.Header()[headerRequestID] = []string{requestID}
	origin := headerValue(r.Header, "Origin") != ""
	if origin {
		// Browsers call DynamoDB directly; it allows any origin.
		w.Header()["Access-Control-Allow-Origin"] = []string{"*"}
	}
	rp := &reply{w: w, gzip: acceptsGzip(r.Header["Accept-Encoding"])}

	switch {
	case r.Method == http.MethodOptions && origin:
		h.preflight(w, r)
		return
	case r.Method == http.MethodGet:
		rp.gzip = false
		rp.send(http.StatusOK, []byte(healthPrefix+r.Host+" "))
		return
	}
	mediaType := mediaType(headerValue(r.Header, "Content-Type"))
	isAmzJSON := strings.EqualFold(mediaType, contentTypeAmzJSON)
	if r.Method != http.MethodPost || (len(body) > 0 && !isAmzJSON && !strings.EqualFold(mediaType, contentTypeJSON)) {
		rp.gzip = false
		rp.send(http.StatusNotFound, []byte(notFoundBody))
		return
	}
	// DynamoDB answers in the media type it was asked in.
	rp.contentType = contentTypeJSON
	if isAmzJSON {
		rp.contentType = contentTypeAmzJSON
	}

	e := getEncoder()
	defer putEncoder(e)
	if readErr != nil {
		h.log.Debug("wire: reading request body", "requestId", requestID, "error", readErr)
		h.fail(rp, e, errSyntax, "", requestID)
		return
	}
	// A body that is not JSON is reported before an unknown target or a bad
	// signature. Checking that takes a pass over the body, which a request
	// that passes both checks does not need: decoding checks it anyway.
	opName, op := h.lookup(headerValue(r.Header, "X-Amz-Target"))
	if op == nil {
		h.fail(rp, e, syntaxFirst(body, errUnknownOperation), "", requestID)
		return
	}
	if err := h.auth.authenticate(r, body); err != nil {
		h.fail(rp, e, syntaxFirst(body, err), opName, requestID)
		return
	}
	if len(body) == 0 {
		h.fail(rp, e, errSyntax, opName, requestID)
		return
	}
	ctx := r.Context()
	if opName == opDescribeEndpoints {
		ctx = withRequestHost(ctx, r.Host)
	}
	if err := h.call(ctx, op, body, e, opName, requestID); err != nil {
		e.buf = e.buf[:0]
		h.fail(rp, e, err, opName, requestID)
		return
	}
	rp.send(http.StatusOK, e.buf)
}

// tooLarge answers a body over the limit as DynamoDB does, with 413 and no
// body, before anything else is looked at.
func tooLarge(w http.ResponseWriter) {
	rp := reply{w: w}
	w.Header()[headerRequestID] = []string{newRequestID()}
	rp.send(http.StatusRequestEntityTooLarge, nil)
}

// syntaxFirst returns the bare SerializationException if body is present
// and not JSON, and err otherwise.
func syntaxFirst(body []byte, err error) error {
	if len(body) > 0 && !validJSON(body) {
		return errSyntax
	}
	return err
}

// lookup resolves X-Amz-Target to an operation; nil means DynamoDB's
// UnknownOperationException (no target, another service or API version, or
// an operation this handler does not serve).
func (h *handler) lookup(target string) (string, operationFunc) {
	name, ok := strings.CutPrefix(target, targetPrefix)
	if !ok {
		return "", nil
	}
	return name, h.ops[name]
}

// call runs op, turning a panic in the backend (or anywhere in the codec)
// into an internal error after logging it with its stack.
func (h *handler) call(ctx context.Context, op operationFunc, body []byte, e *encoder, opName, requestID string) (err error) {
	defer func() {
		if p := recover(); p != nil {
			h.log.Error("wire: panic serving request", "operation", opName, "requestId", requestID,
				"panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			err = errInternal
		}
	}()
	return op(ctx, body, e)
}

// fail writes the error answer for err.
func (h *handler) fail(rp *reply, e *encoder, err error, opName, requestID string) {
	status, internal := encodeError(e, err)
	if internal && !errors.Is(err, errInternal) {
		h.log.Error("wire: backend failed", "operation", opName, "requestId", requestID, "error", err)
	}
	rp.send(status, e.buf)
}

// preflight answers a CORS preflight request as DynamoDB does.
func (h *handler) preflight(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	if v := r.Header.Get("Access-Control-Request-Headers"); v != "" {
		hd.Set("Access-Control-Allow-Headers", v)
	}
	if v := r.Header.Get("Access-Control-Request-Method"); v != "" {
		hd.Set("Access-Control-Allow-Methods", v)
	}
	hd.Set("Access-Control-Max-Age", "172800")
	hd.Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// headerValue is Header.Get for a key already in canonical form, without
// canonicalizing it again on every request.
func headerValue(h http.Header, canonicalKey string) string {
	if v := h[canonicalKey]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// mediaType strips parameters and spaces from a Content-Type value.
func mediaType(ct string) string {
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	return strings.TrimSpace(ct)
}

// readBody reads at most max bytes of r into buf. tooLarge reports a body
// longer than max; err a body that could not be read (a broken chunked
// encoding, a client that went away).
func readBody(r io.Reader, buf []byte, max int64) (body []byte, tooLarge bool, err error) {
	if r == nil || r == http.NoBody {
		return buf, false, nil
	}
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, rerr := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if int64(len(buf)) > max {
			return buf, true, nil
		}
		if rerr == io.EOF {
			return buf, false, nil
		}
		if rerr != nil {
			return buf, false, rerr
		}
	}
}
