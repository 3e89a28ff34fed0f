package fakeapi

import (
	"encoding/json"
	"maps"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// newModal serves the demo in modes m.
func newModal(t *testing.T, m Modes) *httptest.Server {
	t.Helper()
	s := New(testKey)
	s.SetModes(m)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return srv
}

func TestSearchModes(t *testing.T) {
	all := []string{PolicyRenewalID, LoanRemindersID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LeadFollowupID, RenewalsID, SeedExampleID}
	q3 := []string{RenewalsQ3ActiveID, RenewalsQ3PausedID}
	for _, tc := range []struct {
		mode SearchMode
		// what "renewals", "Renewals", "Renewals Q3" and "" find.
		lower, upper, q3, empty []string
	}{
		{SearchFoldSubstring, []string{PolicyRenewalID, RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}, []string{PolicyRenewalID, RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}, q3, all},
		{SearchSubstring, []string{PolicyRenewalID}, []string{RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}, q3, all},
		{SearchExact, []string{}, []string{RenewalsID}, q3, all},
		{SearchFoldPrefix, []string{RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}, []string{RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}, q3, all},
		{SearchIgnored, all, all, all, all},
	} {
		srv := newModal(t, Modes{Search: tc.mode})
		for term, want := range map[string][]string{"renewals": tc.lower, "Renewals": tc.upper, "Renewals+Q3": tc.q3, "": tc.empty} {
			p := list(t, srv, campaignsPath+"?search="+term)
			if ids := p.ids(t, "campaign_id"); !slices.Equal(ids, want) || p.Total != len(want) {
				t.Errorf("mode %d, search %q: %v total %d, want %v", tc.mode, term, ids, p.Total, want)
			}
		}
	}
	// The mode is the lists' shared code: cohorts and webhooks follow it.
	srv := newModal(t, Modes{Search: SearchExact})
	if ids := list(t, srv, webhooksPath+"?search=CRM+attempt+updates").ids(t, "webhook_id"); !slices.Equal(ids, []string{WebhookWithHeadersID}) {
		t.Errorf("webhooks, exact: %v", ids)
	}
	if ids := list(t, srv, cohortsPath(PolicyRenewalID)+"?search=Motor+renewals+-+December").ids(t, "cohort_id"); !slices.Equal(ids, []string{RenewalCohortCompletedID}) {
		t.Errorf("cohorts, exact: %v", ids)
	}
}

// rawList GETs a list and returns its envelope's fields as sent.
func rawList(t *testing.T, srv *httptest.Server, path string) map[string]json.RawMessage {
	t.Helper()
	status, _, body := get(t, srv, path, testKey)
	var raw map[string]json.RawMessage
	if status != 200 || json.Unmarshal([]byte(body), &raw) != nil {
		t.Fatalf("GET %s: HTTP %d %s", path, status, body)
	}
	return raw
}

func TestTotalAndLinkModes(t *testing.T) {
	const query = "?limit=2&offset=2"
	for _, tc := range []struct {
		name       string
		modes      Modes
		keys       []string
		total      string
		next, prev string // with "SRV" for the server's URL
	}{
		{"default", Modes{}, []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri", "total"}, "7",
			`"` + campaignsPath + `?limit=2&offset=4"`, `"` + campaignsPath + `?limit=2&offset=0"`},
		{"no total", Modes{Total: TotalOmitted}, []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri"}, "",
			`"` + campaignsPath + `?limit=2&offset=4"`, `"` + campaignsPath + `?limit=2&offset=0"`},
		{"null total", Modes{Total: TotalNull}, []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri", "total"}, "null",
			`"` + campaignsPath + `?limit=2&offset=4"`, `"` + campaignsPath + `?limit=2&offset=0"`},
		{"absolute links", Modes{Links: LinkAbsolute}, []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri", "total"}, "7",
			`"SRV` + campaignsPath + `?limit=2&offset=4"`, `"SRV` + campaignsPath + `?limit=2&offset=0"`},
		{"links from the base URL", Modes{Links: LinkFromBase}, []string{"items", "limit", "next_page_uri", "offset", "prev_page_uri", "total"}, "7",
			`"` + strings.TrimPrefix(campaignsPath, BasePath) + `?limit=2&offset=4"`, `"` + strings.TrimPrefix(campaignsPath, BasePath) + `?limit=2&offset=0"`},
		{"no links", Modes{Links: LinkOmitted, Total: TotalOmitted}, []string{"items", "limit", "offset"}, "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newModal(t, tc.modes)
			raw := rawList(t, srv, campaignsPath+query)
			if keys := slices.Sorted(maps.Keys(raw)); !slices.Equal(keys, tc.keys) {
				t.Fatalf("envelope %v, want %v", keys, tc.keys)
			}
			next := strings.ReplaceAll(tc.next, "SRV", srv.URL)
			prev := strings.ReplaceAll(tc.prev, "SRV", srv.URL)
			if string(raw["total"]) != tc.total || string(raw["next_page_uri"]) != next || string(raw["prev_page_uri"]) != prev ||
				string(raw["limit"]) != "2" || string(raw["offset"]) != "2" {
				t.Fatalf("total %s next %s prev %s limit %s offset %s", raw["total"], raw["next_page_uri"], raw["prev_page_uri"], raw["limit"], raw["offset"])
			}
			var items []map[string]json.RawMessage
			if json.Unmarshal(raw["items"], &items) != nil || len(items) != 2 || string(items[0]["campaign_id"]) != `"`+RenewalsQ3ActiveID+`"` {
				t.Fatalf("items %s", raw["items"])
			}
			// The last page links nowhere onward.
			if last := rawList(t, srv, campaignsPath+"?limit=2&offset=6"); tc.modes.Links != LinkOmitted && string(last["next_page_uri"]) != "null" {
				t.Fatalf("last page next %s", last["next_page_uri"])
			}
		})
	}
}

func TestUnknownStatusModes(t *testing.T) {
	const rejected = `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","campaign_status"],"msg":"Input should be 'scheduled', 'active', 'paused', 'ended' or 'cancelled', got \"archived\"","type":"enum"}]},"message":"Invalid query parameters: campaign_status: Input should be 'scheduled', 'active', 'paused', 'ended' or 'cancelled', got \"archived\"","type":"invalid_request_error"}}`
	for _, tc := range []struct {
		mode     UnknownStatusMode
		archived []string // campaign_status=archived; LeadFollowupID has that status
		body     string   // the 422, when rejected
	}{
		{UnknownStatusFiltered, []string{LeadFollowupID}, ""},
		{UnknownStatusEmpty, []string{}, ""},
		{UnknownStatusRejected, nil, rejected},
	} {
		srv := newModal(t, Modes{UnknownStatus: tc.mode})
		if tc.body != "" {
			status, _, body := get(t, srv, campaignsPath+"?campaign_status=archived", testKey)
			if status != 422 || strings.TrimSpace(body) != tc.body {
				t.Errorf("mode %d: HTTP %d %s\nwant 422 %s", tc.mode, status, body, tc.body)
			}
		} else if ids := list(t, srv, campaignsPath+"?campaign_status=archived").ids(t, "campaign_id"); !slices.Equal(ids, tc.archived) {
			t.Errorf("mode %d: %v, want %v", tc.mode, ids, tc.archived)
		}
		// A documented status filters in every mode.
		if ids := list(t, srv, campaignsPath+"?campaign_status=paused").ids(t, "campaign_id"); !slices.Equal(ids, []string{RenewalsQ3PausedID}) {
			t.Errorf("mode %d, paused: %v", tc.mode, ids)
		}
		// Cohorts take no status filter: the parameter is ignored there.
		if p := list(t, srv, cohortsPath(PolicyRenewalID)+"?campaign_status=archived"); len(p.Items) != 3 {
			t.Errorf("mode %d, cohorts: %d items", tc.mode, len(p.Items))
		}
	}
}

func TestUnknownSortByModes(t *testing.T) {
	srv := newModal(t, Modes{})
	if status, _, body := get(t, srv, campaignsPath+"?sort_by=status", testKey); status != 422 || !strings.Contains(body, `"loc":["query","sort_by"]`) {
		t.Fatalf("rejected by default: HTTP %d %s", status, body)
	}
	srv = newModal(t, Modes{UnknownSortBy: UnknownSortByIgnored})
	byCreated := list(t, srv, campaignsPath+"?sort_order=asc").ids(t, "campaign_id")
	if ids := list(t, srv, campaignsPath+"?sort_by=status&sort_order=asc").ids(t, "campaign_id"); !slices.Equal(ids, byCreated) {
		t.Fatalf("ignored: %v, want the created_at order %v", ids, byCreated)
	}
	if ids := list(t, srv, campaignsPath+"?sort_by=name&sort_order=asc").ids(t, "campaign_id"); ids[0] != SeedExampleID || ids[len(ids)-1] != LeadFollowupID {
		t.Fatalf("a known sort_by still sorts: %v", ids)
	}
}

// TestExtraFieldsMode: every object served gains ExtraField, except the
// free-form maps, and taking it out again gives back the body as it was.
func TestExtraFieldsMode(t *testing.T) {
	var extra any
	if err := json.Unmarshal([]byte(ExtraValue), &extra); err != nil {
		t.Fatal(err)
	}
	// strip removes ExtraField wherever check finds it, failing where an
	// object lacks it or a free-form map has it.
	var strip func(t *testing.T, v any, where string, freeFormMap bool) any
	strip = func(t *testing.T, v any, where string, freeFormMap bool) any {
		switch x := v.(type) {
		case map[string]any:
			got, has := x[ExtraField]
			switch {
			case freeFormMap && has:
				t.Errorf("%s: a free-form map gained %s", where, ExtraField)
			case freeFormMap:
				return x
			case !has:
				t.Errorf("%s: no %s", where, ExtraField)
			case !reflect.DeepEqual(got, extra):
				t.Errorf("%s: %s is %v", where, ExtraField, got)
			}
			delete(x, ExtraField)
			for k, c := range x {
				x[k] = strip(t, c, where+"."+k, freeForm[k])
			}
		case []any:
			for i, c := range x {
				x[i] = strip(t, c, where+"[]", false)
			}
		}
		return v
	}
	plainSrv := newModal(t, Modes{})
	srv := newModal(t, Modes{ExtraFields: true})
	for _, path := range []string{
		campaignPath(OrgID, WorkspaceID, LoanRemindersID),
		campaignPath(OrgID, WorkspaceID, LeadFollowupID),
		campaignsPath + "?limit=3",
		cohortsPath(PolicyRenewalID),
		cohortsPath(PolicyRenewalID) + "/" + RenewalCohortFailedID,
		webhooksPath,
		webhookPath(OrgID, WorkspaceID, WebhookWithHeadersID),
	} {
		_, _, want := get(t, plainSrv, path, testKey)
		status, header, body := get(t, srv, path, testKey)
		var got, orig any
		if status != 200 || header.Get("Content-Type") != "application/json" || json.Unmarshal([]byte(body), &got) != nil || json.Unmarshal([]byte(want), &orig) != nil {
			t.Fatalf("GET %s: HTTP %d %s", path, status, body)
		}
		if !reflect.DeepEqual(strip(t, got, path, false), orig) {
			t.Errorf("GET %s: without %s\n%s\nwant\n%s", path, ExtraField, body, want)
		}
	}
	// Both free-form maps were there to be left alone.
	_, _, body := get(t, srv, campaignPath(OrgID, WorkspaceID, LoanRemindersID), testKey)
	if !strings.Contains(body, `"metadata":{"cost_center":4411,"escalate":true,"owner":null,"priority":1.5,"regions":["MH","KA"],"routing":{"queue":"emi-late","tier":{"level":2}},"team":"collections"}`) {
		t.Errorf("metadata changed: %s", body)
	}
}

// Each missing-object mode answers an unknown id, and a cohort's unknown
// campaign, its own way; a path no route serves is {"detail":"Not Found"}
// in every mode.
func TestMissingModes(t *testing.T) {
	unknownRoute := BasePath + "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID + "/campaign/x"
	for _, tc := range []struct {
		mode                      MissingMode
		campaign, cohort, webhook string
	}{
		{MissingDocumented,
			`{"error":{"code":"campaign_not_found","message":"Campaign nope not found","type":"not_found_error"}}`,
			`{"error":{"code":"cohort_not_found","message":"Cohort nope not found","type":"not_found_error"}}`,
			`{"error":{"code":"webhook_not_found","message":"Webhook configuration nope not found","type":"not_found_error"}}`},
		{MissingDetail, `{"detail":"Campaign not found"}`, `{"detail":"Cohort not found"}`, `{"detail":"Webhook configuration not found"}`},
		{MissingBare, `{"detail":"Not Found"}`, `{"detail":"Not Found"}`, `{"detail":"Not Found"}`},
	} {
		srv := newModal(t, Modes{Missing: tc.mode})
		for path, want := range map[string]string{
			campaignsPath + "/nope":                tc.campaign,
			cohortsPath(PolicyRenewalID) + "/nope": tc.cohort,
			cohortsPath("nope"):                    tc.campaign,
			webhooksPath + "/nope":                 tc.webhook,
			unknownRoute:                           `{"detail":"Not Found"}`,
		} {
			status, _, body := get(t, srv, path, testKey)
			if status != 404 || strings.TrimSpace(body) != want {
				t.Errorf("mode %d, %s: %d %s, want 404 %s", tc.mode, path, status, body, want)
			}
		}
	}
}

// Every answer names the fake in its Server header, an error or a fault
// as much as a read, so that a report can tell it from the real API.
func TestServerHeader(t *testing.T) {
	s := New(testKey)
	s.AddPathFault(PathFault{Path: "webhooks", Fault: Fault{Status: 500}})
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	for path, key := range map[string]string{
		campaignPath(OrgID, WorkspaceID, LoanRemindersID): testKey,
		campaignPath(OrgID, WorkspaceID, "nope"):          testKey,
		campaignsPath:                                     "",
		webhooksPath:                                      testKey,
		BasePath + "/nope":                                testKey,
	} {
		if _, h, _ := get(t, srv, path, key); h.Get("Server") != ServerHeader {
			t.Errorf("%s: Server %q, want %q", path, h.Get("Server"), ServerHeader)
		}
	}
}

// blockingWriter holds every Write until released, saying when one starts.
type blockingWriter struct {
	started chan struct{}
	release chan struct{}
	mu      sync.Mutex
	out     strings.Builder
}

func (w *blockingWriter) Write(b []byte) (int, error) {
	w.started <- struct{}{}
	<-w.release
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.out.Write(b)
}

// Output nobody reads never holds up an answer: lines past the queue are
// counted, and the count written once the writer catches up; turning the
// log off writes every line queued.
func TestRequestLogNeverBlocks(t *testing.T) {
	defer func(n int) { requestLogQueue = n }(requestLogQueue)
	requestLogQueue = 2
	s := New(testKey)
	w := &blockingWriter{started: make(chan struct{}, 10), release: make(chan struct{})}
	s.SetRequestLog(w)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	get(t, srv, campaignsPath+"?n=1", testKey)
	<-w.started // the writer holds line 1; the queue is empty
	for i := 2; i <= 6; i++ {
		if status, _, _ := get(t, srv, campaignsPath+"?n="+strconv.Itoa(i), testKey); status != 200 {
			t.Fatalf("request %d: HTTP %d", i, status)
		}
	}
	close(w.release)
	s.SetRequestLog(nil)
	want := "GET " + campaignsPath + "?n=1 200\n" +
		"(3 request lines left out: the output was not being read)\n" +
		"GET " + campaignsPath + "?n=2 200\n" +
		"GET " + campaignsPath + "?n=3 200\n"
	if got := w.out.String(); got != want {
		t.Errorf("log\n%s\nwant\n%s", got, want)
	}
}
