package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// hangTimeout is the request timeout of tests where an attempt must time out.
// Each such attempt costs this much wall time, but it is long enough that the
// request always reaches the local fake server first, however busy the
// machine, so the server's request count is exact.
const hangTimeout = 2 * time.Second

// Whether the deadline passes before or after the headers arrive, the error is
// the same; the request count needs only each request to reach the server.
func TestRequestTimeout(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		fault func(body string) fakeapi.Fault
	}{
		{"no answer", func(string) fakeapi.Fault { return fakeapi.Fault{Hang: true} }},
		{"stall mid-body", func(body string) fakeapi.Fault { return fakeapi.Fault{Body: body, StallAfter: 40} }},
		{"stall before the body", func(body string) fakeapi.Fault { return fakeapi.Fault{Body: body, StallAfter: 1} }},
	} {
		for _, retries := range []int{0, 1} {
			t.Run(fmt.Sprintf("%s/retries=%d", tc.name, retries), func(t *testing.T) {
				t.Parallel()
				h := newHarness(t, func(c *Config) {
					c.MaxRetries = retries
					c.RequestTimeout = hangTimeout
				})
				body := h.fake.Body(fakeapi.LoanRemindersID)
				h.fake.Inject(tc.fault(body), tc.fault(body), tc.fault(body))
				var err error
				withTimeout(t, func() { _, err = h.get(fakeapi.LoanRemindersID) })

				attempts := ""
				if retries > 0 {
					attempts = fmt.Sprintf(" on %d attempts (… in all)", retries+1)
				}
				requireTimeoutText(t, err, "request to "+h.c.host+" timed out: no complete response within the request timeout of 2s"+attempts+"; request_timeout sets the per-attempt limit")
				tErr := requireAs[*TransportError](t, err)
				if !tErr.Timeout || tErr.Attempts != retries+1 || tErr.TimedOut != retries+1 || tErr.Host != h.c.host {
					t.Fatalf("TransportError %+v, want a timeout after %d attempts", tErr, retries+1)
				}
				h.requireRequests(t, retries+1)
			})
		}
	}
}

// After a timeout the retry gets a good answer and the read succeeds.
func TestTimeoutThenSuccess(t *testing.T) {
	t.Parallel()
	// The same timeout holds for the good second answer, so it is generous
	// enough that a busy machine still answers a local request within it;
	// the hanging first attempt costs this much wall time.
	h := newHarness(t, func(c *Config) {
		c.MaxRetries = 1
		c.RequestTimeout = 3 * time.Second
	})
	h.fake.Inject(fakeapi.Fault{Hang: true})
	var c *Campaign
	var err error
	withTimeout(t, func() { c, err = h.get(fakeapi.LoanRemindersID) })
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	requireCampaign(t, c, loanRemindersWant)
	h.requireRequests(t, 2)
}

func TestConnectionRefused(t *testing.T) {
	addr := refusingAddr(t)

	h := newHarness(t, func(c *Config) {
		c.BaseURL = "http://" + addr
		c.MaxRetries = 2
	})
	h.recordWaits()
	_, err := h.get(fakeapi.LoanRemindersID)
	tErr := requireAs[*TransportError](t, err)
	msg := err.Error()
	if !strings.HasPrefix(msg, "request to "+addr+" failed after 3 attempts: dial tcp "+addr+": ") || !strings.HasSuffix(msg, "connection refused") {
		t.Fatalf("error %q, want a refused dial to %s after 3 attempts", msg, addr)
	}
	if tErr.Timeout || tErr.Attempts != 3 || tErr.Host != addr {
		t.Fatalf("TransportError %+v", tErr)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) {
		t.Fatalf("the cause is not reachable through the TransportError: %v", err)
	}
	if got := len(h.recordedWaits()); got != 2 {
		t.Fatalf("waited %d times, want 2", got)
	}
	requireNoKey(t, msg)
	if strings.Contains(msg, "/v1/") || strings.Contains(msg, fakeapi.LoanRemindersID) {
		t.Fatalf("the error repeats the URL: %q", msg)
	}
}

func TestConnectionResetMidBody(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 0 })
	h.fake.Inject(fakeapi.Fault{Reset: true, Body: h.fake.Body(fakeapi.LoanRemindersID), ResetAfter: 100})
	_, err := h.get(fakeapi.LoanRemindersID)
	tErr := requireAs[*TransportError](t, err)
	msg := err.Error()
	prefix := "request to " + h.c.host + " failed: reading the HTTP 200 response body: "
	if !strings.HasPrefix(msg, prefix) || (!strings.HasSuffix(msg, "connection reset by peer") && !strings.HasSuffix(msg, "unexpected EOF")) {
		t.Fatalf("error %q, want %q and a reset", msg, prefix)
	}
	if tErr.Timeout || tErr.Attempts != 1 {
		t.Fatalf("TransportError %+v", tErr)
	}
	requireNoKey(t, msg)
	h.requireRequests(t, 1)
}

func TestConnectionResetThenSuccess(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 1 })
	h.fake.Inject(fakeapi.Fault{Reset: true, Body: h.fake.Body(fakeapi.LeadFollowupID), ResetAfter: 10})
	c, err := h.get(fakeapi.LeadFollowupID)
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	requireCampaign(t, c, leadFollowupWant)
	h.requireRequests(t, 2)
}

// countConns starts srv after hooking its connection states and returns the
// number of connections it has accepted so far.
func countConns(srv *httptest.Server, start func()) func() int64 {
	var n atomic.Int64
	// Failed handshakes are the point of some tests; keep them out of the output.
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			n.Add(1)
		}
	}
	start()
	return n.Load
}

func TestTLSToPlainHTTPServerNotRetried(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewUnstartedServer(fake)
	conns := countConns(srv, srv.Start)
	defer srv.Close()
	host := srv.Listener.Addr().String()

	cfg := fastConfig("https://" + host)
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	requireErrorText(t, err, "request to "+host+" failed: http: server gave HTTP response to HTTPS client")
	if tErr := requireAs[*TransportError](t, err); tErr.Attempts != 1 {
		t.Fatalf("TransportError %+v, want 1 attempt", tErr)
	}
	if n := conns(); n != 1 {
		t.Fatalf("%d connections, want 1: a scheme mismatch will not fix itself", n)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("the handler saw %d requests over a failed handshake", n)
	}
}

func TestTLSUntrustedCertificateNotRetried(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewUnstartedServer(fake)
	conns := countConns(srv, srv.StartTLS)
	defer srv.Close()
	host := srv.Listener.Addr().String()

	c, err := New(fastConfig(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	requireErrorText(t, err, "request to "+host+" failed: tls: failed to verify certificate: x509: certificate signed by unknown authority")
	if tErr := requireAs[*TransportError](t, err); tErr.Attempts != 1 || tErr.Timeout {
		t.Fatalf("TransportError %+v, want 1 attempt", tErr)
	}
	if n := conns(); n != 1 {
		t.Fatalf("%d connections, want 1: an untrusted certificate is not retried", n)
	}
	if n := len(fake.Requests()); n != 0 {
		t.Fatalf("the handler saw %d requests: the key may have been sent to an unverified server", n)
	}
	requireNoKey(t, err.Error())
}

func TestTLSHostnameMismatchNotRetried(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewUnstartedServer(fake)
	conns := countConns(srv, srv.StartTLS)
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())

	cfg := fastConfig("https://localhost:" + port)
	cfg.Transport = srv.Client().Transport
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	requireErrorText(t, err, "request to localhost:"+port+" failed: tls: failed to verify certificate: x509: certificate is valid for example.com, *.example.com, not localhost")
	if n := conns(); n != 1 {
		t.Fatalf("%d connections, want 1", n)
	}
}

// The positive control for the TLS tests: with the server's certificate
// trusted, the same read works.
func TestTLSTrusted(t *testing.T) {
	fake := fakeapi.New(testKey)
	srv := httptest.NewTLSServer(fake)
	defer srv.Close()
	cfg := fastConfig(srv.URL + fakeapi.BasePath)
	cfg.Transport = srv.Client().Transport
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	requireCampaign(t, got, loanRemindersWant)
}

func TestBodyLimit(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxBodyBytes = 1024 })
	body := h.fake.Body(fakeapi.LoanRemindersID)
	if len(body) <= 1024 {
		t.Fatalf("seed too small for the test: %d bytes", len(body))
	}
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "HTTP 200 response could not be decoded: the body from "+h.c.host+" is larger than the 1024 byte limit")
	h.requireRequests(t, 1)

	// A body of exactly the limit is fine.
	h2 := newHarness(t, func(c *Config) { c.MaxBodyBytes = int64(len(body)) })
	h2.fake.Inject(fakeapi.Fault{Body: body})
	if _, err := h2.get(fakeapi.LoanRemindersID); err != nil {
		t.Fatalf("body of exactly MaxBodyBytes: %v", err)
	}
}

// endlessBody never ends; it counts what was read from it.
type endlessBody struct {
	read   atomic.Int64
	closed atomic.Bool
}

func (b *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	b.read.Add(int64(len(p)))
	return len(p), nil
}

func (b *endlessBody) Close() error { b.closed.Store(true); return nil }

// TestBodyLimitEndless shows the limit bounds what is read, not just what is
// kept: an endless body ends in an error after at most the limit plus one
// byte, whatever the status.
func TestBodyLimitEndless(t *testing.T) {
	for _, status := range []int{200, 503, 404} {
		for _, logged := range []bool{false, true} {
			body := &endlessBody{}
			var calls atomic.Int64
			cfg := fastConfig("http://127.0.0.1:1")
			cfg.MaxBodyBytes = 64 << 10
			cfg.MaxRetries = 3
			cfg.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
				calls.Add(1)
				return &http.Response{StatusCode: status, Header: http.Header{}, Body: body, Request: r}, nil
			})
			if logged {
				cfg.Logger = &recordingLogger{}
			}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			var gotErr error
			withTimeout(t, func() {
				_, gotErr = c.GetCampaign(context.Background(), "o", "w", "c")
			})
			requireErrorText(t, gotErr, fmt.Sprintf("HTTP %d response could not be decoded: the body from 127.0.0.1:1 is larger than the 65536 byte limit", status))
			if n := body.read.Load(); n > cfg.MaxBodyBytes+1+maxLoggedBody {
				t.Fatalf("HTTP %d logged=%v: read %d bytes of an endless body with a limit of %d", status, logged, n, cfg.MaxBodyBytes)
			}
			if !body.closed.Load() {
				t.Fatalf("HTTP %d: body not closed", status)
			}
			if n := calls.Load(); n != 1 {
				t.Fatalf("HTTP %d: %d attempts, want 1", status, n)
			}
		}
	}
}

func TestHeadersSent(t *testing.T) {
	for _, tc := range []struct{ configured, want string }{
		{"", "terraform-provider-sarvam"},
		{"terraform-provider-sarvam/1.2.3 (+https://registry.terraform.io) terraform/1.9.0", "terraform-provider-sarvam/1.2.3 (+https://registry.terraform.io) terraform/1.9.0"},
	} {
		fake := fakeapi.New(testKey)
		var mu sync.Mutex
		var seen http.Header
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			seen = r.Header.Clone()
			mu.Unlock()
			fake.ServeHTTP(w, r)
		}))
		cfg := fastConfig(srv.URL + fakeapi.BasePath)
		cfg.UserAgent = tc.configured
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID); err != nil {
			t.Fatalf("GetCampaign: %v", err)
		}
		srv.Close()
		mu.Lock()
		got := seen
		mu.Unlock()
		for name, want := range map[string]string{
			"X-Api-Key":  testKey,
			"User-Agent": tc.want,
			"Accept":     "application/json",
		} {
			if v := got.Values(name); len(v) != 1 || v[0] != want {
				t.Errorf("header %s = %q, want exactly %q", name, v, want)
			}
		}
		for _, name := range []string{"Authorization", "Cookie"} {
			if v := got.Get(name); v != "" {
				t.Errorf("unexpected header %s: %q", name, v)
			}
		}
		reqs := fake.Requests()
		if len(reqs) != 1 || reqs[0].Method != http.MethodGet || !reqs[0].KeyMatched || reqs[0].UserAgent != tc.want {
			t.Errorf("fake saw %+v", reqs)
		}
	}
}

// A redirect could carry the key to another host; it is reported, not
// followed.
func TestRedirectNotFollowed(t *testing.T) {
	var elsewhere atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { elsewhere.Add(1) }))
	defer other.Close()
	h := newHarness(t, nil)
	h.fake.Inject(fakeapi.Fault{Status: http.StatusFound, Header: map[string]string{"Location": other.URL + "/steal"}})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 302 Found, a redirect to "+strings.TrimPrefix(other.URL, "http://")+", which is not followed")
	if n := elsewhere.Load(); n != 0 {
		t.Fatalf("the redirect was followed %d times", n)
	}
	h.requireRequests(t, 1)
}

func TestConcurrentReads(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetries = 5 })
	// Some readers meet a transient failure and retry in the middle of
	// everyone else's reads.
	h.fake.Inject(fakeapi.Fault{Status: 503}, fakeapi.Fault{Status: 429}, fakeapi.Fault{Status: 502, Body: html502})
	seeds := []struct {
		id   string
		want *Campaign
	}{
		{fakeapi.SeedExampleID, seedExampleWant},
		{fakeapi.LoanRemindersID, loanRemindersWant},
		{fakeapi.PolicyRenewalID, policyRenewalWant},
		{fakeapi.LeadFollowupID, leadFollowupWant},
	}
	const n = 100
	errs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := seeds[i%len(seeds)]
			c, err := h.get(s.id)
			if err != nil {
				errs[i] = err.Error()
				return
			}
			errs[i] = diffCampaign(c, s.want)
		}()
	}
	withTimeout(t, wg.Wait)
	for i, e := range errs {
		if e != "" {
			t.Errorf("reader %d: %s", i, e)
		}
	}
	// Identical reads share one request: one per campaign, and one retry
	// for each fault.
	h.requireRequests(t, len(seeds)+3)
}

// gate holds requests until size of them are in flight at once, so each
// round of parallel reads needs exactly size connections.
type gate struct {
	mu   sync.Mutex
	size int
	n    int
	open chan struct{}
}

func newGate(size int) *gate { return &gate{size: size, open: make(chan struct{})} }

func (g *gate) wait(ctx context.Context) {
	g.mu.Lock()
	ch := g.open
	g.n++
	if g.n == g.size {
		close(ch)
		g.n, g.open = 0, make(chan struct{})
	}
	g.mu.Unlock()
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// TestConnectionReuse shows one Client keeps one pool for all its reads:
// sequential reads share a connection, and rounds of parallel reads need no
// more connections than there are readers. Go's transport hands a freed
// connection to a request that is still dialing, so free-running parallel
// reads can dial a few spare connections; the gate makes every round hold
// all readers in flight together so the count is exact. Every successful
// read is of a campaign not read before, as identical reads would share one
// request.
func TestConnectionReuse(t *testing.T) {
	for _, logged := range []bool{false, true} {
		t.Run(fmt.Sprintf("logged=%v", logged), func(t *testing.T) {
			const workers, rounds = 10, 5
			fake := fakeapi.New(testKey)
			ids := fake.AddCampaigns(15+rounds*workers+workers*5, "Reuse")
			next := func() string { id := ids[0]; ids = ids[1:]; return id }
			g := newGate(workers)
			var gated atomic.Bool
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if gated.Load() {
					g.wait(r.Context())
				}
				fake.ServeHTTP(w, r)
			}))
			conns := countConns(srv, srv.Start)
			defer srv.Close()
			cfg := fastConfig(srv.URL + fakeapi.BasePath)
			if logged {
				cfg.Logger = &recordingLogger{}
			}
			c, err := New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()

			// Sequential reads, error answers included, share one connection.
			for i := range 20 {
				id := "missing"
				if i%4 != 3 {
					id = next()
				}
				_, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, id)
				if (err != nil) != (id == "missing") {
					t.Fatalf("read %d of %s: %v", i, id, err)
				}
			}
			if n := conns(); n != 1 {
				t.Fatalf("%d connections for sequential reads, want 1", n)
			}

			gated.Store(true)
			var failed atomic.Int64
			for range rounds {
				var wg sync.WaitGroup
				for range workers {
					wg.Add(1)
					id := next()
					go func() {
						defer wg.Done()
						if _, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, id); err != nil {
							failed.Add(1)
						}
					}()
				}
				withTimeout(t, wg.Wait)
			}
			gated.Store(false)
			if failed.Load() != 0 {
				t.Fatalf("%d parallel reads failed", failed.Load())
			}
			// The first round opens workers-1 beside the sequential one; every
			// later round finds them all idle in the pool.
			if n := conns(); n != workers {
				t.Fatalf("%d connections for %d rounds of %d parallel readers, want %d: the pool is not shared or too small",
					n, rounds, workers, workers)
			}

			// With the pool that full, free-running readers never need to dial.
			var wg sync.WaitGroup
			for range workers {
				wg.Add(1)
				mine := ids[:5]
				ids = ids[5:]
				go func() {
					defer wg.Done()
					for _, id := range mine {
						if _, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, id); err != nil {
							failed.Add(1)
						}
					}
				}()
			}
			withTimeout(t, wg.Wait)
			if n := conns(); n != workers || failed.Load() != 0 {
				t.Fatalf("%d connections, %d failures after free-running reads; want %d and 0", n, failed.Load(), workers)
			}
			if n := len(fake.Requests()); n != 20+rounds*workers+workers*5 {
				t.Fatalf("%d requests", n)
			}
		})
	}
}

// The per-attempt deadline covers reading the body, so a body that trickles
// forever cannot hold a read past RequestTimeout. The timeout is long enough
// that the headers arrive first, so the deadline passes mid-body.
func TestTricklingBodyTimesOut(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(200)
		for {
			if _, err := io.WriteString(w, " "); err != nil {
				return
			}
			if f, ok := w.(http.Flusher); ok {
				f.Flush()
			}
			select {
			case <-r.Context().Done():
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}))
	defer srv.Close()
	cfg := fastConfig(srv.URL)
	cfg.MaxRetries = 0
	cfg.RequestTimeout = hangTimeout
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	withTimeout(t, func() {
		_, err = c.GetCampaign(context.Background(), "o", "w", "c")
	})
	requireErrorText(t, err, "request to "+c.host+" timed out: no complete response within the request timeout of 2s; request_timeout sets the per-attempt limit")
}
