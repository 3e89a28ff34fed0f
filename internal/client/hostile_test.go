package client

import (
	"context"
	"net/http"
	"net/http/httptest"
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
