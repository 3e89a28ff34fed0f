package fakeapi

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestPathFaults: a path fault answers its path in any workspace, with any
// key, every time or its number of times, and leaves other paths alone.
func TestPathFaults(t *testing.T) {
	s := New(testKey)
	waits := recordSleeps(s)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, spec := range []string{
		"campaigns/" + LoanRemindersID + "=404",
		"campaigns/" + PolicyRenewalID + "=429,retry-after=7,times=2,delay=3s",
		"webhooks=500",
		"campaigns/a%2Fb=503",
		"/" + webhooksPath[1:] + "/" + WebhookWithHeadersID + "=418",
		"/webhooks/" + WebhookNoHeadersID + "=409",
	} {
		pf, err := ParseFault(spec)
		if err != nil {
			t.Fatal(err)
		}
		s.AddPathFault(pf)
	}
	const (
		notFound    = `{"error":{"code":"not_found","message":"Not Found","type":"not_found_error"}}`
		rateLimited = `{"error":{"code":"rate_limit_exceeded","message":"Too Many Requests","type":"rate_limit_error"}}`
		internal    = `{"error":{"code":"internal_error","message":"Internal Server Error","type":"api_error"}}`
	)
	for i, tc := range []struct {
		path, key  string
		status     int
		body       string
		retryAfter string
	}{
		{campaignPath(OrgID, WorkspaceID, LoanRemindersID), testKey, 404, notFound, ""},
		{campaignPath(OrgID, WorkspaceID, LoanRemindersID), testKey, 404, notFound, ""},
		// Any workspace and no key: it stands for what answers before the API.
		{campaignPath("o", "w", LoanRemindersID), "", 404, notFound, ""},
		{campaignPath(OrgID, WorkspaceID, PolicyRenewalID), testKey, 429, rateLimited, "7"},
		{campaignPath(OrgID, WorkspaceID, PolicyRenewalID), testKey, 429, rateLimited, "7"},
		{campaignPath(OrgID, WorkspaceID, PolicyRenewalID), testKey, 200, s.Body(PolicyRenewalID), ""},
		{webhooksPath, testKey, 500, internal, ""},
		{webhooksPath + "/" + WebhookNoHeadersID, testKey, 409, "", ""},
		{BasePath + "/v1/orgs/o/workspaces/w/webhooks/" + WebhookNoHeadersID, testKey, 409, "", ""},
		{campaignPath(OrgID, WorkspaceID, "a%2Fb"), testKey, 503, `{"error":{"code":"http_503","message":"Service Unavailable","type":"api_error"}}`, ""},
		{campaignPath(OrgID, WorkspaceID, "a") + "/b", testKey, 404, `{"detail":"Not Found"}`, ""},
		// A whole path answers in its own workspace only.
		{webhooksPath + "/" + WebhookWithHeadersID, "", 418, `{"error":{"code":"http_418","message":"I'm a teapot","type":"invalid_request_error"}}`, ""},
		{BasePath + "/v1/orgs/o/workspaces/w/webhooks/" + WebhookWithHeadersID, testKey, 403, "", ""},
		{cohortsPath(LoanRemindersID), testKey, 200, "", ""},
	} {
		status, header, body := get(t, srv, tc.path, tc.key)
		if status != tc.status || tc.body != "" && strings.TrimSpace(body) != tc.body || header.Get("Retry-After") != tc.retryAfter {
			t.Errorf("%d: GET %s: HTTP %d %s Retry-After %q\nwant %d %s %q", i, tc.path, status, body, header.Get("Retry-After"), tc.status, tc.body, tc.retryAfter)
		}
	}
	if got := waits(); len(got) != 2 || got[0] != 3*time.Second || got[1] != 3*time.Second {
		t.Errorf("waits %v, want the 3s delay twice", got)
	}
}

func TestPathFaultHang(t *testing.T) {
	s := New(testKey)
	pf, err := ParseFault("campaigns/" + LoanRemindersID + "=hang")
	if err != nil {
		t.Fatal(err)
	}
	s.AddPathFault(pf)
	srv := newWatchedServer(t, s)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+campaignPath(OrgID, WorkspaceID, LoanRemindersID), nil)
	srv.requireNoAnswer(t, req)
}

func TestParseFaultErrors(t *testing.T) {
	routes := " The paths below the workspace are campaigns, campaigns/ID, campaigns/ID/cohorts, campaigns/ID/cohorts/ID, webhooks and webhooks/ID"
	for spec, want := range map[string]string{
		"campaigns/x":                      `fault "campaigns/x": want PATH=STATUS or PATH=hang, options after commas, such as campaigns/MKN-1=429,retry-after=30`,
		"=404":                             `fault "=404": want PATH=STATUS or PATH=hang, options after commas, such as campaigns/MKN-1=429,retry-after=30`,
		"campaigns/x=slow":                 `fault "campaigns/x=slow": "slow" is neither an HTTP status nor hang`,
		"campaigns/x=999":                  `fault "campaigns/x=999": status: want 100 to 599, got 999`,
		"campaigns/x=429,wait=3":           `fault "campaigns/x=429,wait=3": unknown option "wait"; the options are retry-after=SECONDS, delay=DURATION and times=N`,
		"campaigns/x=429,retry-after=soon": `fault "campaigns/x=429,retry-after=soon": retry-after: want a whole number, got "soon"`,
		"campaigns/x=429,retry-after=-1":   `fault "campaigns/x=429,retry-after=-1": retry_after: want 0 or more seconds, got -1`,
		"campaigns/x=500,delay=3":          `fault "campaigns/x=500,delay=3": delay: want a duration such as 2s, got "3"`,
		"campaigns/x=500,times=-2":         `fault "campaigns/x=500,times=-2": times: want 0 (every request) or more, got -2`,
		"campaign/MKN-1=404":               `fault "campaign/MKN-1=404": path "campaign/MKN-1" is no route of the API, so the fault would never answer; did you mean campaigns/MKN-1?` + routes,
		"campaigns/MKN-1/cohort=404":       `fault "campaigns/MKN-1/cohort=404": path "campaigns/MKN-1/cohort" is no route of the API, so the fault would never answer; did you mean campaigns/MKN-1/cohorts?` + routes,
		"webhook/=500":                     `fault "webhook/=500": path "webhook/" is no route of the API, so the fault would never answer; did you mean webhooks?` + routes,
		"deployments=500":                  `fault "deployments=500": path "deployments" is no route of the API, so the fault would never answer.` + routes,
		"campaigns?limit=1=500":            `fault "campaigns?limit=1=500": path "campaigns?limit=1": a fault matches the path alone; leave out the query`,
		"/api/scheduling/v1/orgs/o=500":    `fault "/api/scheduling/v1/orgs/o=500": path "/api/scheduling/v1/orgs/o": a whole path must go on to /workspaces/WORKSPACE/ and a route: campaigns, campaigns/ID, campaigns/ID/cohorts, campaigns/ID/cohorts/ID, webhooks and webhooks/ID`,
		"/api/scheduling/v1/orgs/o/workspaces/w/campaign=500": `fault "/api/scheduling/v1/orgs/o/workspaces/w/campaign=500": path "/api/scheduling/v1/orgs/o/workspaces/w/campaign" is no route of the API, so the fault would never answer; did you mean campaigns?` + routes,
	} {
		if _, err := ParseFault(spec); err == nil || err.Error() != want {
			t.Errorf("%s: got %v\nwant %s", spec, err, want)
		}
	}
}

// TestFaultsFile: faults.json in a fixtures directory adds path faults, and
// a wrong entry stops the server with a message naming it.
func TestFaultsFile(t *testing.T) {
	s, _, err := NewFrom(Options{APIKey: "k", Fixtures: files(
		"campaigns/gate.json", okCampaign,
		"faults.json", `[{"path":"campaigns/C-1","status":429,"retry_after":30,"times":1},{"path":"webhooks","status":502,"body":"<html>bad gateway</html>"}]`,
	)})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	base := BasePath + "/v1/orgs/" + OrgID + "/workspaces/" + WorkspaceID
	if status, h, _ := get(t, srv, base+"/campaigns/C-1", "k"); status != 429 || h.Get("Retry-After") != "30" {
		t.Errorf("first read: HTTP %d Retry-After %q", status, h.Get("Retry-After"))
	}
	if status, _, body := get(t, srv, base+"/campaigns/C-1", "k"); status != 200 || body != okCampaign {
		t.Errorf("second read: HTTP %d", status)
	}
	if status, _, body := get(t, srv, base+"/webhooks", "k"); status != 502 || body != "<html>bad gateway</html>" {
		t.Errorf("webhooks: HTTP %d %s", status, body)
	}
	routes := " The paths below the workspace are campaigns, campaigns/ID, campaigns/ID/cohorts, campaigns/ID/cohorts/ID, webhooks and webhooks/ID"
	for file, want := range map[string]string{
		`{}`: `faults.json: want a list of entries such as [{"path": "campaigns/ID", "status": 429}], got an object`,
		"[\n  {\"path\": \"webhooks\" \"status\": 500}\n]":                                `faults.json: not JSON: line 2, column 23: invalid character '"' after object key:value pair`,
		`[{"path":"webhooks","status":500,"wait":1}]`:                                     `faults.json: entry 1: unknown field "wait"; the fields are path, status or hang, and optionally retry_after, delay, times and body`,
		`[{"path":"webhooks","status":429,"retry-after":1}]`:                              `faults.json: entry 1: unknown field "retry-after"; did you mean retry_after? the fields are path, status or hang, and optionally retry_after, delay, times and body`,
		`[{"path":"webhooks","status":"429"}]`:                                            `faults.json: entry 1: status: want a whole number, got "429"`,
		`[{"path":"webhooks","status":429,"times":1.5}]`:                                  `faults.json: entry 1: times: want a whole number, got 1.5`,
		`[{"path":"webhooks","hang":"yes"}]`:                                              `faults.json: entry 1: hang: want true or false, got "yes"`,
		`[{"path":5,"status":500}]`:                                                       `faults.json: entry 1: path: want a string, got 5`,
		`["webhooks"]`:                                                                    `faults.json: entry 1: want an object such as {"path": "campaigns/ID", "status": 429}, got the string "webhooks"`,
		`[{"status":500}]`:                                                                `faults.json: entry 1: path: missing; name a path below the workspace, such as campaigns/MKN-1`,
		`[{"path":"webhooks","status":500},{"path":"webhooks","status":500,"hang":true}]`: `faults.json: entry 2: give either a status or hang`,
		`[{"path":"webhooks"}]`:                                                           `faults.json: entry 1: give either a status or hang`,
		`[{"path":"webhooks","hang":true,"delay":"soon"}]`:                                `faults.json: entry 1: delay: want a duration such as 2s, got "soon"`,
		`[{"path":"campaign/C-1","status":500}]`:                                          `faults.json: entry 1: path "campaign/C-1" is no route of the API, so the fault would never answer; did you mean campaigns/C-1?` + routes,
		`[{"path":"x","status":500}]`:                                                     `faults.json: entry 1: path "x" is no route of the API, so the fault would never answer.` + routes,
	} {
		_, _, err := NewFrom(Options{APIKey: "k", Fixtures: files("faults.json", file)})
		if err == nil || err.Error() != want {
			t.Errorf("%s: got %v\nwant %s", file, err, want)
		}
	}
}
