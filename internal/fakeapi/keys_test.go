package fakeapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestKeysBoundToWorkspace: each key reads its own workspace, and another
// workspace answers as the Foreign mode says, for items, lists and nested
// lists alike.
func TestKeysBoundToWorkspace(t *testing.T) {
	const otherKey = "fake-test-key-other-ws"
	const forbidden = `{"error":{"code":"workspace_access_denied","message":"This API key does not have access to workspace ws-other of org org-acme-finance.","type":"permission_error"}}`
	const forbiddenOrg = `{"error":{"code":"workspace_access_denied","message":"This API key does not have access to workspace ws-collections of org org-other.","type":"permission_error"}}`
	const wsNotFound = `{"error":{"code":"workspace_not_found","message":"Workspace ws-other not found","type":"not_found_error"}}`
	const emptyList = `{"items":[],"total":0,"limit":10,"offset":0,"next_page_uri":null,"prev_page_uri":null}`
	const otherBody = `{"name":"Other","campaign_id":"OTHER-1","created_at":"2026-01-01T00:00:00Z"}`
	otherList := `{"items":[` + otherBody + `],"total":1,"limit":10,"offset":0,"next_page_uri":null,"prev_page_uri":null}`
	other := BasePath + "/v1/orgs/" + OrgID + "/workspaces/ws-other"
	type want struct {
		status int
		body   string
	}
	for _, tc := range []struct {
		name  string
		mode  ForeignMode
		item  want // another workspace's campaign, read with testKey
		list  want // its campaigns listed with testKey
		child want // its campaign's cohorts listed with testKey
		org   want // the key's workspace id under another org
	}{
		{"403 by default", ForeignForbidden, want{403, forbidden}, want{403, forbidden}, want{403, forbidden}, want{403, forbiddenOrg}},
		{"404 naming the workspace", ForeignNotFound, want{404, wsNotFound}, want{404, wsNotFound}, want{404, wsNotFound},
			want{404, `{"error":{"code":"workspace_not_found","message":"Workspace ws-collections not found","type":"not_found_error"}}`}},
		{"as if empty", ForeignHidden,
			want{404, `{"error":{"code":"campaign_not_found","message":"Campaign OTHER-1 not found","type":"not_found_error"}}`},
			want{200, emptyList},
			want{404, `{"error":{"code":"campaign_not_found","message":"Campaign OTHER-1 not found","type":"not_found_error"}}`},
			want{404, `{"error":{"code":"campaign_not_found","message":"Campaign OTHER-1 not found","type":"not_found_error"}}`}},
		{"open", ForeignOpen, want{200, otherBody}, want{200, otherList}, want{200, emptyList},
			want{404, `{"error":{"code":"campaign_not_found","message":"Campaign OTHER-1 not found","type":"not_found_error"}}`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := New(testKey)
			s.AddKey(otherKey, OrgID, "ws-other")
			s.Put(OrgID, "ws-other", "OTHER-1", []byte(otherBody))
			s.SetModes(Modes{Foreign: tc.mode})
			srv := httptest.NewServer(s)
			defer srv.Close()
			for _, c := range []struct {
				what, path, key string
				want            want
			}{
				{"item", other + "/campaigns/OTHER-1", testKey, tc.item},
				{"list", other + "/campaigns", testKey, tc.list},
				{"nested list", other + "/campaigns/OTHER-1/cohorts", testKey, tc.child},
				{"another org", campaignPath("org-other", WorkspaceID, "OTHER-1"), testKey, tc.org},
				// Each key reads its own workspace whatever the mode.
				{"own item", other + "/campaigns/OTHER-1", otherKey, want{200, otherBody}},
				{"own list", other + "/campaigns", otherKey, want{200, otherList}},
				{"first key's own", campaignPath(OrgID, WorkspaceID, LoanRemindersID), testKey, want{200, s.Body(LoanRemindersID)}},
			} {
				status, _, body := get(t, srv, c.path, c.key)
				if status != c.want.status || strings.TrimSpace(body) != c.want.body {
					t.Errorf("%s: HTTP %d %s\nwant %d %s", c.what, status, body, c.want.status, c.want.body)
				}
			}
			// The second key is refused on the first key's workspace too.
			if status, _, _ := get(t, srv, campaignPath(OrgID, WorkspaceID, LoanRemindersID), otherKey); (status == 200) != (tc.mode == ForeignOpen) {
				t.Errorf("second key on the first workspace: HTTP %d", status)
			}
		})
	}
}

// TestKeysRecordedAndChecked: an unknown key is 401 before any workspace
// check, and Requests says whether a key is one the server accepts.
func TestKeysRecordedAndChecked(t *testing.T) {
	s := New(testKey)
	key := keyFor(s, OrgID, "ws-other")
	srv := httptest.NewServer(s)
	defer srv.Close()
	if status, _, body := get(t, srv, BasePath+"/v1/orgs/"+OrgID+"/workspaces/ws-third/campaigns", "unknown"); status != 401 || !strings.Contains(body, "invalid_api_key") {
		t.Fatalf("unknown key: HTTP %d %s", status, body)
	}
	get(t, srv, campaignPath(OrgID, WorkspaceID, LoanRemindersID), key)
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].KeyMatched || !reqs[1].KeyMatched {
		t.Fatalf("requests %+v, want the unknown key unmatched and the bound one matched", reqs)
	}
	// Binding the same key again to its own workspace is harmless.
	s.AddKey(key, OrgID, "ws-other")
}

func TestAddKeyRefusesRebinding(t *testing.T) {
	s := New(testKey)
	defer func() {
		if r := recover(); r != `fakeapi: a key is already bound to org "org-acme-finance" workspace "ws-collections"` {
			t.Fatalf("recovered %v", r)
		}
	}()
	s.AddKey(testKey, OrgID, "ws-other")
}

// TestFaultDelayUsesServerClock: a fault's delay is asked of the server's
// sleep, so a test can replace it, and the fault is served once it returns.
func TestFaultDelayUsesServerClock(t *testing.T) {
	s := New(testKey)
	waits := recordSleeps(s)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Inject(Fault{Status: 429, Body: "slow down", Delay: time.Hour})
	// The bound only turns a real hour's wait into a failure instead of a
	// stuck test; a replaced sleep answers at once.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, srv.URL+"/", nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("the delay was not asked of the server's sleep: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 429 || string(body) != "slow down" {
		t.Fatalf("HTTP %d %q", resp.StatusCode, body)
	}
	if got := waits(); !slices.Equal(got, []time.Duration{time.Hour}) {
		t.Fatalf("waits %v, want [1h]", got)
	}
}
