package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// testKey is long and distinctive so that a leak shows up in any string
// search, even inside a truncated message.
const testKey = "sk_test_7Hq2pLx9Vb4Nw8Rz-DO-NOT-LEAK"

// harness is a fake API behind an httptest server and a Client pointed at it.
type harness struct {
	fake *fakeapi.Server
	srv  *httptest.Server
	c    *Client

	mu    sync.Mutex
	waits []time.Duration
}

// fastConfig makes retries quick and the timeout short enough for hang tests
// without making any assertion depend on wall-clock speed.
func fastConfig(baseURL string) Config {
	return Config{
		BaseURL:        baseURL,
		APIKey:         testKey,
		MaxRetries:     3,
		RequestTimeout: 10 * time.Second,
		Backoff:        time.Millisecond,
		MaxBackoff:     time.Millisecond,
		MaxRetryWait:   time.Millisecond,
	}
}

func newHarness(t *testing.T, mod func(*Config)) *harness {
	t.Helper()
	h := &harness{fake: fakeapi.New(testKey)}
	h.srv = httptest.NewServer(h.fake)
	t.Cleanup(h.srv.Close)
	cfg := fastConfig(h.srv.URL)
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	h.c = c
	return h
}

// recordWaits replaces the client's sleep with one that records the wait it
// was asked for and returns at once, and makes jitter the identity so the
// recorded waits are exact.
func (h *harness) recordWaits() {
	h.c.jitter = func(d time.Duration) time.Duration { return d }
	h.c.sleep = func(ctx context.Context, d time.Duration) error {
		h.mu.Lock()
		h.waits = append(h.waits, d)
		h.mu.Unlock()
		return ctx.Err()
	}
}

func (h *harness) recordedWaits() []time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]time.Duration(nil), h.waits...)
}

func (h *harness) get(id string) (*Campaign, error) {
	return h.c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, id)
}

func (h *harness) requireRequests(t *testing.T, want int) {
	t.Helper()
	if got := len(h.fake.Requests()); got != want {
		t.Fatalf("server saw %d requests, want %d", got, want)
	}
}

func requireErrorText(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	if err.Error() != want {
		t.Fatalf("error text\n got: %s\nwant: %s", err.Error(), want)
	}
}

func requireNoKey(t *testing.T, s string) {
	t.Helper()
	if strings.Contains(s, testKey) {
		t.Fatalf("the API key leaked into %q", s)
	}
}

func requireAs[T error](t *testing.T, err error) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Fatalf("error %v (%T) is not a %T", err, err, target)
	}
	return target
}

func ptr[T any](v T) *T { return &v }

// withTimeout runs f and fails the test if it does not return within a
// generous bound; it guards against hangs and is not a speed assertion.
func withTimeout(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		panic(fmt.Sprintf("%s: still running after 30s; the client hung", t.Name()))
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
