package reference_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dynabase/dynabase/engine"
	"github.com/dynabase/dynabase/examples/reference"
	"github.com/dynabase/dynabase/store"
)

// forEachStore runs f on the reference system over every store there is:
// the embedded engine, and the reference endpoint (DynamoDB Local in CI)
// named by DYNABASE_REFERENCE_ENDPOINT, opened as `dynabase serve --store`
// opens it.
func forEachStore(t *testing.T, f func(t *testing.T, h http.Handler)) {
	conns := []string{"mem:"}
	if ep := os.Getenv("DYNABASE_REFERENCE_ENDPOINT"); ep != "" {
		conns = append(conns, ep)
	}
	for _, conn := range conns {
		name := "embedded"
		if conn != "mem:" {
			name = "reference"
		}
		t.Run(name, func(t *testing.T) {
			s, err := store.Open(context.Background(), conn, engine.Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			f(t, newSystem(t, s.API).Handler)
		})
	}
}

// newSystem builds the system on db with its own tables and a clock that
// ticks one second per reading, from 2024-06-01.
func newSystem(t *testing.T, db store.API) *reference.System {
	t.Helper()
	var mu sync.Mutex
	now := time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)
	sys, err := reference.New(context.Background(), db, reference.Options{
		TablePrefix: uniquePrefix(t),
		Now: func() time.Time {
			mu.Lock()
			defer mu.Unlock()
			now = now.Add(time.Second)
			return now
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return sys
}

func uniquePrefix(t *testing.T) string {
	var b [4]byte
	rand.Read(b[:])
	return "t" + hex.EncodeToString(b[:]) + "-"
}

// step is one request and what must come back. In path, body, headers and
// every expectation, {name} stands for a value saved by an earlier step.
type step struct {
	name    string
	method  string
	path    string
	headers map[string]string
	body    string
	status  int
	// contains are substrings of the body; absent must not be in it;
	// order must appear in this order.
	contains, absent, order []string
	// header are exact response headers; headerHas substrings of them.
	header, headerHas map[string]string
	// save stores a member of the JSON answer ("id") under a name.
	save map[string]string
}

// scenario runs steps in order against h, as one client would.
type scenario struct {
	t    *testing.T
	h    http.Handler
	vars map[string]string
}

func newScenario(t *testing.T, h http.Handler) *scenario {
	return &scenario{t: t, h: h, vars: map[string]string{}}
}

func (s *scenario) expand(v string) string {
	for k, val := range s.vars {
		v = strings.ReplaceAll(v, "{"+k+"}", val)
	}
	return v
}

func (s *scenario) run(steps []step) {
	s.t.Helper()
	for _, st := range steps {
		s.do(st)
	}
}

func (s *scenario) do(st step) *httptest.ResponseRecorder {
	t := s.t
	t.Helper()
	var body io.Reader
	if st.body != "" {
		body = strings.NewReader(s.expand(st.body))
	}
	req := httptest.NewRequest(st.method, s.expand(st.path), body)
	if st.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range st.headers {
		req.Header.Set(k, s.expand(v))
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	got := rec.Body.String()
	where := st.name + ": " + st.method + " " + req.URL.String()
	if rec.Code != st.status {
		t.Fatalf("%s → %d, want %d: %s", where, rec.Code, st.status, got)
	}
	if rec.Code >= 500 {
		t.Fatalf("%s → %d", where, rec.Code)
	}
	if rec.Code >= 400 && rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("%s: error answered as %q, not a problem document: %s", where, rec.Header().Get("Content-Type"), got)
	}
	for _, want := range st.contains {
		if !strings.Contains(got, s.expand(want)) {
			t.Errorf("%s: body lacks %q: %s", where, s.expand(want), got)
		}
	}
	for _, not := range st.absent {
		if strings.Contains(got, s.expand(not)) {
			t.Errorf("%s: body has %q: %s", where, s.expand(not), got)
		}
	}
	at := 0
	for _, want := range st.order {
		i := strings.Index(got[at:], s.expand(want))
		if i < 0 {
			t.Errorf("%s: %q is not in the body after position %d (order %q): %s", where, s.expand(want), at, st.order, got)
			break
		}
		at += i + len(s.expand(want))
	}
	for h, want := range st.header {
		if v := rec.Header().Get(h); v != s.expand(want) {
			t.Errorf("%s: %s = %q, want %q", where, h, v, s.expand(want))
		}
	}
	for h, want := range st.headerHas {
		if v := rec.Header().Get(h); !strings.Contains(v, s.expand(want)) {
			t.Errorf("%s: %s = %q, want it to contain %q", where, h, v, s.expand(want))
		}
	}
	if len(st.save) > 0 {
		var doc map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
			t.Fatalf("%s: the answer is not a JSON object: %v", where, err)
		}
		for name, member := range st.save {
			v, ok := doc[member].(string)
			if !ok {
				t.Fatalf("%s: no string %q in %s", where, member, got)
			}
			s.vars[name] = v
		}
	}
	return rec
}
