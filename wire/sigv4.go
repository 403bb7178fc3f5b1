package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dynabase/dynabase/engine/apierr"
)

// Authentication follows AWS Signature Version 4 as DynamoDB applies it,
// with DynamoDB's error codes and messages, in DynamoDB's order:
//
//  1. both an Authorization header and an X-Amz-Algorithm query parameter:
//     InvalidSignatureException;
//  2. neither, or a header not starting "AWS4-": MissingAuthenticationToken;
//  3. missing Credential, Signature, SignedHeaders or date:
//     IncompleteSignatureException listing everything missing;
//  4. a date not in ISO-8601 basic format: IncompleteSignatureException;
//  5. a date more than 15 minutes off: InvalidSignatureException;
//  6. Host not signed: InvalidSignatureException;
//  7. an algorithm other than AWS4-HMAC-SHA256, or a credential that is not
//     keyid/date/region/service/aws4_request: IncompleteSignatureException;
//  8. a credential scope for another service or day: InvalidSignatureException;
//  9. an unknown access key: UnrecognizedClientException;
//  10. a wrong signature: InvalidSignatureException.
//
// Without configured credentials the handler behaves like DynamoDB Local:
// it accepts any well-formed signature, so steps 5, 8, 9 and 10 (the ones
// that need a clock, a region policy or a secret) are skipped.
//
// Verification recomputes the signature from the headers the client says it
// signed. The SDK's v4 signer cannot do that: it chooses the headers to sign
// itself (it never signs User-Agent, which other SDKs do), so it is used in
// the tests, to produce requests, rather than here.

const (
	authAlgorithm = "AWS4-HMAC-SHA256"
	authService   = "dynamodb"
	authTerm      = "aws4_request"
	amzDateFormat = "20060102T150405Z"
	maxClockSkew  = 15 * time.Minute

	msgMissingToken     = "Request is missing Authentication Token"
	msgBothAuth         = "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
	msgUnrecognized     = "The security token included in the request is invalid."
	msgSignatureInvalid = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details."
	msgHostNotSigned = "'Host' must be a 'SignedHeader' in the AWS Authorization."
)

func incomplete(msg string) error { return apierr.New(apierr.CodeIncompleteSignature, msg) }
func invalid(msg string) error    { return apierr.New(apierr.CodeInvalidSignature, msg) }

// authenticator checks request signatures.
type authenticator struct {
	secrets map[string]string // nil: accept any well-formed signature
	now     func() time.Time

	mu   sync.Mutex
	keys map[string][]byte // derived signing keys by key id + scope
}

func newAuthenticator(credentials map[string]string) *authenticator {
	a := &authenticator{now: time.Now}
	if len(credentials) > 0 {
		a.secrets = make(map[string]string, len(credentials))
		for k, v := range credentials {
			a.secrets[k] = v
		}
		a.keys = make(map[string][]byte)
	}
	return a
}

// signature is what a request says about its own signing.
type signature struct {
	header        string // the Authorization header, for messages
	presigned     bool   // from the query string
	algorithm     string
	credential    string
	signedHeaders string
	signature     string
	date          string // as sent: X-Amz-Date (or Date, reformatted)
	expires       string // X-Amz-Expires of a presigned request
}

// authenticate returns nil or the DynamoDB error for r's signature.
func (a *authenticator) authenticate(r *http.Request, body []byte) error {
	sig, err := parseSignature(r)
	if err != nil {
		return err
	}
	// Only verification needs the time itself; the format check is enough
	// otherwise, and much cheaper than time.Parse on every request.
	if !isAmzDate(sig.date) {
		return incomplete("Date must be in ISO-8601 'basic format'. Got '" + sig.date + "'. See http://en.wikipedia.org/wiki/ISO_8601")
	}
	verify := a.secrets != nil
	if verify {
		t, err := time.Parse(amzDateFormat, sig.date)
		if err != nil {
			return incomplete("Date must be in ISO-8601 'basic format'. Got '" + sig.date + "'. See http://en.wikipedia.org/wiki/ISO_8601")
		}
		if err := a.checkClock(t, sig); err != nil {
			return err
		}
	}
	if !signsHost(sig.signedHeaders) {
		return invalid(msgHostNotSigned)
	}
	if sig.algorithm != authAlgorithm {
		return incomplete("Unsupported AWS 'algorithm': '" + sig.algorithm + "' (only " + authAlgorithm + " for now). ")
	}
	trimmed := strings.TrimRight(sig.credential, "/")
	if strings.Count(trimmed, "/") != 4 {
		return incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '" + sig.credential + "'")
	}
	if !verify {
		return nil
	}
	scope := strings.Split(trimmed, "/")
	keyID, day, region, service, term := scope[0], scope[1], scope[2], scope[3], scope[4]
	var problems []string
	if region == "" {
		problems = append(problems, "Credential should be scoped to a valid region, not '"+region+"'.")
	}
	if service != authService {
		problems = append(problems, "Credential should be scoped to correct service: '"+authService+"'.")
	}
	if term != authTerm {
		problems = append(problems, "Credential should be scoped with a valid terminator: '"+authTerm+"', not '"+term+"'.")
	}
	if day != sig.date[:8] {
		problems = append(problems, "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"+
			day+"' != '"+sig.date[:8]+"', from '"+sig.date+"'.")
	}
	if len(problems) > 0 {
		return invalid(strings.Join(problems, " "))
	}
	secret, ok := a.secrets[keyID]
	if !ok {
		return apierr.New(apierr.CodeUnrecognizedClient, msgUnrecognized)
	}
	want := a.sign(keyID, secret, day, region, service, stringToSign(r, body, sig, day+"/"+region+"/"+service+"/"+term))
	if !hmac.Equal([]byte(want), []byte(sig.signature)) {
		return invalid(msgSignatureInvalid)
	}
	return nil
}

func signsHost(signedHeaders string) bool {
	for h := range strings.SplitSeq(signedHeaders, ";") {
		if strings.EqualFold(h, "host") {
			return true
		}
	}
	return false
}

// parseSignature finds the signature in the Authorization header or the
// query string and reports what is missing (steps 1 to 3).
func parseSignature(r *http.Request) (signature, error) {
	header := headerValue(r.Header, "Authorization")
	var query url.Values
	if r.URL.RawQuery != "" {
		query = r.URL.Query()
	}
	_, inQuery := query["X-Amz-Algorithm"]
	switch {
	case header != "" && inQuery:
		return signature{}, invalid(msgBothAuth)
	case header == "" && !inQuery, header != "" && !strings.HasPrefix(strings.TrimSpace(header), "AWS4-"):
		return signature{}, apierr.New(apierr.CodeMissingAuthToken, msgMissingToken)
	case inQuery:
		return parseQuerySignature(query)
	}
	return parseHeaderSignature(r, header)
}

func parseHeaderSignature(r *http.Request, header string) (signature, error) {
	sig := signature{header: header}
	var seenSignedHeaders bool
	// The header is the algorithm, then key=value pairs separated by commas
	// and/or spaces.
	rest := header
	for first := true; ; first = false {
		rest = strings.TrimLeft(rest, ", ")
		if rest == "" {
			break
		}
		end := strings.IndexAny(rest, ", ")
		if end < 0 {
			end = len(rest)
		}
		f := rest[:end]
		rest = rest[end:]
		if first {
			sig.algorithm = f
			continue
		}
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return sig, incomplete("'" + f + "' not a valid key=value pair (missing equal-sign) in Authorization header: '" + header + "'.")
		}
		switch k {
		case "Credential":
			sig.credential = v
		case "Signature":
			sig.signature = v
		case "SignedHeaders":
			sig.signedHeaders, seenSignedHeaders = v, true
		}
	}
	var msg strings.Builder
	if sig.credential == "" {
		msg.WriteString("Authorization header requires 'Credential' parameter. ")
	}
	if sig.signature == "" {
		msg.WriteString("Authorization header requires 'Signature' parameter. ")
	}
	if !seenSignedHeaders {
		// An empty SignedHeaders is present; it fails the Host check later.
		msg.WriteString("Authorization header requires 'SignedHeaders' parameter. ")
	}
	if d := headerValue(r.Header, "X-Amz-Date"); d != "" {
		sig.date = d
	} else if d := headerValue(r.Header, "Date"); d != "" {
		sig.date = d
		if t, err := http.ParseTime(d); err == nil {
			sig.date = t.UTC().Format(amzDateFormat)
		}
	} else {
		msg.WriteString("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ")
	}
	if msg.Len() > 0 {
		return sig, incomplete(msg.String() + "Authorization=" + header)
	}
	return sig, nil
}

func parseQuerySignature(q url.Values) (signature, error) {
	sig := signature{
		presigned:     true,
		algorithm:     q.Get("X-Amz-Algorithm"),
		credential:    q.Get("X-Amz-Credential"),
		signature:     q.Get("X-Amz-Signature"),
		signedHeaders: q.Get("X-Amz-SignedHeaders"),
		date:          q.Get("X-Amz-Date"),
		expires:       q.Get("X-Amz-Expires"),
	}
	var msg strings.Builder
	for _, p := range [...]struct{ name, v string }{
		{"X-Amz-Algorithm", sig.algorithm},
		{"X-Amz-Credential", sig.credential},
		{"X-Amz-Signature", sig.signature},
		{"X-Amz-SignedHeaders", sig.signedHeaders},
		{"X-Amz-Date", sig.date},
	} {
		if p.v == "" {
			msg.WriteString("AWS query-string parameters must include '" + p.name + "'. ")
		}
	}
	if msg.Len() > 0 {
		return sig, incomplete(msg.String() + "Re-examine the query-string parameters.")
	}
	return sig, nil
}

// checkClock rejects a signature dated too far from now (step 5). A
// presigned request is valid from its date until X-Amz-Expires seconds later.
func (a *authenticator) checkClock(t time.Time, sig signature) error {
	now := a.now().UTC()
	if sig.presigned && sig.expires != "" {
		if secs, err := strconv.Atoi(sig.expires); err == nil && secs >= 0 {
			if end := t.Add(time.Duration(secs) * time.Second); now.After(end) {
				return invalid("Signature expired: " + sig.date + " is now earlier than " +
					now.Add(-time.Duration(secs)*time.Second).Format(amzDateFormat) + " (" +
					now.Format(amzDateFormat) + " - " + sig.expires + " sec.)")
			}
			if t.After(now.Add(maxClockSkew)) {
				return notYetCurrent(sig.date, now)
			}
			return nil
		}
	}
	if t.Before(now.Add(-maxClockSkew)) {
		return invalid("Signature expired: " + sig.date + " is now earlier than " +
			now.Add(-maxClockSkew).Format(amzDateFormat) + " (" + now.Format(amzDateFormat) + " - 15 min.)")
	}
	if t.After(now.Add(maxClockSkew)) {
		return notYetCurrent(sig.date, now)
	}
	return nil
}

func notYetCurrent(date string, now time.Time) error {
	return invalid("Signature not yet current: " + date + " is still later than " +
		now.Add(maxClockSkew).Format(amzDateFormat) + " (" + now.Format(amzDateFormat) + " + 15 min.)")
}

// sign returns the hex signature of stringToSign with the key derived from
// secret for the scope, caching derived keys (one per key, day and region).
func (a *authenticator) sign(keyID, secret, day, region, service, stringToSign string) string {
	cacheKey := keyID + "/" + day + "/" + region + "/" + service
	a.mu.Lock()
	key, ok := a.keys[cacheKey]
	a.mu.Unlock()
	if !ok {
		key = hmacSHA256([]byte("AWS4"+secret), day)
		key = hmacSHA256(key, region)
		key = hmacSHA256(key, service)
		key = hmacSHA256(key, authTerm)
		a.mu.Lock()
		if len(a.keys) >= 1024 {
			clear(a.keys) // bound the cache; keys are cheap to derive again
		}
		a.keys[cacheKey] = key
		a.mu.Unlock()
	}
	return hex.EncodeToString(hmacSHA256(key, stringToSign))
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// stringToSign builds SigV4's string to sign for r over the headers the
// client listed in SignedHeaders, in the order it listed them.
func stringToSign(r *http.Request, body []byte, sig signature, scope string) string {
	var c strings.Builder
	c.WriteString(r.Method)
	c.WriteByte('\n')
	c.WriteString(canonicalURI(r.URL))
	c.WriteByte('\n')
	c.WriteString(canonicalQuery(r.URL.RawQuery, sig.presigned))
	c.WriteByte('\n')
	for name := range strings.SplitSeq(sig.signedHeaders, ";") {
		c.WriteString(strings.ToLower(name))
		c.WriteByte(':')
		c.WriteString(canonicalHeaderValue(r, name))
		c.WriteByte('\n')
	}
	c.WriteByte('\n')
	c.WriteString(sig.signedHeaders)
	c.WriteByte('\n')
	c.WriteString(sha256Hex(body))
	return authAlgorithm + "\n" + sig.date + "\n" + scope + "\n" + sha256Hex([]byte(c.String()))
}

// canonicalURI is the escaped path, escaped once more, as every AWS service
// but S3 expects.
func canonicalURI(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	return uriEncode(p, false)
}

// canonicalQuery sorts and re-encodes the query parameters; a presigned
// request's own signature is not part of what it signs.
func canonicalQuery(raw string, presigned bool) string {
	if raw == "" {
		return ""
	}
	type kv struct{ k, v string }
	var params []kv
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		if uk, err := url.QueryUnescape(k); err == nil {
			k = uk
		}
		if uv, err := url.QueryUnescape(v); err == nil {
			v = uv
		}
		if presigned && k == "X-Amz-Signature" {
			continue
		}
		params = append(params, kv{uriEncode(k, true), uriEncode(v, true)})
	}
	slices.SortFunc(params, func(a, b kv) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	var b strings.Builder
	for i, p := range params {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(p.k)
		b.WriteByte('=')
		b.WriteString(p.v)
	}
	return b.String()
}

// uriEncode percent-encodes every byte but the unreserved ones (and '/'
// unless encodeSlash), with upper-case hex, as SigV4 specifies.
func uriEncode(s string, encodeSlash bool) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~', c == '/' && !encodeSlash:
			b.WriteByte(c)
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&0xF])
		}
	}
	return b.String()
}

// canonicalHeaderValue is the value of a signed header as SigV4 canonicalizes
// it: all values joined by commas, each trimmed with inner runs of spaces
// collapsed. net/http moves some headers out of the header map; they are
// read back from the request.
func canonicalHeaderValue(r *http.Request, name string) string {
	var values []string
	switch strings.ToLower(name) {
	case "host":
		values = []string{r.Host}
	case "content-length":
		values = r.Header.Values("Content-Length")
		if len(values) == 0 && r.ContentLength >= 0 {
			values = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
	case "transfer-encoding":
		values = r.TransferEncoding
	default:
		values = r.Header.Values(name)
	}
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteByte(',')
		}
		// Trim, and collapse runs of spaces to one.
		v = strings.Trim(v, " \t")
		for j := 0; j < len(v); j++ {
			if v[j] == ' ' && j > 0 && v[j-1] == ' ' {
				continue
			}
			b.WriteByte(v[j])
		}
	}
	return b.String()
}

// isAmzDate reports whether s has the form time.Parse accepts for
// amzDateFormat ("20060102T150405Z") with values in range, without parsing it
// into a time.
func isAmzDate(s string) bool {
	if len(s) != len(amzDateFormat) || s[8] != 'T' || s[15] != 'Z' {
		return false
	}
	num := func(i, j int) int {
		n := 0
		for _, c := range []byte(s[i:j]) {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	month, day := num(4, 6), num(6, 8)
	hour, minute, sec := num(9, 11), num(11, 13), num(13, 15)
	if num(0, 4) < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 ||
		minute < 0 || minute > 59 || sec < 0 || sec > 59 {
		return false
	}
	year := num(0, 4)
	return day <= daysIn(month, year)
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
