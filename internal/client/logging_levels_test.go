package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// levelLogger is a recordingLogger that says which levels are on.
type levelLogger struct {
	recordingLogger
	debug, trace bool
}

func (l *levelLogger) DebugEnabled() bool { return l.debug }
func (l *levelLogger) TraceEnabled() bool { return l.trace }

// With trace off, the body is not held back for the log: the caller reads
// the transport's own body. With both levels off, nothing is logged at all.
func TestLoggingLevelsOff(t *testing.T) {
	for _, tc := range []struct {
		name         string
		debug, trace bool
		entries      int
		replayed     bool
	}{
		{"both on", true, true, 3, true},
		{"trace off", true, false, 2, false},
		{"both off", false, false, 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := io.NopCloser(strings.NewReader(`{"campaign_id":"c"}`))
			next := roundTripFunc(func(r *http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, Request: r}, nil
			})
			log := &levelLogger{debug: tc.debug, trace: tc.trace}
			tr := &loggingTransport{next: next, log: log}
			req, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "http://127.0.0.1/x", nil)
			req.Header.Set("X-API-Key", testKey)
			resp, err := tr.RoundTrip(req)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(log.all()); got != tc.entries {
				t.Fatalf("%d entries, want %d: %+v", got, tc.entries, log.all())
			}
			if _, replayed := resp.Body.(*replayBody); replayed != tc.replayed {
				t.Fatalf("body %T: replayed %v, want %v", resp.Body, replayed, tc.replayed)
			}
			if b, _ := io.ReadAll(resp.Body); string(b) != `{"campaign_id":"c"}` {
				t.Fatalf("the caller read %q", b)
			}
			for _, e := range log.all() {
				if e.level == "trace" && !tc.trace || e.level == "debug" && !tc.debug {
					t.Fatalf("an entry at a level that is off: %+v", e)
				}
			}
		})
	}
}

// A webhook configuration's custom header values and signing secret never
// reach the trace log; the rest of the body, header names included, does.
func TestLoggingRedactsWebhookSecrets(t *testing.T) {
	for _, tc := range []struct {
		id, secret string
		want       map[string]any
	}{
		{fakeapi.WebhookWithHeadersID, fakeapi.WebhookAuthHeaderValue, nil},
		{fakeapi.WebhookWithSecretID, fakeapi.WebhookSigningSecret, map[string]any{"signing_secret": "[REDACTED]", "custom_headers": map[string]any{"X-Team": "[REDACTED]"}}},
	} {
		t.Run(tc.id, func(t *testing.T) {
			log := &recordingLogger{}
			h := newHarness(t, func(c *Config) { c.Logger = log })
			w, err := h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if *w.WebhookID != tc.id {
				t.Fatalf("read %s", *w.WebhookID)
			}
			entries := log.all()
			if len(entries) != 3 {
				t.Fatalf("%d entries, want 3", len(entries))
			}
			for _, e := range entries {
				if s := e.formatted(); strings.Contains(s, tc.secret) || strings.Contains(s, "LEAKCHECK") {
					t.Fatalf("a webhook credential reached the log: %s", s)
				}
			}
			body, _ := entries[2].fields["http.body"].(string)
			var logged map[string]any
			if err := json.Unmarshal([]byte(body), &logged); err != nil {
				t.Fatalf("the logged body is not JSON: %v: %s", err, body)
			}
			if logged["webhook_id"] != tc.id || logged["url"] != *w.URL {
				t.Fatalf("the logged body lost its other fields: %s", body)
			}
			headers, _ := logged["custom_headers"].(map[string]any)
			if len(headers) != len(w.CustomHeaders) {
				t.Fatalf("logged headers %v, read %v", headers, w.CustomHeaders)
			}
			for name := range w.CustomHeaders {
				if headers[name] != "[REDACTED]" {
					t.Fatalf("header %s logged as %v", name, headers[name])
				}
			}
			for k, v := range tc.want {
				if got, _ := json.Marshal(logged[k]); string(got) != mustJSON(v) {
					t.Fatalf("%s logged as %s, want %s", k, got, mustJSON(v))
				}
			}
		})
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// Bodies the redaction cannot parse are not logged; escaped field names and
// secrets nested anywhere are still found.
func TestRedactBodySecrets(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		truncated  bool
		want       string
		ok         bool
	}{
		{"escaped field name", `{"\u0073igning_secret":"whsec_x","a":1}`, false, `{"a":1,"signing_secret":"[REDACTED]"}`, true},
		{"nested in a list", `{"items":[{"custom_headers":{"Authorization":"Bearer t","X":null}}]}`, false, `{"items":[{"custom_headers":{"Authorization":"[REDACTED]","X":"[REDACTED]"}}]}`, true},
		{"headers not an object", `{"custom_headers":"Bearer t"}`, false, `{"custom_headers":"[REDACTED]"}`, true},
		{"null kept", `{"custom_headers":null,"signing_secret":null}`, false, `{"custom_headers":null,"signing_secret":null}`, true},
		{"other case", `{"Signing_Secret":"s"}`, false, `{"Signing_Secret":"[REDACTED]"}`, true},
		{"large integers kept", `{"n":12345678901234567890,"signing_secret":"s"}`, false, `{"n":12345678901234567890,"signing_secret":"[REDACTED]"}`, true},
		{"not JSON", `signing_secret=whsec_x`, false, "", false},
		{"cut short", `{"custom_headers":{"Authorization":"Bearer t"}}`, true, "", false},
		{"broken JSON", `{"custom_headers":{"Authorization":"Bearer t"`, false, "", false},
		{"trailing data", `{"a":1} {"signing_secret":"s"}`, false, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := redactBodySecrets([]byte(tc.body), tc.truncated)
			if ok != tc.ok || got != tc.want {
				t.Fatalf("got %q, %v; want %q, %v", got, ok, tc.want, tc.ok)
			}
		})
	}
}

// Through the transport, a body that names a secret field and cannot be
// parsed, or is longer than the log takes, is left out of the log.
func TestLoggingOmitsUnparsableSecretBodies(t *testing.T) {
	long := `{"webhook_id":"w","url":"u","custom_headers":{"Authorization":"Bearer LEAKCHECK"},"pad":"` + strings.Repeat("x", maxLoggedBody) + `"}`
	for _, body := range []string{
		`{"webhook_id":"w","custom_headers":{"Authorization":"Bearer LEAKCHECK"`,
		long,
	} {
		log := &recordingLogger{}
		h := newHarness(t, func(c *Config) { c.Logger = log; c.MaxRetries = 0 })
		h.fake.Inject(fakeapi.Fault{Status: 200, Body: body})
		_, _ = h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, "w")
		entries := log.all()
		if len(entries) != 3 {
			t.Fatalf("%d entries, want 3", len(entries))
		}
		for _, e := range entries {
			if strings.Contains(e.formatted(), "LEAKCHECK") {
				t.Fatalf("a webhook credential reached the log: %.300s", e.formatted())
			}
		}
		if entries[2].fields["http.body"] != "" || entries[2].fields["http.body_omitted"] == nil {
			t.Fatalf("body entry %.300v", entries[2].fields)
		}
	}
}

// A field name in another case is decoded as the field, so the log treats it
// as the field: its value is redacted, whatever the case.
func TestLoggingRedactsSecretFieldsInAnyCase(t *testing.T) {
	log := &recordingLogger{}
	h := newHarness(t, func(c *Config) { c.Logger = log; c.MaxRetries = 0 })
	h.fake.Inject(fakeapi.Fault{Status: 200, Body: `{"webhook_id":"w","url":"u","Custom_Headers":{"Authorization":"Bearer LEAKCHECK"},"SIGNING_SECRET":"LEAKCHECK2"}`})
	w, err := h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, "w")
	if err != nil || w.CustomHeaders["Authorization"] == nil {
		t.Fatalf("the headers were not read (%v, %+v), so the check would prove nothing", err, w)
	}
	entries := log.all()
	if len(entries) != 3 {
		t.Fatalf("%d entries, want 3", len(entries))
	}
	for _, e := range entries {
		if strings.Contains(e.formatted(), "LEAKCHECK") {
			t.Fatalf("a webhook credential reached the log: %.300s", e.formatted())
		}
	}
	if body, _ := entries[2].fields["http.body"].(string); !strings.Contains(body, `"Custom_Headers":{"Authorization":"[REDACTED]"}`) {
		t.Fatalf("body entry %.300v", entries[2].fields)
	}
}
