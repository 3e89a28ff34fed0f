package fakeapi

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

type cohort struct {
	Name       string `json:"name"`
	CohortID   string `json:"cohort_id"`
	Status     string `json:"status"`
	SourceType string `json:"source_type"`
	CreatedBy  string `json:"created_by"`
	CreatedAt  string `json:"created_at"`
	UpdatedAt  string `json:"updated_at"`
	Result     *struct {
		Total    *int `json:"total_records"`
		Valid    *int `json:"valid_records"`
		Rejected *int `json:"rejected_records"`
	} `json:"result"`
	UpdatedBy *string `json:"updated_by"`
}

func TestCohortsListed(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()

	// Twelve, newest first, over three pages of five.
	var ids []string
	for path := cohortsPath(LoanRemindersID) + "?limit=5"; path != ""; {
		p := list(t, srv, path)
		if p.Total != LoanRemindersCohorts || p.Limit != 5 {
			t.Fatalf("%s: total %d limit %d", path, p.Total, p.Limit)
		}
		ids = append(ids, p.ids(t, "cohort_id")...)
		path = ""
		if p.NextPageURI != nil {
			path = *p.NextPageURI
		}
		if len(ids) > LoanRemindersCohorts {
			t.Fatalf("read %d cohorts", len(ids))
		}
	}
	var want []string
	for i := LoanRemindersCohorts; i >= 1; i-- {
		want = append(want, fmt.Sprintf("coh-emi-nov-%02d", i))
	}
	if !slices.Equal(ids, want) || want[len(want)-1] != LoanRemindersFirstCohort {
		t.Fatalf("ids %v, want %v", ids, want)
	}

	for _, tc := range []struct {
		campaign, query string
		want            []string
	}{
		{LoanRemindersID, "search=BATCH+1&sort_by=name&sort_order=asc", []string{"coh-emi-nov-10", "coh-emi-nov-11", "coh-emi-nov-12"}},
		{LoanRemindersID, "sort_order=asc&limit=2&offset=1", []string{"coh-emi-nov-02", "coh-emi-nov-03"}},
		{PolicyRenewalID, "", []string{RenewalCohortProcessingID, RenewalCohortFailedID, RenewalCohortCompletedID}},
		{PolicyRenewalID, "sort_by=updated_at&sort_order=asc", []string{RenewalCohortCompletedID, RenewalCohortFailedID, RenewalCohortProcessingID}},
		// No status filter on cohorts: campaign_status is an unknown
		// parameter here, and ignored.
		{PolicyRenewalID, "campaign_status=failed&search=motor", []string{RenewalCohortProcessingID, RenewalCohortFailedID, RenewalCohortCompletedID}},
		{LeadFollowupID, "", []string{}},
	} {
		p := list(t, srv, cohortsPath(tc.campaign)+"?"+tc.query)
		if got := p.ids(t, "cohort_id"); !slices.Equal(got, tc.want) {
			t.Errorf("%s ?%s: %v, want %v", tc.campaign, tc.query, got, tc.want)
		}
	}

	// Items are whole cohorts, exactly as GET serves them.
	p := list(t, srv, cohortsPath(PolicyRenewalID))
	for i, id := range p.ids(t, "cohort_id") {
		_, _, body := get(t, srv, cohortsPath(PolicyRenewalID)+"/"+id, testKey)
		b, _ := json.Marshal(p.Items[i])
		if compact(t, b) != compact(t, json.RawMessage(body)) {
			t.Errorf("%s: list item %s, GET %s", id, b, body)
		}
	}
}

// TestCohortFixtures holds the fixtures to what tests elsewhere rely on.
func TestCohortFixtures(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	read := func(campaign, id string) cohort {
		t.Helper()
		status, _, body := get(t, srv, cohortsPath(campaign)+"/"+id, testKey)
		var c cohort
		if status != 200 || json.Unmarshal([]byte(body), &c) != nil || c.CohortID != id {
			t.Fatalf("%s: HTTP %d %s", id, status, body)
		}
		return c
	}
	for i := 1; i <= LoanRemindersCohorts; i++ {
		c := read(LoanRemindersID, fmt.Sprintf("coh-emi-nov-%02d", i))
		if c.Status != "completed" || c.Result == nil || *c.Result.Rejected != 0 || *c.Result.Valid != *c.Result.Total || c.UpdatedBy == nil {
			t.Errorf("%s: %+v, want completed with nothing rejected", c.CohortID, c)
		}
	}
	if c := read(PolicyRenewalID, RenewalCohortCompletedID); c.Status != "completed" || c.Result == nil || *c.Result.Rejected != 0 {
		t.Errorf("completed: %+v", c)
	}
	if c := read(PolicyRenewalID, RenewalCohortProcessingID); c.Status != "processing" || c.Result != nil || c.UpdatedBy == nil {
		t.Errorf("processing: %+v", c)
	}
	if c := read(PolicyRenewalID, RenewalCohortFailedID); c.Status != "failed" || c.Result == nil || *c.Result.Rejected != 70 || *c.Result.Total != 250 || c.UpdatedBy != nil {
		t.Errorf("failed: %+v", c)
	}
	_, _, body := get(t, srv, cohortsPath(PolicyRenewalID)+"/"+RenewalCohortProcessingID, testKey)
	if !strings.Contains(body, `"result": null`) || !strings.Contains(body, `"source_type": "api"`) {
		t.Errorf("processing cohort body %s", body)
	}
}

func TestCohortErrors(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, tc := range []struct {
		path   string
		status int
		body   string
	}{
		{cohortsPath("nope"), 404, `{"error":{"code":"campaign_not_found","message":"Campaign nope not found","type":"not_found_error"}}`},
		{cohortsPath("nope") + "/" + RenewalCohortFailedID, 404, `{"error":{"code":"campaign_not_found","message":"Campaign nope not found","type":"not_found_error"}}`},
		{cohortsPath(PolicyRenewalID) + "/coh-missing", 404, `{"error":{"code":"cohort_not_found","message":"Cohort coh-missing not found","type":"not_found_error"}}`},
		// A cohort belongs to its campaign only.
		{cohortsPath(LoanRemindersID) + "/" + RenewalCohortFailedID, 404, `{"error":{"code":"cohort_not_found","message":"Cohort coh-rnw-dec-c not found","type":"not_found_error"}}`},
		{cohortsPath(LoanRemindersID) + "?limit=500", 422, `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 100, got 500","type":"less_than_equal"}]},"message":"Invalid query parameters: limit: Input should be less than or equal to 100, got 500","type":"invalid_request_error"}}`},
		{cohortsPath(LoanRemindersID) + "/" + LoanRemindersFirstCohort + "/files", 404, `{"detail":"Not Found"}`},
		{cohortsPath(LoanRemindersID) + "/", 404, `{"detail":"Not Found"}`},
	} {
		status, _, body := get(t, srv, tc.path, testKey)
		if status != tc.status || strings.TrimSpace(body) != tc.body {
			t.Errorf("GET %s: HTTP %d %s\nwant %d %s", tc.path, status, body, tc.status, tc.body)
		}
	}
	if status, _, _ := get(t, srv, cohortsPath(LoanRemindersID), "wrong"); status != 401 {
		t.Errorf("wrong key: HTTP %d", status)
	}
}

func TestCohortEscapedIDs(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Put("o", "w", "c/d", []byte(`{"campaign_id":"c/d"}`))
	s.PutCohort("o", "w", "c/d", "a/b", []byte(`{"cohort_id":"a/b","name":"x"}`))
	key := keyFor(s, "o", "w")
	if b, ok := s.Cohort("o", "w", "c/d", "a/b"); !ok || string(b) != `{"cohort_id":"a/b","name":"x"}` {
		t.Fatalf("Cohort: %s %v", b, ok)
	}
	base := campaignPath("o", "w", "c%2Fd") + "/cohorts"
	if status, _, body := get(t, srv, base+"/a%2Fb", key); status != 200 || body != `{"cohort_id":"a/b","name":"x"}` {
		t.Fatalf("GET: HTTP %d %s", status, body)
	}
	if ids := listWith(t, srv, base, key).ids(t, "cohort_id"); !slices.Equal(ids, []string{"a/b"}) {
		t.Fatalf("list: %v", ids)
	}
	// Cohorts of a campaign that is not there are not served.
	s.PutCohort("o", "w", "gone", "x", []byte(`{"cohort_id":"x"}`))
	if status, _, body := get(t, srv, campaignPath("o", "w", "gone")+"/cohorts/x", key); status != 404 || !strings.Contains(body, "Campaign gone not found") {
		t.Fatalf("orphan: HTTP %d %s", status, body)
	}
}

// TestCohortListModes: the misbehaviour switches apply to cohorts too, and
// what they generate is a whole cohort.
func TestCohortListModes(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.SetListMode(ListEndless)
	p := list(t, srv, cohortsPath(LeadFollowupID)+"?limit=2")
	if ids := p.ids(t, "cohort_id"); !slices.Equal(ids, []string{"ENDLESS-000000", "ENDLESS-000001"}) || p.NextPageURI == nil {
		t.Fatalf("endless: %v next %s", ids, str(p.NextPageURI))
	}
	var c cohort
	b, _ := json.Marshal(p.Items[0])
	if err := json.Unmarshal(b, &c); err != nil || c.Status != "completed" || c.Result == nil || c.SourceType == "" || c.CreatedAt == "" {
		t.Fatalf("generated cohort %s", b)
	}
	s.SetListMode(ListShift)
	list(t, srv, cohortsPath(LeadFollowupID))
	if _, ok := s.Cohort(OrgID, WorkspaceID, LeadFollowupID, "SHIFT-000001"); !ok {
		t.Fatalf("shift stored no cohort")
	}
}
