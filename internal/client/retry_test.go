package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

const html502 = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n"

// retryHarness waits for real only in the recording sleep: Backoff is 10ms
// and MaxBackoff 80ms so each attempt's wait is distinct, and MaxRetryWait is
// a minute so Retry-After values pass uncapped.
func retryHarness(t *testing.T, maxRetries int) *harness {
	h := newHarness(t, func(c *Config) {
		c.MaxRetries = maxRetries
		c.Backoff = 10 * time.Millisecond
		c.MaxBackoff = 80 * time.Millisecond
		c.MaxRetryWait = time.Minute
	})
	h.recordWaits()
	return h
}

func TestRetryThenSuccess(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault fakeapi.Fault
		// wait is the pause asked for before the second attempt.
		wait time.Duration
	}{
		{"429 Retry-After seconds", fakeapi.Fault{Status: 429, Body: `{"detail":"slow down"}`, Header: map[string]string{"Retry-After": "7"}}, 7 * time.Second},
		{"429 Retry-After zero", fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "0"}}, 0},
		{"429 Retry-After date in the past", fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}}, 0},
		{"429 Retry-After unparsable", fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "soon"}}, 10 * time.Millisecond},
		{"429 without Retry-After", fakeapi.Fault{Status: 429}, 10 * time.Millisecond},
		{"500", fakeapi.Fault{Status: 500, Body: `{"detail":"Internal Server Error"}`}, 10 * time.Millisecond},
		{"502 HTML", fakeapi.Fault{Status: 502, Body: html502}, 10 * time.Millisecond},
		{"503 with Retry-After", fakeapi.Fault{Status: 503, Header: map[string]string{"Retry-After": "3"}}, 3 * time.Second},
		{"503", fakeapi.Fault{Status: 503}, 10 * time.Millisecond},
		{"504", fakeapi.Fault{Status: 504, Body: "upstream timed out"}, 10 * time.Millisecond},
		{"599", fakeapi.Fault{Status: 599}, 10 * time.Millisecond},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := retryHarness(t, 3)
			h.fake.Inject(tc.fault)
			c, err := h.get(fakeapi.LoanRemindersID)
			if err != nil {
				t.Fatalf("GetCampaign: %v", err)
			}
			requireCampaign(t, c, loanRemindersWant)
			h.requireRequests(t, 2)
			if got := h.recordedWaits(); !reflect.DeepEqual(got, []time.Duration{tc.wait}) {
				t.Fatalf("waits %v, want [%v]", got, tc.wait)
			}
		})
	}
}

// The HTTP-date form is measured against the client's clock, fixed here, so
// the wait is exactly the time to the date.
func TestRetryAfterHTTPDate(t *testing.T) {
	h := retryHarness(t, 3)
	h.fixClock()
	at := fixedNow.Add(45 * time.Second).Format(http.TimeFormat)
	h.fake.Inject(fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": at}})
	if _, err := h.get(fakeapi.LoanRemindersID); err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	h.requireRequests(t, 2)
	if got := h.recordedWaits(); !reflect.DeepEqual(got, []time.Duration{45 * time.Second}) {
		t.Fatalf("waits %v, want [45s] honouring the date", got)
	}
}

func TestRetryAfterCapped(t *testing.T) {
	for _, header := range []string{"3600", fixedNow.Add(2 * time.Hour).Format(http.TimeFormat), "99999999999999999999"} {
		h := newHarness(t, func(c *Config) { c.MaxRetryWait = 5 * time.Second })
		h.recordWaits()
		h.fixClock()
		h.fake.Inject(fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": header}})
		if _, err := h.get(fakeapi.LoanRemindersID); err != nil {
			t.Fatalf("Retry-After %q: %v", header, err)
		}
		if got := h.recordedWaits(); !reflect.DeepEqual(got, []time.Duration{5 * time.Second}) {
			t.Fatalf("Retry-After %q: waits %v, want [5s] (MaxRetryWait)", header, got)
		}
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"", 0, false},
		{"120", 2 * time.Minute, true},
		{"0", 0, true},
		{"-5", 0, false},
		{"1.5", 0, false},
		{" 10", 0, false},
		{"later", 0, false},
		{"86401", 24 * time.Hour, true},
		{"99999999999999999999", 24 * time.Hour, true},
		{"-99999999999999999999", 0, false},
		{"+5", 5 * time.Second, true},
		{"Sat, 28 Nov 2026 10:01:30 GMT", 90 * time.Second, true},
		{"Saturday, 28-Nov-26 10:00:05 GMT", 5 * time.Second, true},
		{"Sat Nov 28 10:00:07 2026", 7 * time.Second, true},
		{"Sat, 28 Nov 2026 09:00:00 GMT", 0, true},
	} {
		header := http.Header{}
		if tc.value != "" {
			header.Set("Retry-After", tc.value)
		}
		got, ok := retryAfter(header, now)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Retry-After %q: got %v %v, want %v %v", tc.value, got, ok, tc.want, tc.ok)
		}
	}
}

// TestRetrySequence walks every retryable kind of answer in one read: the
// waits are Retry-After where given, else the doubling backoff capped at
// MaxBackoff.
func TestRetrySequence(t *testing.T) {
	h := retryHarness(t, 7)
	h.fixClock()
	h.fake.Inject(
		fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "2"}},
		fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": fixedNow.Add(-time.Hour).Format(http.TimeFormat)}},
		fakeapi.Fault{Status: 429},
		fakeapi.Fault{Status: 500},
		fakeapi.Fault{Status: 502, Body: html502},
		fakeapi.Fault{Status: 503},
		fakeapi.Fault{Status: 504},
	)
	c, err := h.get(fakeapi.PolicyRenewalID)
	if err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	requireCampaign(t, c, policyRenewalWant)
	h.requireRequests(t, 8)
	want := []time.Duration{2 * time.Second, 0, 40 * time.Millisecond, 80 * time.Millisecond, 80 * time.Millisecond, 80 * time.Millisecond, 80 * time.Millisecond}
	if got := h.recordedWaits(); !reflect.DeepEqual(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}
}

func TestBackoffDoublesToMax(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.Backoff = time.Second; c.MaxBackoff = 30 * time.Second })
	h.c.jitter = func(d time.Duration) time.Duration { return d }
	want := []time.Duration{1 * time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second, 30 * time.Second}
	for i, w := range want {
		if got := h.c.backoff(i+1, nil); got != w {
			t.Errorf("attempt %d: backoff %v, want %v", i+1, got, w)
		}
	}
	if got := h.c.backoff(1000, nil); got != 30*time.Second {
		t.Errorf("attempt 1000: backoff %v, want 30s", got)
	}
}

func TestEqualJitterRange(t *testing.T) {
	for _, d := range []time.Duration{0, 1, 2, 3, time.Millisecond, time.Second, 30 * time.Second} {
		for range 1000 {
			got := equalJitter(d)
			if d <= 1 {
				if got != d {
					t.Fatalf("equalJitter(%v) = %v, want it unchanged", d, got)
				}
				continue
			}
			if got < d/2 || got > d {
				t.Fatalf("equalJitter(%v) = %v, outside [%v, %v]", d, got, d/2, d)
			}
		}
	}
}

func TestRetriesExhausted(t *testing.T) {
	for _, tc := range []struct {
		status int
		body   string
		want   string
	}{
		{429, `{"detail":"Too many requests for this workspace"}`, "the API answered HTTP 429 Too Many Requests after 4 attempts and 70ms of waiting between them: Too many requests for this workspace"},
		{500, `{"error":{"message":"database unavailable","code":"db_down"}}`, "the API answered HTTP 500 Internal Server Error after 4 attempts and 70ms of waiting between them: database unavailable (code db_down)"},
		{502, html502, "the API answered HTTP 502 Bad Gateway after 4 attempts and 70ms of waiting between them: (an HTML page, not an API error)"},
		{503, `{"detail":"overloaded"}`, "the API answered HTTP 503 Service Unavailable after 4 attempts and 70ms of waiting between them: overloaded"},
		{504, ``, "the API answered HTTP 504 Gateway Timeout after 4 attempts and 70ms of waiting between them"},
	} {
		h := retryHarness(t, 3)
		faults := make([]fakeapi.Fault, 20)
		for i := range faults {
			faults[i] = fakeapi.Fault{Status: tc.status, Body: tc.body}
		}
		h.fake.Inject(faults...)
		_, err := h.get(fakeapi.LoanRemindersID)
		requireErrorText(t, err, tc.want)
		h.requireRequests(t, 4)
		if apiErr := requireAs[*APIError](t, err); apiErr.Attempts != 4 || apiErr.StatusCode != tc.status {
			t.Fatalf("APIError %+v, want status %d after 4 attempts", apiErr, tc.status)
		}
		if got := len(h.recordedWaits()); got != 3 {
			t.Fatalf("waited %d times, want 3: no wait after the last attempt", got)
		}
	}
}

// The last status, not the first, is the one reported.
func TestRetriesExhaustedReportsLastStatus(t *testing.T) {
	h := retryHarness(t, 2)
	h.fake.Inject(fakeapi.Fault{Status: 500}, fakeapi.Fault{Status: 429}, fakeapi.Fault{Status: 503, Body: `{"detail":"maintenance"}`})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 503 Service Unavailable after 3 attempts and 30ms of waiting between them: maintenance")
	h.requireRequests(t, 3)
}

// A non-retryable status after a retryable one ends the read at once.
func TestRetryStopsAtPermanentStatus(t *testing.T) {
	h := retryHarness(t, 5)
	h.fake.Inject(fakeapi.Fault{Status: 503}, fakeapi.Fault{Status: 404, Body: `{"detail":"Campaign deleted"}`})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 404 Not Found after 2 attempts and 10ms of waiting between them: Campaign deleted")
	if !IsNotFound(err) {
		t.Fatalf("IsNotFound false")
	}
	h.requireRequests(t, 2)
}

func TestMaxRetriesZero(t *testing.T) {
	h := retryHarness(t, 0)
	h.fake.Inject(fakeapi.Fault{Status: 503, Body: `{"detail":"overloaded"}`}, fakeapi.Fault{Status: 503})
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 503 Service Unavailable: overloaded")
	h.requireRequests(t, 1)
	if w := h.recordedWaits(); len(w) != 0 {
		t.Fatalf("waited %v with no retries allowed", w)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{}, "no API key given"},
		{Config{APIKey: "k", MaxRetries: -1}, "max retries must be 0 or more, got -1"},
		{Config{APIKey: "k", BaseURL: "http://example.com"}, "base_url must use https: plain http is only allowed to a loopback host (127.0.0.1, ::1, localhost), so that the API key never crosses a network in clear text; got http://example.com"},
	} {
		c, err := New(tc.cfg)
		if c != nil {
			t.Fatalf("New(%+v) returned a client", tc.cfg)
		}
		requireErrorText(t, err, tc.want)
	}
	c, err := New(Config{APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	want := Config{
		BaseURL: DefaultBaseURL, APIKey: "k", MaxRetries: 0, RequestTimeout: DefaultRequestTimeout,
		UserAgent: "terraform-provider-sarvam", MaxBodyBytes: DefaultMaxBodyBytes, MaxRetryWait: DefaultMaxRetryWait,
		Backoff: DefaultBackoff, MaxBackoff: DefaultMaxBackoff,
	}
	if !reflect.DeepEqual(c.cfg, want) {
		t.Fatalf("defaults %+v, want %+v", c.cfg, want)
	}
	if c.base.String() != DefaultBaseURL {
		t.Fatalf("base %s", c.base)
	}
}

// TestCancelDuringRetryWait uses the real sleep with an hour's backoff: only
// cancellation can end the wait.
func TestCancelDuringRetryWait(t *testing.T) {
	h := newHarness(t, func(c *Config) {
		c.Backoff = time.Hour
		c.MaxBackoff = time.Hour
		c.MaxRetryWait = time.Hour
	})
	h.fake.Inject(fakeapi.Fault{Status: 503}, fakeapi.Fault{Status: 503})
	waited, err := cancelWhileWaiting(t, h)
	if waited < 30*time.Minute {
		t.Errorf("sleeping %v, want the hour-long backoff with jitter", waited)
	}
	requireErrorText(t, err, "request to "+h.c.host+" cancelled while waiting to retry after HTTP 503: context canceled")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error does not wrap context.Canceled: %v", err)
	}
	h.requireRequests(t, 1)
}

func TestCancelDuringRetryWaitWithRetryAfter(t *testing.T) {
	h := newHarness(t, func(c *Config) { c.MaxRetryWait = time.Hour })
	h.fake.Inject(fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "3600"}})
	waited, err := cancelWhileWaiting(t, h)
	if waited != time.Hour {
		t.Errorf("sleeping %v, want Retry-After's hour", waited)
	}
	if err == nil || !strings.Contains(err.Error(), "cancelled while waiting to retry after HTTP 429") {
		t.Fatalf("got %v, want a cancellation during the wait", err)
	}
}

func TestCancelledBeforeRequest(t *testing.T) {
	h := newHarness(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	requireErrorText(t, err, "request to "+h.c.host+" cancelled: context canceled")
	h.requireRequests(t, 0)
}

// A caller's deadline that runs out mid-request is a cancellation, not a
// request timeout, and is not retried. The deadline passes only once the
// server holds the request, so exactly one request is ever sent.
func TestCallerDeadlineDuringRequest(t *testing.T) {
	fake := fakeapi.New(testKey)
	fake.Inject(fakeapi.Fault{Hang: true}, fakeapi.Fault{Hang: true})
	arrived := make(chan struct{}, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		arrived <- struct{}{}
		fake.ServeHTTP(w, r)
	}))
	t.Cleanup(func() {
		if t.Failed() {
			srv.CloseClientConnections()
		}
		srv.Close()
	})
	cfg := fastConfig(srv.URL)
	cfg.MaxRetries = 3
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := newExpiringContext()
	withTimeout(t, func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, err = c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
		}()
		<-arrived
		ctx.expire()
		<-done
	})
	requireErrorText(t, err, "request to "+c.host+" cancelled: context deadline exceeded")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error does not wrap context.DeadlineExceeded: %v", err)
	}
	// Close waits for the handler, so every request is recorded.
	srv.Close()
	if n := len(fake.Requests()); n != 1 {
		t.Fatalf("server saw %d requests, want 1", n)
	}
}

// A transport failure's retry wait is cancellable too.
func TestCancelDuringRetryWaitAfterTransportError(t *testing.T) {
	addr := refusingAddr(t)
	h := newHarness(t, func(c *Config) {
		c.BaseURL = "http://" + addr
		c.Backoff = time.Hour
		c.MaxBackoff = time.Hour
	})
	_, err := cancelWhileWaiting(t, h)
	requireErrorText(t, err, "request to "+addr+" cancelled while waiting to retry: context canceled")
}

// cancelWhileWaiting reads a campaign, cancels the read's context once the
// client starts waiting to retry, and returns the wait it asked for and the
// read's error. A read that ends without waiting returns at once with a zero
// wait, so the caller's checks fail instead of the test hanging.
func cancelWhileWaiting(t *testing.T, h *harness) (time.Duration, error) {
	t.Helper()
	sleeping := make(chan time.Duration, 1)
	h.c.sleep = func(ctx context.Context, d time.Duration) error {
		sleeping <- d
		return sleepContext(ctx, d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var waited time.Duration
	var err error
	withTimeout(t, func() {
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, err = h.c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
		}()
		select {
		case waited = <-sleeping:
			cancel()
			<-done
		case <-done:
		}
	})
	return waited, err
}
