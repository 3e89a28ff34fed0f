package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

type logEntry struct {
	level  string
	msg    string
	fields map[string]any
}

type recordingLogger struct {
	mu      sync.Mutex
	entries []logEntry
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add("debug", msg, fields)
}

func (l *recordingLogger) Trace(_ context.Context, msg string, fields map[string]any) {
	l.add("trace", msg, fields)
}

func (l *recordingLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, logEntry{level, msg, fields})
}

func (l *recordingLogger) all() []logEntry {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]logEntry(nil), l.entries...)
}

// formatted renders an entry every way a log sink might, so a secret hidden
// in any field or nested value shows up.
func (e logEntry) formatted() string {
	return fmt.Sprintf("%s %s %v %+v %#v", e.level, e.msg, e.fields, e.fields, e.fields)
}

func requireNoKeyInLogs(t *testing.T, entries []logEntry) {
	t.Helper()
	for _, e := range entries {
		if s := e.formatted(); strings.Contains(s, testKey) {
			t.Fatalf("the key leaked into a log entry: %s", s)
		}
	}
}

func TestLoggingRequestAndResponse(t *testing.T) {
	log := &recordingLogger{}
	h := newHarness(t, func(c *Config) { c.Logger = log; c.UserAgent = "tf-test/1" })
	if _, err := h.get(fakeapi.LoanRemindersID); err != nil {
		t.Fatalf("GetCampaign: %v", err)
	}
	entries := log.all()
	if len(entries) != 3 {
		t.Fatalf("%d log entries, want request, response, body: %+v", len(entries), entries)
	}
	url := h.srv.URL + fakeapi.BasePath + "/v1/orgs/org-acme-finance/workspaces/ws-collections/campaigns/MKN-Loan-Le-181e5d84-a3cc"

	req := entries[0]
	if req.level != "debug" || req.msg != "Sarvam API request" || req.fields["http.method"] != "GET" || req.fields["http.url"] != url {
		t.Fatalf("request entry %+v", req)
	}
	wantHeaders := map[string]string{"X-Api-Key": "[REDACTED]", "Accept": "application/json", "User-Agent": "tf-test/1"}
	if got := fmt.Sprint(req.fields["http.headers"]); got != fmt.Sprint(wantHeaders) {
		t.Fatalf("request headers %s, want %s", got, fmt.Sprint(wantHeaders))
	}

	resp := entries[1]
	if resp.level != "debug" || resp.msg != "Sarvam API response" || resp.fields["http.status_code"] != 200 || resp.fields["http.url"] != url {
		t.Fatalf("response entry %+v", resp)
	}
	if _, ok := resp.fields["http.duration_ms"].(int64); !ok {
		t.Fatalf("response entry has no duration: %+v", resp.fields)
	}
	if headers, _ := resp.fields["http.headers"].(map[string]string); headers["Content-Type"] != "application/json" {
		t.Fatalf("response headers %v", resp.fields["http.headers"])
	}

	body := entries[2]
	if body.level != "trace" || body.msg != "Sarvam API response body" || body.fields["http.body"] != string(mustSeed(fakeapi.LoanRemindersID)) {
		t.Fatalf("body entry %+v", body)
	}
	if _, ok := body.fields["http.body_truncated"]; ok {
		t.Fatalf("a small body was marked truncated")
	}
	for _, e := range entries {
		if e.level != "trace" && (strings.Contains(e.formatted(), "Reminds borrowers") || e.fields["http.body"] != nil) {
			t.Fatalf("the body was logged at %s: %s", e.level, e.formatted())
		}
	}
	requireNoKeyInLogs(t, entries)
}

// An API echoing the key in a body or a header must not get it into a log.
func TestLoggingRedactsEchoedKey(t *testing.T) {
	log := &recordingLogger{}
	h := newHarness(t, func(c *Config) { c.Logger = log; c.MaxRetries = 1 })
	h.fake.Inject(
		fakeapi.Fault{Status: 503, Body: "upstream rejected " + testKey, Header: map[string]string{"X-Echo": "key=" + testKey, "Set-Cookie": "s=" + testKey}},
		fakeapi.Fault{Status: 401, Body: `{"detail":"Invalid API key ` + testKey + `"}`, Header: map[string]string{"X-Api-Key": testKey}},
	)
	_, err := h.get(fakeapi.LoanRemindersID)
	requireErrorText(t, err, "the API answered HTTP 401 Unauthorized after 2 attempts and 1ms of waiting between them: Invalid API key [REDACTED]")
	entries := log.all()
	if len(entries) != 6 {
		t.Fatalf("%d log entries, want 6", len(entries))
	}
	requireNoKeyInLogs(t, entries)
	if got := entries[2].fields["http.body"]; got != "upstream rejected [REDACTED]" {
		t.Fatalf("trace body %q", got)
	}
	if headers, _ := entries[1].fields["http.headers"].(map[string]string); headers["X-Echo"] != "key=[REDACTED]" {
		t.Fatalf("echo header %q", headers["X-Echo"])
	}
}

func TestLoggingTransportFailure(t *testing.T) {
	t.Parallel()
	log := &recordingLogger{}
	h := newHarness(t, func(c *Config) {
		c.Logger = log
		c.MaxRetries = 0
		c.RequestTimeout = hangTimeout
	})
	h.fake.Inject(fakeapi.Fault{Hang: true})
	var err error
	withTimeout(t, func() { _, err = h.get(fakeapi.LoanRemindersID) })
	requireErrorText(t, err, "request to "+h.c.host+" timed out: no complete response within the request timeout of 2s; request_timeout sets the per-attempt limit")
	entries := log.all()
	if len(entries) != 2 || entries[1].msg != "Sarvam API request failed" || entries[1].level != "debug" {
		t.Fatalf("entries %+v", entries)
	}
	if e, _ := entries[1].fields["error"].(string); e != "context deadline exceeded" {
		t.Fatalf("logged error %q", e)
	}
	requireNoKeyInLogs(t, entries)
}

// TestLoggingBodyReplay checks the caller reads exactly the bytes the server
// sent around the logging limit, and that the log holds at most the limit.
func TestLoggingBodyReplay(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, maxLoggedBody - 1, maxLoggedBody, maxLoggedBody + 1, 3*maxLoggedBody + 17, 1 << 20} {
		original := make([]byte, size)
		for i := range original {
			original[i] = byte(rng.UintN(256))
		}
		log := &recordingLogger{}
		lt := &loggingTransport{log: log, next: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			// A reader that hands out a few bytes at a time, like a
			// network, exercises the replay's seams.
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(&chunkyReader{b: original, n: 1000}), Request: r}, nil
		})}
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
		resp, err := lt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || !bytes.Equal(got, original) {
			t.Fatalf("size %d: caller read %d bytes (err %v), not the original", size, len(got), err)
		}
		entries := log.all()
		trace := entries[len(entries)-1]
		logged, ok := trace.fields["http.body"].(string)
		if !ok {
			t.Fatalf("size %d: the trace entry has no body", size)
		}
		if want := string(original[:min(size, maxLoggedBody)]); logged != want {
			t.Fatalf("size %d: logged %d bytes, want the first %d", size, len(logged), len(want))
		}
		_, truncated := trace.fields["http.body_truncated"]
		if truncated != (size > maxLoggedBody) {
			t.Fatalf("size %d: body_truncated=%v", size, truncated)
		}
	}
}

type chunkyReader struct {
	b []byte
	n int
}

func (r *chunkyReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), r.n)], r.b)
	r.b = r.b[n:]
	return n, nil
}

// A read error after the logged head still reaches the caller, after the
// bytes that came before it.
func TestLoggingBodyErrorReplayed(t *testing.T) {
	boom := errors.New("connection reset by peer")
	for _, before := range []int{10, maxLoggedBody + 100} {
		lt := &loggingTransport{log: &recordingLogger{}, next: roundTripFunc(func(r *http.Request) (*http.Response, error) {
			body := io.MultiReader(bytes.NewReader(bytes.Repeat([]byte("a"), before)), &failingReader{err: boom})
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(body), Request: r}, nil
		})}
		req, _ := http.NewRequest(http.MethodGet, "http://127.0.0.1/x", nil)
		resp, err := lt.RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		if !errors.Is(err, boom) || len(got) != before {
			t.Fatalf("before=%d: read %d bytes, err %v; want %d bytes then the reset", before, len(got), err, before)
		}
	}
}

type failingReader struct{ err error }

func (r *failingReader) Read([]byte) (int, error) { return 0, r.err }

// End to end: a campaign far over the logging limit decodes the same with
// and without a logger.
func TestLoggingLargeCampaignIntact(t *testing.T) {
	phones := make([]string, 10000)
	for i := range phones {
		phones[i] = fmt.Sprintf(`"+9180%08d"`, i)
	}
	body := fmt.Sprintf(minimal, `"connection_configs":[{"connection_id":"bulk","phone_numbers":[`+strings.Join(phones, ",")+`]}]`)
	if len(body) < 4*maxLoggedBody {
		t.Fatalf("body of %d bytes is not large enough", len(body))
	}
	var results [2]*Campaign
	for i, logged := range []bool{false, true} {
		log := &recordingLogger{}
		h := newHarness(t, func(c *Config) {
			if logged {
				c.Logger = log
			}
		})
		h.fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "big", []byte(body))
		c, err := h.get("big")
		if err != nil {
			t.Fatalf("logged=%v: %v", logged, err)
		}
		results[i] = c
		if logged {
			entries := log.all()
			trace := entries[len(entries)-1]
			if trace.fields["http.body"] != body[:maxLoggedBody] || trace.fields["http.body_truncated"] != true {
				t.Fatalf("trace entry does not hold the first %d bytes, truncated", maxLoggedBody)
			}
		}
	}
	if diff := diffCampaign(results[1], results[0]); diff != "" {
		t.Fatal(diff)
	}
	if n := len(results[1].AppConfig.ConnectionConfigs[0].PhoneNumbers); n != 10000 {
		t.Fatalf("%d phone numbers", n)
	}
}

func TestRedactHeaders(t *testing.T) {
	h := http.Header{}
	h["x-api-key"] = []string{"raw-lowercase"}
	h.Set("Authorization", "Bearer x")
	h.Add("Set-Cookie", "a=1")
	h.Add("Set-Cookie", "b=2")
	h.Add("Via", "1.1 "+testKey)
	h.Add("Via", "1.1 proxy")
	h.Set("Content-Type", "application/json")
	got := redactHeaders(h, testKey)
	want := map[string]string{
		"x-api-key":     "[REDACTED]",
		"Authorization": "[REDACTED]",
		"Set-Cookie":    "[REDACTED]",
		"Via":           "[1.1 [REDACTED] 1.1 proxy]",
		"Content-Type":  "application/json",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
