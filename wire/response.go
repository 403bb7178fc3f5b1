package wire

import (
	"bytes"
	"compress/gzip"
	"hash/crc32"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Every DynamoDB response carries x-amzn-RequestId and x-amz-crc32. The CRC
// is the IEEE CRC-32 of the body bytes exactly as sent: when the client asked
// for gzip it covers the compressed bytes. That is what the SDKs check
// (aws-sdk-go-v2 wraps the raw transport body in its CRC reader before its
// gzip reader; botocore reads the body with decode_content=False), and a
// mismatch makes them retry or fail the call.

const (
	headerRequestID = "X-Amzn-Requestid"
	headerCRC32     = "X-Amz-Crc32"

	contentTypeAmzJSON = "application/x-amz-json-1.0"
	contentTypeJSON    = "application/json"
)

// requestIDAlphabet and the 52-character length are DynamoDB's format.
const requestIDAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"

// newRequestID returns a random 52-character [A-Z0-9] request ID. It needs to
// be unique, not secret, so it uses the fast per-thread generator.
func newRequestID() string {
	var b [52]byte
	for i := 0; i < len(b); {
		// 36^12 < 2^64: twelve characters per draw, negligible bias.
		r := rand.Uint64()
		for j := 0; j < 12 && i < len(b); j++ {
			b[i] = requestIDAlphabet[r%36]
			r /= 36
			i++
		}
	}
	return string(b[:])
}

// reply is the response to one request: where it goes and how it is framed.
type reply struct {
	w           http.ResponseWriter
	contentType string // "" writes no Content-Type
	gzip        bool
}

var gzipPool = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed)
	return w
}}

var gzipBufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// send writes status and body with the content headers and the checksum.
// x-amzn-RequestId is already set.
func (rp *reply) send(status int, body []byte) {
	h := rp.w.Header()
	if rp.contentType != "" {
		h["Content-Type"] = []string{rp.contentType}
	} else {
		// Keep net/http from sniffing one.
		h["Content-Type"] = nil
	}
	if rp.gzip && len(body) > 0 {
		buf := gzipBufPool.Get().(*bytes.Buffer)
		buf.Reset()
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(buf)
		_, _ = zw.Write(body)
		_ = zw.Close()
		gzipPool.Put(zw)
		h["Content-Encoding"] = []string{"gzip"}
		rp.write(status, buf.Bytes())
		if buf.Cap() <= maxPooledBuffer {
			gzipBufPool.Put(buf)
		}
		return
	}
	rp.write(status, body)
}

func (rp *reply) write(status int, body []byte) {
	h := rp.w.Header()
	h[headerCRC32] = []string{strconv.FormatUint(uint64(crc32.ChecksumIEEE(body)), 10)}
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	rp.w.WriteHeader(status)
	_, _ = rp.w.Write(body)
}

// acceptsGzip reports whether an Accept-Encoding header names gzip with a
// non-zero quality. A bare "*" is not taken as a request for gzip: clients
// that can decompress say so.
func acceptsGzip(header []string) bool {
	for _, line := range header {
		for part := range strings.SplitSeq(line, ",") {
			name, params, _ := strings.Cut(part, ";")
			name = strings.TrimSpace(name)
			if !strings.EqualFold(name, "gzip") {
				continue
			}
			q := 1.0
			for p := range strings.SplitSeq(params, ";") {
				k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
				if strings.EqualFold(strings.TrimSpace(k), "q") {
					if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
						q = f
					}
				}
			}
			if q > 0 {
				return true
			}
		}
	}
	return false
}
