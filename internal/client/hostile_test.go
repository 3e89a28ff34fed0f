package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Servers written to answer badly on purpose, each in the test that needs
// it: every message is asserted whole, and neither it nor any log line may
// hold the key.

// hostile is a client, logging at trace level, of a server that answers
// with handler, and the requests that server saw.
type hostile struct {
	c        *Client
	log      *recordingLogger
	requests atomic.Int64
}

func newHostile(t *testing.T, handler http.HandlerFunc) *hostile {
	t.Helper()
	h := &hostile{log: &recordingLogger{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.requests.Add(1)
		handler(w, r)
	}))
	t.Cleanup(srv.Close)
	cfg := fastConfig(srv.URL + fakeapi.BasePath)
	cfg.Logger = h.log
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.c = c
	return h
}

func (h *hostile) get() (*Campaign, error) {
	return h.c.GetCampaign(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
}

// requireHostileError checks the whole message, and that the key is in
// neither it nor any log line, which must exist.
func (h *hostile) requireError(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %q", want)
	}
	requireNoKey(t, err.Error())
	if err.Error() != want {
		t.Fatalf("error:\n got %q\nwant %q", err.Error(), want)
	}
	entries := h.log.all()
	if len(entries) == 0 {
		t.Fatal("nothing was logged; the log's silence proves nothing")
	}
	requireNoKeyInLogs(t, entries)
}

// A redirect whose Location puts the key in the host name: the host is
// quoted, the key in it redacted, in the error and in the logged headers.
func TestHostileRedirectHostRedacted(t *testing.T) {
	for _, location := range []string{
		"http://" + testKey + ".invalid/x",
		"https://" + strings.ToLower(testKey[:8]) + testKey[8:] + ".invalid:8443/" + testKey,
	} {
		h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header()["Location"] = []string{location}
			w.WriteHeader(http.StatusFound)
		})
		_, err := h.get()
		want := "the API answered HTTP 302 Found, a redirect to [REDACTED].invalid, which is not followed"
		if strings.Contains(location, ":8443") {
			want = "the API answered HTTP 302 Found, a redirect to [REDACTED].invalid:8443, which is not followed"
		}
		h.requireError(t, err, want)
		logged := false
		for _, e := range h.log.all() {
			if strings.Contains(e.formatted(), "[REDACTED].invalid") {
				logged = true
			}
		}
		if !logged {
			t.Errorf("no log line shows the redacted Location: %v", h.log.all())
		}
		if n := h.requests.Load(); n != 1 {
			t.Errorf("%d requests, want 1", n)
		}
	}
}

// A credential field under any name encoding/json matches to it is
// treated as the credential it is: decoded as one, and its values kept out
// of the trace log. A name the decoder does not match is data.
func TestHostileCredentialFieldFolded(t *testing.T) {
	const header = "Bearer hdr-secret-7f3a"
	const secret = "whsec-folded-9c1d"
	for _, tc := range []struct{ headers, signing string }{
		{"cuſtom_headers", "ſigning_secret"}, // U+017F, a long s
		{"cuſtom_headerſ", "ſigning_ſecret"},
		{"CUSTOM_HEADERS", "SIGNING_SECRET"},
		{"Custom_HeaderS", "Signing_Secret"},
	} {
		t.Run(tc.headers, func(t *testing.T) {
			body := `{"webhook_id":"wh-1","url":"https://hooks.example.com/x","` + tc.headers + `":{"Authorization":"` + header + `"},"` + tc.signing + `":"` + secret + `"}`
			h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
				_, _ = w.Write([]byte(body))
			})
			w, err := h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, "wh-1")
			if err != nil {
				t.Fatal(err)
			}
			// The decoder matched the name: the value is a custom header.
			if got := w.CustomHeaders["Authorization"]; got == nil || *got != header {
				t.Fatalf("custom_headers = %v; the decoder did not match %q", w.CustomHeaders, tc.headers)
			}
			var logged string
			for _, e := range h.log.all() {
				logged += e.formatted() + "\n"
			}
			for _, s := range []string{header, "hdr-secret", secret} {
				if strings.Contains(logged, s) {
					t.Fatalf("the log shows %q:\n%s", s, logged)
				}
			}
			if want := `"Authorization":"[REDACTED]"`; !strings.Contains(logged, want) {
				t.Fatalf("the log does not show the redacted body (%s):\n%s", want, logged)
			}
		})
	}
	t.Run("customHeaders is data", func(t *testing.T) {
		h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"webhook_id":"wh-1","url":"https://hooks.example.com/x","customHeaders":{"Authorization":"not a header"}}`))
		})
		w, err := h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, "wh-1")
		if err != nil {
			t.Fatal(err)
		}
		if w.CustomHeaders != nil {
			t.Fatalf("customHeaders decoded as custom_headers: %v", w.CustomHeaders)
		}
	})
}

// SameJSONName agrees with encoding/json on which member names decode into
// a field, for the credential fields and every case and fold of them.
func TestSameJSONNameAgreesWithDecoder(t *testing.T) {
	names := []string{
		"custom_headers", "CUSTOM_HEADERS", "Custom_Headers", "cuſtom_headers", "cuſtom_headerſ", "customheaders",
		"customHeaders", "custom-headers", "custom_header", "custom_headers ", "\u212Austom_headers",
		"signing_secret", "ſigning_ſecret", "SIGNING_SECRET", "signing_secreT", "signingsecret", "ſigning_secret\u0130",
	}
	matched := 0
	for _, field := range []string{customHeadersField, signingSecretField} {
		typ := reflect.StructOf([]reflect.StructField{{Name: "X", Type: reflect.TypeFor[*string](), Tag: reflect.StructTag(`json:"` + field + `"`)}})
		for _, name := range names {
			v := reflect.New(typ)
			if err := json.Unmarshal([]byte(`{"`+name+`":"v"}`), v.Interface()); err != nil {
				t.Fatal(err)
			}
			decoded := !v.Elem().Field(0).IsNil()
			if decoded {
				matched++
			}
			if same := SameJSONName(name, field); same != decoded {
				t.Errorf("SameJSONName(%q, %q) = %v, but encoding/json decoding it into the field is %v", name, field, same, decoded)
			}
		}
	}
	if matched != 9 {
		t.Errorf("encoding/json matched %d of the names, want 9", matched)
	}
}

func (h *hostile) list() (*ListResult[CampaignSummary], error) {
	return h.c.ListCampaigns(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, ListQuery{})
}

// changedTwice is the reason of a list that changed on both reads.
func changedTwice(first, again string) string {
	return "List Campaigns: the API's pages do not add up to one list: the list changed while it was read (" + first +
		"), and again when read once more from the start (" + again + "); a retry usually helps once the list stops changing; no partial list is returned"
}

// A list read returns exactly what the API says it has, or fails saying
// what changed; it is never short without a word.
func TestHostileListsNeverShort(t *testing.T) {
	for _, tc := range []struct {
		name string
		// serve answers the page at offset; nth counts the requests.
		serve func(offset int, nth int64) string
		once  string
	}{
		{"alternating pages", func(offset int, _ int64) string {
			// Two sets of 100 in turn while total says 500.
			from := (offset / 100 % 2) * 100
			return envelope(campaignItems(from, from+100), 500, offset, offset+100 < 500)
		}, `300 items were listed twice, the first "cmp-0000" again on the page at offset 200, leaving 200 distinct items, where the API reports a total of 500`},
		{"a total that shrinks", func(offset int, _ int64) string {
			if offset == 0 {
				return envelope(campaignItems(0, 100), 1000, 0, true)
			}
			return envelope(campaignItems(offset, offset+100), 150, offset, offset+100 < 150)
		}, "the total went from 1000 to 150 at the page at offset 100"},
		{"totals 1000, 300, 5000, 200", func(offset int, _ int64) string {
			totals := map[int]int{0: 1000, 100: 300, 200: 5000, 300: 200}
			total, ok := totals[offset]
			if !ok {
				total = 200
			}
			return envelope(campaignItems(offset, offset+100), total, offset, true)
		}, "the total went from 1000 to 300 at the page at offset 100"},
		{"pages holding more than the total", func(offset int, _ int64) string {
			return envelope(campaignItems(offset, offset+100), 150, offset, offset+100 < 150)
		}, "the pages held 200 items, where the API reports a total of 150"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var h *hostile
			h = newHostile(t, func(w http.ResponseWriter, r *http.Request) {
				offset := queryInt(r.URL.Query(), "offset")
				_, _ = w.Write([]byte(tc.serve(offset, h.requests.Load())))
			})
			r, err := h.list()
			if r != nil {
				t.Fatalf("got a list of %d items with the error", len(r.Items))
			}
			h.requireError(t, err, changedTwice(tc.once, tc.once))
			if !requireAs[*PaginationError](t, err).Changed {
				t.Fatal("PaginationError.Changed is false")
			}
			// Two reads of at most the pages the first total implies.
			if n := h.requests.Load(); n < 4 || n > 2*(1+9) {
				t.Fatalf("%d requests", n)
			}
		})
	}
}

// A page that fails on every attempt in the middle of a large list is
// named by its offset; the error stays the API's, for errors.As.
func TestHostileListPageFailsForever(t *testing.T) {
	h := newHostile(t, func(w http.ResponseWriter, r *http.Request) {
		offset := queryInt(r.URL.Query(), "offset")
		if offset == 300 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"error":{"message":"overloaded"}}`))
			return
		}
		_, _ = w.Write([]byte(envelope(campaignItems(offset, offset+100), 1000, offset, true)))
	})
	// Jitter the identity, so that the three waits are 1ms each.
	h.c.jitter = func(d time.Duration) time.Duration { return d }
	r, err := h.list()
	if r != nil {
		t.Fatalf("got a list of %d items with the error", len(r.Items))
	}
	h.requireError(t, err, "reading the page at offset 300: the API answered HTTP 503 Service Unavailable after 4 attempts and 3ms of waiting between them: overloaded")
	if pErr := requireAs[*ListPageError](t, err); pErr.Offset != 300 {
		t.Fatalf("ListPageError.Offset = %d", pErr.Offset)
	}
	if aErr := requireAs[*APIError](t, err); aErr.StatusCode != 503 {
		t.Fatalf("APIError %+v", aErr)
	}
}

// nested is a JSON value depth objects deep around 1.
func nested(depth int) string {
	return strings.Repeat(`{"a":`, depth) + "1" + strings.Repeat("}", depth)
}

// members is n members of an object, each a string.
func members(n int) string {
	m := make([]string, n)
	for i := range m {
		m[i] = fmt.Sprintf(`"m%d" : "v"`, i)
	}
	return strings.Join(m, ",")
}

// Free-form JSON (a webhook's metadata, the campaign's top-level
// webhook_config) past its bounds is refused in one pass, with a message
// that says where and what; at the bounds it is read.
func TestHostileFreeFormBounds(t *testing.T) {
	const at = `HTTP 200 response could not be decoded at "`
	for _, tc := range []struct {
		name, fields, want string
	}{
		{"metadata 9,990 deep", `"app_config":{"webhook_config":{"metadata":` + nested(9990) + `}}`,
			at + `app_config.webhook_config.metadata": nested 9990 levels deep, more than the 64 levels the provider reads`},
		{"metadata 65 deep", `"app_config":{"webhook_config":{"metadata":` + nested(65) + `}}`,
			at + `app_config.webhook_config.metadata": nested 65 levels deep, more than the 64 levels the provider reads`},
		{"lists 65 deep", `"app_config":{"webhook_config":{"metadata":` + strings.Repeat("[", 65) + strings.Repeat("]", 65) + `}}`,
			at + `app_config.webhook_config.metadata": nested 65 levels deep, more than the 64 levels the provider reads`},
		{"webhook_config 2,000 deep", `"app_config":{},"webhook_config":` + nested(2000),
			at + `webhook_config": nested 2000 levels deep, more than the 64 levels the provider reads`},
		{"a huge exponent", `"app_config":{"webhook_config":{"metadata":{"n":1e10000000}}}`,
			at + `app_config.webhook_config.metadata": the number 1e10000000 has an exponent beyond ±400, which the provider does not read`},
		{"a tiny exponent", `"app_config":{"webhook_config":{"metadata":[-2.5E-401]}}`,
			at + `app_config.webhook_config.metadata": the number -2.5E-401 has an exponent beyond ±400, which the provider does not read`},
		{"an exponent of many digits", `"app_config":{},"webhook_config":{"n":1e` + strings.Repeat("0", 5000) + `1}`,
			at + `webhook_config": the number 1e` + strings.Repeat("0", 30) + `… has 5002 digits, more than the 100 the provider reads`},
		{"101 digits", `"app_config":{"webhook_config":{"metadata":{"n":1.` + strings.Repeat("5", 100) + `}}}`,
			at + `app_config.webhook_config.metadata": the number 1.` + strings.Repeat("5", 30) + `… has 101 digits, more than the 100 the provider reads`},
		{"a hundred objects 64 deep", `"app_config":{"webhook_config":{"metadata":[` + strings.Repeat(nested(63)+",", 99) + nested(63) + `]}}`,
			at + `app_config.webhook_config.metadata": 6401 values nested up to 64 levels deep weigh 214401 (each value as many levels as it sits deep), more than the 10000 the provider reads`},
		{"5,000 members", `"app_config":{},"webhook_config":{` + members(5000) + `}`,
			at + `webhook_config": 5001 values nested up to 1 level deep weigh 10001 (each value as many levels as it sits deep), more than the 10000 the provider reads`},
		{"1e400 where a number belongs", `"app_config":{"attempts_per_second":1e400}`,
			at + `app_config.attempts_per_second": want a number, got the JSON number 1e400, which is out of range for a 64-bit floating-point number`},
		{"an integer out of range", `"app_config":{"app_version":-` + strings.Repeat("9", 5000) + `}`,
			at + `app_config.app_version": want an integer, got the JSON number -` + strings.Repeat("9", 31) + `…, which is out of range for a 64-bit integer`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			body := `{"campaign_id":"c","name":"n","status":"active","allowed_schedule":{},` + tc.fields + `}`
			if !strings.Contains(tc.fields, `"app_config"`) {
				t.Fatal("the case has no app_config")
			}
			h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
			c, err := h.get()
			if c != nil {
				t.Fatal("got a campaign")
			}
			h.requireError(t, err, tc.want)
			if dErr := requireAs[*DecodeError](t, err); dErr.StatusCode != http.StatusOK {
				t.Fatalf("DecodeError %+v", dErr)
			}
			if n := h.requests.Load(); n != 1 {
				t.Fatalf("%d requests: a body that does not decode is not retried", n)
			}
		})
	}
	// At the bounds, an answer is read as it is.
	metadata := `{"flat":{` + members(2000) + `},"deep":` + nested(MaxFreeFormDepth-1) + `,"n":-1.` + strings.Repeat("7", MaxNumberDigits-4) + `e-400,"m":9e+400}`
	body := `{"campaign_id":"c","name":"n","status":"active","allowed_schedule":{},"app_config":{"webhook_config":{"metadata":` + metadata + `}},` +
		`"webhook_config":` + nested(MaxFreeFormDepth) + `}`
	h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(body)) })
	c, err := h.get()
	if err != nil {
		t.Fatal(err)
	}
	if string(c.AppConfig.WebhookConfig.Metadata) != metadata || string(c.WebhookConfig) != nested(MaxFreeFormDepth) {
		t.Fatal("free-form JSON at the bounds was not kept byte for byte")
	}
}

// A 204 says what it is: an empty answer where an object was expected.
func TestHostileNoContent(t *testing.T) {
	h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	c, err := h.get()
	if c != nil {
		t.Fatal("got a campaign")
	}
	h.requireError(t, err, "HTTP 204 response could not be decoded: the API answered 204 No Content, an empty answer where a JSON object was expected")
	if n := h.requests.Load(); n != 1 {
		t.Fatalf("%d requests, want 1", n)
	}
}

// A value the API sends that the client quotes in an error (an id listed
// twice, a map key in a field path) has the key taken out like any message.
func TestHostileKeyInQuotedValues(t *testing.T) {
	t.Run("an id listed twice", func(t *testing.T) {
		item := `{"campaign_id":"id-` + testKey + `","name":"x","status":"active"}`
		h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"items":[` + item + `,` + item + `],"total":2,"offset":0,"next_page_uri":null}`))
		})
		_, err := h.list()
		once := `1 item was listed twice, the first "id-[REDACTED]" again on the page at offset 0, leaving 1 distinct item, where the API reports a total of 2`
		h.requireError(t, err, changedTwice(once, once))
	})
	t.Run("a header named by the key", func(t *testing.T) {
		h := newHostile(t, func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`{"webhook_id":"wh-1","url":"https://hooks.example.com/x","custom_headers":{"` + testKey + `":5}}`))
		})
		_, err := h.c.GetWebhookConfig(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, "wh-1")
		h.requireError(t, err, `HTTP 200 response could not be decoded at "custom_headers": want a string, got a JSON number`)
	})
}
