package fakeapi

import (
	"context"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// Helpers the tests of several files share.

func cohortsPath(campaignID string) string {
	return campaignPath(OrgID, WorkspaceID, campaignID) + "/cohorts"
}

const testKey = "fake-test-key-0123456789"

func campaignPath(org, ws, id string) string {
	return BasePath + "/v1/orgs/" + org + "/workspaces/" + ws + "/campaigns/" + id
}

func get(t *testing.T, srv *httptest.Server, path, apiKey string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if apiKey != "" {
		req.Header.Set("X-API-Key", apiKey)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

// keyFor binds a key of its own to org and workspace and returns it.
func keyFor(s *Server, org, ws string) string {
	key := "key-for-" + org + "-" + ws
	s.AddKey(key, org, ws)
	return key
}

func newWatchedServer(t *testing.T, s *Server) *watchedServer {
	t.Helper()
	w := &watchedServer{arrived: make(chan struct{}, 1)}
	w.Server = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		w.arrived <- struct{}{}
		ww := &watchedWriter{ResponseWriter: rw}
		s.ServeHTTP(ww, r)
		w.wrote.Store(ww.wrote.Load())
		w.waitedForClient.Store(r.Context().Err() != nil)
	}))
	t.Cleanup(w.Close)
	return w
}

var campaignsPath = BasePath + "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID + "/campaigns"

// list GETs path with testKey and decodes a 200 list response strictly:
// every field of the envelope present, nothing else.
func list(t *testing.T, srv *httptest.Server, path string) page {
	t.Helper()
	return listWith(t, srv, path, testKey)
}

// listWith is list with another key.
func listWith(t *testing.T, srv *httptest.Server, path, key string) page {
	t.Helper()
	status, _, body := get(t, srv, path, key)
	if status != 200 {
		t.Fatalf("GET %s: HTTP %d %s", path, status, body)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &raw); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	keys := slices.Sorted(maps.Keys(raw))
	if want := []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri", "total"}; !slices.Equal(keys, want) {
		t.Fatalf("GET %s: envelope has %v, want %v", path, keys, want)
	}
	var p page
	if err := json.Unmarshal([]byte(body), &p); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	if p.Items == nil {
		t.Fatalf("GET %s: items is %s, want a list", path, raw["items"])
	}
	return p
}

func str(p *string) string {
	if p == nil {
		return "<null>"
	}
	return *p
}

func compact(t *testing.T, v json.RawMessage) string {
	t.Helper()
	var out any
	if err := json.Unmarshal(v, &out); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(out)
	return string(b)
}

func files(kv ...string) fstest.MapFS {
	m := fstest.MapFS{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = &fstest.MapFile{Data: []byte(kv[i+1])}
	}
	return m
}

// recordSleeps replaces the server's sleep with one that records each wait
// asked for and returns at once; the function returned reads the waits so
// far.
func recordSleeps(s *Server) func() []time.Duration {
	var mu sync.Mutex
	var waits []time.Duration
	s.sleep = func(_ context.Context, d time.Duration) bool {
		mu.Lock()
		defer mu.Unlock()
		waits = append(waits, d)
		return true
	}
	return func() []time.Duration {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(waits)
	}
}

func webhookPath(org, ws, id string) string {
	return BasePath + "/v1/orgs/" + org + "/workspaces/" + ws + "/webhooks/" + id
}

var webhooksPath = BasePath + "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID + "/webhooks"
