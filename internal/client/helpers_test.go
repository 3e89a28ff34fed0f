package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"regexp"
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

// fastConfig makes retries quick. Its request timeout is far longer than any
// answer from a local server needs, however busy the machine, so no read that
// should succeed is ever cut off; tests that need a timeout to fire set their
// own.
func fastConfig(baseURL string) Config {
	return Config{
		BaseURL:        baseURL,
		APIKey:         testKey,
		MaxRetries:     3,
		RequestTimeout: time.Minute,
		Backoff:        time.Millisecond,
		MaxBackoff:     time.Millisecond,
		MaxRetryWait:   time.Millisecond,
	}
}

func newHarness(t *testing.T, mod func(*Config)) *harness {
	t.Helper()
	h := &harness{fake: fakeapi.New(testKey)}
	h.srv = httptest.NewServer(h.fake)
	t.Cleanup(func() {
		if t.Failed() {
			// A client that hung may still hold a request the fake is
			// hanging on; Close would wait for it forever.
			h.srv.CloseClientConnections()
		}
		h.srv.Close()
	})
	cfg := fastConfig(h.srv.URL + fakeapi.BasePath)
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

// hangGuard is how long withTimeout lets a client call run before reporting
// it as hung. It is far beyond what any test needs on a busy machine: it
// catches hangs and measures no speed.
const hangGuard = 2 * time.Minute

// withTimeout runs f and fails the test if it has not returned within
// hangGuard. The failure goes through t, so one hung test does not end the
// whole package run; f is left running.
func withTimeout(t *testing.T, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	guard := time.NewTimer(hangGuard)
	defer guard.Stop()
	select {
	case <-done:
	case <-guard.C:
		t.Fatalf("still running after %s; the client hung", hangGuard)
	}
}

// fixedNow is the clock tests give a client, so a Retry-After date means
// one exact wait. It is a whole second, as an HTTP date is.
var fixedNow = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// fixClock makes the client's clock read fixedNow.
func (h *harness) fixClock() {
	h.c.now = func() time.Time { return fixedNow }
}

// expiringContext is a caller's context whose deadline passes when the test
// calls expire, not when a timer fires, so where a request is when its
// deadline passes never depends on how fast the machine is. Err reports
// context.DeadlineExceeded, exactly as a real deadline does.
type expiringContext struct {
	context.Context
	done chan struct{}
	once sync.Once
}

func newExpiringContext() *expiringContext {
	return &expiringContext{Context: context.Background(), done: make(chan struct{})}
}

func (c *expiringContext) Done() <-chan struct{} { return c.done }

func (c *expiringContext) Err() error {
	select {
	case <-c.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func (c *expiringContext) expire() { c.once.Do(func() { close(c.done) }) }

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// elapsedRE matches the time a timeout message says a read took in all,
// which depends on the machine.
var elapsedRE = regexp.MustCompile(`\([0-9][0-9.a-zµ]* in all\)`)

// requireTimeoutText is requireErrorText with the time taken in all written
// as "(… in all)" in want.
func requireTimeoutText(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	if got := elapsedRE.ReplaceAllString(err.Error(), "(… in all)"); got != want {
		t.Fatalf("error text\n got: %s\nwant: %s", err.Error(), want)
	}
}

// campaignURL is the Get Campaign URL, each id escaped as one segment, as
// GetCampaign requests it.
func (c *Client) campaignURL(org, workspace, campaignID string) (string, error) {
	return c.endpointURL(campaignPath(org, workspace, campaignID), nil)
}

// decodeCampaign decodes a Get Campaign body that came with HTTP 200, as
// GetCampaign does.
func decodeCampaign(body []byte) (*Campaign, error) {
	return decodeObject(http.StatusOK, body, "", campaignRequired)
}
