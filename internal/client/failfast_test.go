package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scriptedTransport answers the n-th attempt (from 0) with step(n, r): a
// response, an error, or, for a nil response and nil error, no answer until
// the attempt's deadline passes. It counts attempts; nothing reaches a network.
type scriptedTransport struct {
	step func(n int, r *http.Request) (*http.Response, error)
	mu   sync.Mutex
	n    int
}

func (s *scriptedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	s.mu.Lock()
	n := s.n
	s.n++
	s.mu.Unlock()
	resp, err := s.step(n, r)
	if resp == nil && err == nil {
		<-r.Context().Done()
		return nil, r.Context().Err()
	}
	return resp, err
}

func (s *scriptedTransport) attempts() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func statusResponse(r *http.Request, status int) *http.Response {
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: http.NoBody, Request: r}
}

func hang(int, *http.Request) (*http.Response, error) { return nil, nil }

// scriptedClient is a client with no waits between attempts whose transport
// follows step.
func scriptedClient(t *testing.T, maxRetries int, timeout time.Duration, step func(int, *http.Request) (*http.Response, error)) (*harness, *scriptedTransport) {
	t.Helper()
	tr := &scriptedTransport{step: step}
	c, err := New(Config{BaseURL: "https://api.example.test", APIKey: testKey, MaxRetries: maxRetries, RequestTimeout: timeout, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{c: c}
	h.recordWaits()
	return h, tr
}

// An attempt that times out is retried once; a second timeout ends the read,
// whatever max_retries allows. Other failures keep their retries.
func TestTimeoutRetriedOnce(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name       string
		maxRetries int
		step       func(int, *http.Request) (*http.Response, error)
		want       string
		attempts   int
		timedOut   int
	}{
		{"never answers, max_retries 4", 4, hang,
			"request to api.example.test timed out: no complete response within the request timeout of 100ms on 2 attempts (… in all); request_timeout sets the per-attempt limit", 2, 2},
		{"never answers, max_retries 10", 10, hang,
			"request to api.example.test timed out: no complete response within the request timeout of 100ms on 2 attempts (… in all); request_timeout sets the per-attempt limit", 2, 2},
		{"never answers, max_retries 0", 0, hang,
			"request to api.example.test timed out: no complete response within the request timeout of 100ms; request_timeout sets the per-attempt limit", 1, 1},
		{"503 between timeouts", 4, func(n int, r *http.Request) (*http.Response, error) {
			if n%2 == 0 {
				return statusResponse(r, 503), nil
			}
			return nil, nil
		}, "request to api.example.test timed out: no complete response within the request timeout of 100ms on 2 of 4 attempts (… in all); request_timeout sets the per-attempt limit", 4, 2},
		{"one timeout, then refused", 4, func(n int, r *http.Request) (*http.Response, error) {
			if n == 0 {
				return nil, nil
			}
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", errors.New("connection refused"))}
		}, "request to api.example.test failed after 5 attempts: dial tcp: connect: connection refused", 5, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h, tr := scriptedClient(t, tc.maxRetries, 100*time.Millisecond, tc.step)
			var err error
			withTimeout(t, func() { _, err = h.get("c") })
			requireTimeoutText(t, err, tc.want)
			tErr := requireAs[*TransportError](t, err)
			if tErr.Attempts != tc.attempts || tErr.TimedOut != tc.timedOut || tErr.Elapsed == 0 {
				t.Fatalf("TransportError %+v, want %d attempts, %d timed out and the time taken", tErr, tc.attempts, tc.timedOut)
			}
			if n := tr.attempts(); n != tc.attempts {
				t.Fatalf("%d attempts, want %d", n, tc.attempts)
			}
			requireNoKey(t, err.Error())
		})
	}
	// A timeout does not cut the retries of the statuses that follow it.
	h, tr := scriptedClient(t, 4, 100*time.Millisecond, func(n int, r *http.Request) (*http.Response, error) {
		if n == 0 {
			return nil, nil
		}
		return statusResponse(r, 503), nil
	})
	_, err := h.get("c")
	requireErrorText(t, err, "the API answered HTTP 503 Service Unavailable after 5 attempts and 15s of waiting between them")
	if n := tr.attempts(); n != 5 {
		t.Fatalf("%d attempts, want 5", n)
	}
}

// With the default settings a read against an API that never answers ends
// within 75 s: two attempts of the default request timeout and the one
// backoff between them, at its longest. The attempts time out at once here;
// the bound is computed from what the client asked for, not measured.
func TestDefaultSettingsTimeoutBound(t *testing.T) {
	tr := &scriptedTransport{step: func(int, *http.Request) (*http.Response, error) { return nil, os.ErrDeadlineExceeded }}
	c, err := New(Config{APIKey: testKey, MaxRetries: DefaultMaxRetries, Transport: tr})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{c: c}
	// With jitter the identity, each wait is the longest jitter can make it.
	h.recordWaits()
	_, err = h.get("c")
	tErr := requireAs[*TransportError](t, err)
	if !tErr.Timeout || tErr.Attempts != 2 || tr.attempts() != 2 {
		t.Fatalf("TransportError %+v after %d attempts, want a timeout after 2", tErr, tr.attempts())
	}
	requireTimeoutText(t, err, "request to apps.sarvam.ai timed out: no complete response within the request timeout of 30s on 2 attempts (… in all); request_timeout sets the per-attempt limit")
	waits := h.recordedWaits()
	worst := time.Duration(tr.attempts()) * DefaultRequestTimeout
	for _, w := range waits {
		worst += w
	}
	if len(waits) != 1 || worst > 75*time.Second {
		t.Fatalf("waits %v: a read could take %s, want at most 75s", waits, worst)
	}
}

// dnsTransport fails every dial as the resolver does for err.
func dnsTransport(dials *atomic.Int64, err *net.DNSError) *http.Transport {
	tr := NewTransport()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		dials.Add(1)
		return nil, &net.OpError{Op: "dial", Net: network, Err: err}
	}
	return tr
}

// A host name that does not exist is reported as such at once; a resolver
// that is only failing for now is retried.
func TestDNSNotFoundNotRetried(t *testing.T) {
	const host = "apps.sarvamm.invalid"
	var dials atomic.Int64
	c, err := New(Config{BaseURL: "https://" + host + "/api/scheduling", APIKey: testKey, MaxRetries: 4,
		Transport: dnsTransport(&dials, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true})})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{c: c}
	h.recordWaits()
	_, err = h.get("c")
	requireErrorText(t, err, "request to "+host+" failed: no such host "+host)
	tErr := requireAs[*TransportError](t, err)
	var dnsErr *net.DNSError
	if tErr.Attempts != 1 || tErr.Timeout || !errors.As(err, &dnsErr) {
		t.Fatalf("TransportError %+v", tErr)
	}
	if n := dials.Load(); n != 1 {
		t.Fatalf("%d dials, want 1", n)
	}
	if w := h.recordedWaits(); len(w) != 0 {
		t.Fatalf("waited %v", w)
	}

	var tempDials atomic.Int64
	c, err = New(Config{BaseURL: "https://" + host, APIKey: testKey, MaxRetries: 2,
		Transport: dnsTransport(&tempDials, &net.DNSError{Err: "server misbehaving", Name: host, Server: "127.0.0.53:53", IsTemporary: true})})
	if err != nil {
		t.Fatal(err)
	}
	h = &harness{c: c}
	h.recordWaits()
	_, err = h.get("c")
	requireErrorText(t, err, "request to "+host+" failed after 3 attempts: dial tcp: lookup "+host+" on 127.0.0.53:53: server misbehaving")
	if n := tempDials.Load(); n != 3 {
		t.Fatalf("%d dials, want 3", n)
	}
}

// A redirect is reported with the host it points to, never its path or
// query, and is not followed.
func TestRedirectReported(t *testing.T) {
	const secret = "tok3n-in-the-query"
	for _, tc := range []struct {
		status   int
		location string
		want     string
	}{
		{301, "https://login.example.com:8443/sso?token=" + secret + "#frag", "the API answered HTTP 301 Moved Permanently, a redirect to login.example.com:8443, which is not followed"},
		{302, "https://login.example.com/path/" + secret, "the API answered HTTP 302 Found, a redirect to login.example.com, which is not followed"},
		{303, "//cdn.example.net/" + secret, "the API answered HTTP 303 See Other, a redirect to cdn.example.net, which is not followed"},
		{307, "https://user:" + secret + "@evil.example/x", "the API answered HTTP 307 Temporary Redirect, a redirect to evil.example, which is not followed"},
		{308, "/api/scheduling/v2/" + secret, "the API answered HTTP 308 Permanent Redirect, a redirect to HOST, which is not followed"},
		{302, "login?next=" + secret, "the API answered HTTP 302 Found, a redirect to HOST, which is not followed"},
		{301, "", "the API answered HTTP 301 Moved Permanently, a redirect without a Location header, which is not followed"},
		{307, "", "the API answered HTTP 307 Temporary Redirect, a redirect without a Location header, which is not followed"},
		{308, "", "the API answered HTTP 308 Permanent Redirect, a redirect without a Location header, which is not followed"},
		{302, "https://exa mple.com/" + secret, "the API answered HTTP 302 Found, a redirect to a location that does not parse, which is not followed"},
	} {
		var requests atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			if tc.location != "" {
				w.Header()["Location"] = []string{tc.location}
			}
			w.WriteHeader(tc.status)
			_, _ = w.Write([]byte(`<a href="` + tc.location + `">Moved</a> ` + secret))
		}))
		c, err := New(fastConfig(srv.URL))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.GetCampaign(context.Background(), "o", "w", "c")
		srv.Close()
		requireErrorText(t, err, strings.ReplaceAll(tc.want, "HOST", c.host))
		if strings.Contains(err.Error(), secret) {
			t.Fatalf("the redirect's path, query or body leaked: %s", err)
		}
		if aErr := requireAs[*APIError](t, err); aErr.StatusCode != tc.status || aErr.Attempts != 1 {
			t.Fatalf("APIError %+v", aErr)
		}
		if n := requests.Load(); n != 1 {
			t.Fatalf("HTTP %d %q: %d requests, want 1 and no redirect followed", tc.status, tc.location, n)
		}
	}
}

func TestParseBaseURLRefusesAPIPath(t *testing.T) {
	const want = "base_url must stop before /v1: the provider appends /v1/orgs/{org_id}/workspaces/{workspace_id}/… itself, so base_url is the part before it, such as https://apps.sarvam.ai/api/scheduling"
	for _, in := range []string{
		"https://apps.sarvam.ai/api/scheduling/v1",
		"https://apps.sarvam.ai/api/scheduling/v1/",
		"https://apps.sarvam.ai/api/scheduling/V1//",
		"https://apps.sarvam.ai/v1",
		"https://apps.sarvam.ai/api/scheduling/v1/orgs",
		"https://apps.sarvam.ai/api/scheduling/v1/orgs/org-1/workspaces/ws-1",
		"https://apps.sarvam.ai/api/scheduling/v1/orgs/org-1/workspaces/ws-1/campaigns/",
		"http://127.0.0.1:8080/v1",
	} {
		u, err := ParseBaseURL(in)
		if u != nil {
			t.Errorf("ParseBaseURL(%q) = %s, want an error", in, u)
			continue
		}
		if err == nil || err.Error() != want {
			t.Errorf("ParseBaseURL(%q)\n got: %v\nwant: %s", in, err, want)
		}
	}
	for _, in := range []string{"https://apps.sarvam.ai/api/scheduling", "https://x.example/v10", "https://x.example/api/v1x", "https://x.example/v1/other", "https://x.example/v2"} {
		if _, err := ParseBaseURL(in); err != nil {
			t.Errorf("ParseBaseURL(%q): %v", in, err)
		}
	}
	_, err := New(Config{APIKey: "k", BaseURL: "https://apps.sarvam.ai/api/scheduling/v1/"})
	requireErrorText(t, err, want)
}
