package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestStatsCountsRequestsAndConnections(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s.WithStats())
	defer srv.Close()
	path := campaignPath(OrgID, WorkspaceID, LoanRemindersID)
	// One pooled connection: every response is read to the end.
	get(t, srv, path, testKey)
	get(t, srv, path, "")
	s.Inject(Fault{Status: 503})
	get(t, srv, "/nowhere", testKey)
	if st := s.Stats(); st != (Stats{Requests: 3, Connections: 1}) {
		t.Fatalf("pooled: %+v, want 3 requests over 1 connection", st)
	}
	// A connection per request.
	fresh := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for range 2 {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
		req.Header.Set("X-API-Key", testKey)
		resp, err := fresh.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	want := Stats{Requests: 5, Connections: 3}
	if st := s.Stats(); st != want {
		t.Fatalf("fresh connections: %+v, want %+v", st, want)
	}

	// The stats endpoint needs no key, lies outside the mount and is not
	// counted.
	status, header, body := get(t, srv, StatsPath, "")
	var got Stats
	if status != 200 || header.Get("Content-Type") != "application/json" || json.Unmarshal([]byte(body), &got) != nil || got != want ||
		strings.TrimSpace(body) != `{"requests":5,"connections":3}` {
		t.Fatalf("GET %s: HTTP %d %s", StatsPath, status, body)
	}
	if st := s.Stats(); st != want {
		t.Fatalf("reading the stats counted: %+v", st)
	}
	if status, _, body := get(t, srv, BasePath+StatsPath, testKey); status != 404 || strings.TrimSpace(body) != `{"detail":"Not Found"}` {
		t.Fatalf("GET %s: HTTP %d %s", BasePath+StatsPath, status, body)
	}
	// Served by New's handler alone, there is no stats endpoint.
	plain := httptest.NewServer(New(testKey))
	defer plain.Close()
	if status, _, _ := get(t, plain, StatsPath, testKey); status != 404 {
		t.Fatalf("plain handler served %s: HTTP %d", StatsPath, status)
	}
}

// TestDelaysAsked records the waits the server asks for instead of taking
// them: the request delay every time, plus the connection delay on the first
// request of each connection.
func TestDelaysAsked(t *testing.T) {
	s := New(testKey)
	s.RequestDelay = 3 * time.Second
	s.ConnDelay = 5 * time.Second
	waits := recordSleeps(s)
	srv := httptest.NewServer(s)
	defer srv.Close()
	path := campaignPath(OrgID, WorkspaceID, LoanRemindersID)
	for range 3 {
		if status, _, _ := get(t, srv, path, testKey); status != 200 {
			t.Fatalf("HTTP %d", status)
		}
	}
	srv.CloseClientConnections()
	get(t, srv, path, testKey)
	want := []time.Duration{8 * time.Second, 3 * time.Second, 3 * time.Second, 8 * time.Second}
	if got := waits(); !slices.Equal(got, want) {
		t.Fatalf("waits %v, want %v", got, want)
	}

	s.RequestDelay, s.ConnDelay = 0, 0
	srv.CloseClientConnections()
	get(t, srv, path, testKey)
	if got := waits(); len(got) != len(want) {
		t.Fatalf("waited %v with no delay set", got[len(want):])
	}
}

// TestDelayGivesUpWithClient: a delayed request whose client goes away
// returns without answering.
func TestDelayGivesUpWithClient(t *testing.T) {
	for _, tc := range []struct {
		name     string
		req, con time.Duration
	}{{"request delay", time.Hour, 0}, {"connection delay", 0, time.Hour}} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(testKey)
			s.RequestDelay, s.ConnDelay = tc.req, tc.con
			srv := newWatchedServer(t, s)
			req, _ := http.NewRequest(http.MethodGet, srv.URL+campaignPath(OrgID, WorkspaceID, LoanRemindersID), nil)
			req.Header.Set("X-API-Key", testKey)
			srv.requireNoAnswer(t, req)
		})
	}
}
