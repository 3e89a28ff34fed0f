package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

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
