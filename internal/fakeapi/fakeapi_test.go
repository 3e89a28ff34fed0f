package fakeapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestSeedsServed(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, id := range []string{SeedExampleID, LoanRemindersID, PolicyRenewalID, LeadFollowupID} {
		status, header, body := get(t, srv, campaignPath(OrgID, WorkspaceID, escape(id)), testKey)
		if status != 200 || header.Get("Content-Type") != "application/json" {
			t.Fatalf("%s: HTTP %d %s", id, status, header.Get("Content-Type"))
		}
		var head struct {
			CampaignID string `json:"campaign_id"`
		}
		if err := json.Unmarshal([]byte(body), &head); err != nil || head.CampaignID != id {
			t.Fatalf("%s: served campaign %q (%v)", id, head.CampaignID, err)
		}
		if s.Body(id) != strings.TrimSpace(body) {
			t.Fatalf("%s: Body() differs from what is served", id)
		}
	}
}

func escape(id string) string {
	return strings.NewReplacer("<", "%3C", ">", "%3E").Replace(id)
}

func TestErrors(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, tc := range []struct {
		method, path, key string
		status            int
		body              string
	}{
		{"GET", campaignPath(OrgID, WorkspaceID, LoanRemindersID), "", 401,
			`{"error":{"code":"missing_api_key","message":"Missing API key. Pass it in the X-API-Key header.","type":"authentication_error"}}`},
		{"GET", campaignPath(OrgID, WorkspaceID, LoanRemindersID), "wrong", 401,
			`{"error":{"code":"invalid_api_key","message":"Invalid API key.","type":"authentication_error"}}`},
		{"GET", campaignPath(OrgID, WorkspaceID, "nope"), testKey, 404,
			`{"error":{"code":"campaign_not_found","message":"Campaign nope not found","type":"not_found_error"}}`},
		{"GET", campaignPath(OrgID, "other", LoanRemindersID), testKey, 403,
			`{"error":{"code":"workspace_access_denied","message":"This API key does not have access to workspace other of org org-acme-finance.","type":"permission_error"}}`},
		{"GET", campaignPath(OrgID, WorkspaceID, LoanRemindersID) + "/webhooks", testKey, 404, `{"detail":"Not Found"}`},
		{"GET", BasePath + "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID, testKey, 404, `{"detail":"Not Found"}`},
		{"DELETE", "/elsewhere", testKey, 405,
			`{"error":{"code":"","message":"Method Not Allowed","type":"method_not_allowed"}}`},
		{"GET", "/elsewhere", "", 401,
			`{"error":{"code":"missing_api_key","message":"Missing API key. Pass it in the X-API-Key header.","type":"authentication_error"}}`},
		{"DELETE", campaignPath(OrgID, WorkspaceID, LoanRemindersID), testKey, 405,
			`{"error":{"code":"","message":"Method Not Allowed","type":"method_not_allowed"}}`},
	} {
		req, err := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tc.key != "" {
			req.Header.Set("X-API-Key", tc.key)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || strings.TrimSpace(string(body)) != tc.body {
			t.Errorf("%s %s: HTTP %d %s, want %d %s", tc.method, tc.path, resp.StatusCode, body, tc.status, tc.body)
		}
	}
}

func TestRequestsRecordedWithoutKey(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	get(t, srv, campaignPath(OrgID, WorkspaceID, "a%2Fb"), testKey)
	get(t, srv, campaignPath(OrgID, WorkspaceID, "x"), "bad")
	get(t, srv, campaignPath(OrgID, WorkspaceID, "x"), "")
	reqs := s.Requests()
	want := []Request{
		{Method: "GET", EscapedPath: campaignPath(OrgID, WorkspaceID, "a%2Fb"), UserAgent: "Go-http-client/1.1", KeyPresent: true, KeyMatched: true},
		{Method: "GET", EscapedPath: campaignPath(OrgID, WorkspaceID, "x"), UserAgent: "Go-http-client/1.1", KeyPresent: true, KeyMatched: false},
		{Method: "GET", EscapedPath: campaignPath(OrgID, WorkspaceID, "x"), UserAgent: "Go-http-client/1.1", KeyPresent: false, KeyMatched: false},
	}
	if fmt.Sprint(reqs) != fmt.Sprint(want) {
		t.Fatalf("requests\n got %+v\nwant %+v", reqs, want)
	}
	if strings.Contains(fmt.Sprintf("%#v", reqs), testKey) {
		t.Fatalf("the key was recorded")
	}
	// Requests returns a copy.
	reqs[0].Method = "POST"
	if s.Requests()[0].Method != "GET" {
		t.Fatalf("Requests exposed its internal slice")
	}
}

func TestPutCopiesAndEscapedSegments(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	body := []byte(`{"campaign_id":"a/b"}`)
	s.Put("o/1", "w 2", "a/b", body)
	key := keyFor(s, "o/1", "w 2")
	body[2] = 'X'
	status, _, got := get(t, srv, campaignPath("o%2F1", "w%202", "a%2Fb"), key)
	if status != 200 || got != `{"campaign_id":"a/b"}` {
		t.Fatalf("HTTP %d %s", status, got)
	}
	// An unescaped slash is a different path, not the same campaign.
	if status, _, _ := get(t, srv, campaignPath("o/1", "w%202", "a%2Fb"), key); status != 404 {
		t.Fatalf("unescaped slash: HTTP %d, want 404", status)
	}
}

// TestRoutingEscapedSegments: ServeMux matches each escaped segment on its
// own and PathValue unescapes it, so %2F, %3F and %25 stay inside one id.
func TestRoutingEscapedSegments(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Put("o", "w", "c", []byte(`{"campaign_id":"c"}`))
	s.Put("o/x", "w?", "%", []byte(`{"campaign_id":"%"}`))
	s.Put("o", "w", "a b", []byte(`{"campaign_id":"a b"}`))
	ow, oxw := keyFor(s, "o", "w"), keyFor(s, "o/x", "w?")
	const notFound = `{"detail":"Not Found"}`
	for _, tc := range []struct {
		path, key string
		status    int
		body      string
	}{
		{campaignPath("o", "w", "c"), ow, 200, `{"campaign_id":"c"}`},
		{campaignPath("o%2Fx", "w%3F", "%25"), oxw, 200, `{"campaign_id":"%"}`},
		{campaignPath("o", "w", "a%20b"), ow, 200, `{"campaign_id":"a b"}`},
		{campaignPath("o", "w", "%63"), ow, 200, `{"campaign_id":"c"}`},
		{campaignPath("o/x", "w%3F", "%25"), oxw, 404, notFound},
		{campaignPath("o", "w", ""), ow, 404, notFound},
		{campaignPath("o", "w", "c/"), ow, 404, notFound},
		{BasePath + "/v1/orgs/o/workspace/w/campaigns/c", ow, 404, notFound},
		{BasePath + "/v2/orgs/o/workspaces/w/campaigns/c", ow, 404, notFound},
	} {
		status, _, body := get(t, srv, tc.path, tc.key)
		if status != tc.status || strings.TrimSpace(body) != tc.body {
			t.Errorf("GET %s: HTTP %d %s, want %d %s", tc.path, status, body, tc.status, tc.body)
		}
	}
}

// TestExactMount: the API is served under BasePath and nowhere else, and a
// path the mux would clean is not found rather than redirected.
func TestExactMount(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	rest := "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID + "/campaigns/" + LoanRemindersID
	if status, _, body := get(t, srv, BasePath+rest, testKey); status != 200 || strings.TrimSpace(body) != s.Body(LoanRemindersID) {
		t.Fatalf("GET %s: HTTP %d %.80s", BasePath+rest, status, body)
	}
	for _, p := range []string{
		rest,
		BasePath + "/v1" + rest,
		"/api" + rest,
		"/scheduling" + rest,
		"/x" + BasePath + rest,
		BasePath + "/" + rest,
		BasePath + "/v1/orgs/" + OrgID + "/../" + OrgID + "/workspaces/" + WorkspaceID + "/campaigns/" + LoanRemindersID,
		BasePath + "/v1/./orgs/" + OrgID + "/workspaces/" + WorkspaceID + "/campaigns/" + LoanRemindersID,
		BasePath + rest + "/",
		BasePath,
		"/",
	} {
		status, header, body := get(t, srv, p, testKey)
		if status != 404 || strings.TrimSpace(body) != `{"detail":"Not Found"}` || header.Get("Location") != "" {
			t.Errorf("GET %s: HTTP %d %s (Location %q), want 404 {\"detail\":\"Not Found\"}", p, status, body, header.Get("Location"))
		}
	}
}

func TestFaultsInOrder(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Inject(
		Fault{Status: 503, Body: "busy", Header: map[string]string{"Retry-After": "5"}},
		Fault{Body: "not json"},
		Fault{Status: 429, Delay: 10 * time.Millisecond},
	)
	path := campaignPath(OrgID, WorkspaceID, LoanRemindersID)
	for i, want := range []struct {
		status     int
		body       string
		retryAfter string
	}{
		{503, "busy", "5"},
		{200, "not json", ""},
		{429, "", ""},
		{200, s.Body(LoanRemindersID), ""},
	} {
		// Faults apply whatever the key: they stand for what a gateway
		// in front of the API might answer.
		status, header, body := get(t, srv, path, "")
		if i == 3 {
			status, header, body = get(t, srv, path, testKey)
		}
		if status != want.status || strings.TrimSpace(body) != want.body || header.Get("Retry-After") != want.retryAfter {
			t.Fatalf("request %d: HTTP %d %q Retry-After %q", i, status, body, header.Get("Retry-After"))
		}
	}
}

// watchedServer serves a fake API and records, of the request it serves,
// whether the handler wrote anything and whether it returned only after the
// client went away. arrived receives once the request reaches the handler.
type watchedServer struct {
	*httptest.Server
	arrived                chan struct{}
	wrote, waitedForClient atomic.Bool
}

// requireNoAnswer sends req and gives up once it reaches the handler; it
// fails unless no answer came and the handler wrote nothing until then.
func (w *watchedServer) requireNoAnswer(t *testing.T, req *http.Request) {
	t.Helper()
	ctx, giveUp := context.WithCancel(req.Context())
	defer giveUp()
	go func() {
		<-w.arrived
		giveUp()
	}()
	if _, err := w.Client().Do(req.WithContext(ctx)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want no answer until the client gave up", err)
	}
	w.requireSilentUntilClientLeft(t)
}

// requireSilentUntilClientLeft closes the server, which waits for the
// handler to return, and fails unless the handler wrote nothing and returned
// only after the client went away.
func (w *watchedServer) requireSilentUntilClientLeft(t *testing.T) {
	t.Helper()
	w.Close()
	if w.wrote.Load() || !w.waitedForClient.Load() {
		t.Fatalf("handler wrote %v, returned after the client went away %v; want nothing written until then", w.wrote.Load(), w.waitedForClient.Load())
	}
}

type watchedWriter struct {
	http.ResponseWriter
	wrote atomic.Bool
}

func (w *watchedWriter) WriteHeader(status int) {
	w.wrote.Store(true)
	w.ResponseWriter.WriteHeader(status)
}

func (w *watchedWriter) Write(b []byte) (int, error) {
	w.wrote.Store(true)
	return w.ResponseWriter.Write(b)
}

func (w *watchedWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// TestFaultHangAndStall expires the client's deadline only once the request
// is where the case needs it: held by the server for a hang or a delay, or
// with the stalled bytes already read. The server side then shows the handler
// wrote nothing (hang, delay) and returned only when the client went away.
func TestFaultHangAndStall(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault Fault
		// headers and n say how far the response gets before it stops.
		headers bool
		n       int
	}{
		{"hang", Fault{Hang: true}, false, 0},
		{"stall", Fault{Body: "0123456789", StallAfter: 4}, true, 4},
		{"delay past the deadline", Fault{Delay: time.Hour}, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(testKey)
			srv := newWatchedServer(t, s)
			s.Inject(tc.fault)
			ctx, giveUp := context.WithCancel(context.Background())
			defer giveUp()
			if !tc.headers {
				go func() {
					<-srv.arrived
					giveUp()
				}()
			}
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
			resp, err := srv.Client().Do(req)
			if !tc.headers {
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("got %v, want no answer until the client gave up", err)
				}
				srv.requireSilentUntilClientLeft(t)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			if resp.ContentLength != int64(len(tc.fault.Body)) {
				t.Fatalf("Content-Length %d", resp.ContentLength)
			}
			first := make([]byte, tc.n)
			if _, err := io.ReadFull(resp.Body, first); err != nil || string(first) != tc.fault.Body[:tc.n] {
				t.Fatalf("read %q, %v; want %q", first, err, tc.fault.Body[:tc.n])
			}
			giveUp()
			rest, err := io.ReadAll(resp.Body)
			if len(rest) != 0 || !errors.Is(err, context.Canceled) {
				t.Fatalf("after %q read %q, %v; want nothing more, then the cancellation", first, rest, err)
			}
			srv.Close()
			if !srv.waitedForClient.Load() {
				t.Fatalf("the stalled handler returned before the client went away")
			}
		})
	}
}

func TestFaultReset(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Inject(Fault{Status: 200, Body: "0123456789", Reset: true, ResetAfter: 3})
	resp, err := srv.Client().Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if string(got) != "012" || err == nil {
		t.Fatalf("read %q, %v; want \"012\" then an error", got, err)
	}
	if !strings.Contains(err.Error(), "connection reset by peer") && !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("error %v, want a reset", err)
	}
}
