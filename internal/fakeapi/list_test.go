package fakeapi

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http/httptest"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
)

// page is a decoded list response.
type page struct {
	Items       []map[string]json.RawMessage `json:"items"`
	Total       int                          `json:"total"`
	Limit       int                          `json:"limit"`
	Offset      int                          `json:"offset"`
	NextPageURI *string                      `json:"next_page_uri"`
	PrevPageURI *string                      `json:"prev_page_uri"`
}

func (p page) ids(t *testing.T, field string) []string {
	t.Helper()
	ids := make([]string, len(p.Items))
	for i, it := range p.Items {
		if err := json.Unmarshal(it[field], &ids[i]); err != nil {
			t.Fatalf("item %d: %s: %v", i, field, err)
		}
	}
	return ids
}

func TestListCampaignsDefaults(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	p := list(t, srv, campaignsPath)
	// Newest first; the two "Renewals Q3" share created_at and go by id.
	want := []string{PolicyRenewalID, LoanRemindersID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LeadFollowupID, RenewalsID, SeedExampleID}
	if got := p.ids(t, "campaign_id"); !slices.Equal(got, want) {
		t.Fatalf("ids %v, want %v", got, want)
	}
	if p.Total != 7 || p.Limit != 10 || p.Offset != 0 || p.NextPageURI != nil || p.PrevPageURI != nil {
		t.Fatalf("envelope total %d limit %d offset %d next %s prev %s", p.Total, p.Limit, p.Offset, str(p.NextPageURI), str(p.PrevPageURI))
	}
}

// TestListItemsAreSummaries: an item has the summary fields the campaign
// has, with the campaign's values, and nothing else.
func TestListItemsAreSummaries(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	p := list(t, srv, campaignsPath)
	for _, tc := range []struct {
		id   string
		keys []string
	}{
		{LoanRemindersID, []string{"app_id", "app_type", "app_version", "campaign_id", "created_at", "created_by", "description", "name", "status", "updated_at", "updated_by"}},
		// No top-level app_type or updated_by: the item does not make them up.
		{PolicyRenewalID, []string{"app_id", "app_version", "campaign_id", "created_at", "created_by", "description", "name", "status", "updated_at"}},
	} {
		var item map[string]json.RawMessage
		for i, id := range p.ids(t, "campaign_id") {
			if id == tc.id {
				item = p.Items[i]
			}
		}
		var full map[string]json.RawMessage
		b, _ := s.Campaign(OrgID, WorkspaceID, tc.id)
		if err := json.Unmarshal(b, &full); err != nil {
			t.Fatal(err)
		}
		var keys []string
		for k, v := range item {
			keys = append(keys, k)
			if string(v) != compact(t, full[k]) {
				t.Errorf("%s: %s is %s, the campaign has %s", tc.id, k, v, full[k])
			}
		}
		sort.Strings(keys)
		if !slices.Equal(keys, tc.keys) {
			t.Errorf("%s: item fields %v, want %v", tc.id, keys, tc.keys)
		}
	}
}

func TestListCampaignsFiltersAndSorts(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"search=RENEWALS", []string{PolicyRenewalID, RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID}},
		{"search=renewals+q3", []string{RenewalsQ3ActiveID, RenewalsQ3PausedID}},
		{"search=%E0%A4%B2%E0%A5%80%E0%A4%A1", []string{LeadFollowupID}},
		{"search=nothing+like+it", []string{}},
		{"campaign_status=paused", []string{RenewalsQ3PausedID}},
		{"campaign_status=archived", []string{LeadFollowupID}},
		{"campaign_status=ended&search=renewals", []string{RenewalsID}},
		{"campaign_status=&search=", []string{PolicyRenewalID, LoanRemindersID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LeadFollowupID, RenewalsID, SeedExampleID}},
		{"sort_order=asc", []string{SeedExampleID, RenewalsID, LeadFollowupID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LoanRemindersID, PolicyRenewalID}},
		{"sort_by=name&sort_order=asc", []string{SeedExampleID, LoanRemindersID, PolicyRenewalID, RenewalsID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LeadFollowupID}},
		// Ties go by id ascending in either order.
		{"sort_by=name", []string{LeadFollowupID, RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsID, PolicyRenewalID, LoanRemindersID, SeedExampleID}},
		{"sort_by=updated_at&sort_order=asc", []string{SeedExampleID, RenewalsID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LoanRemindersID, PolicyRenewalID, LeadFollowupID}},
		{"unknown=1&limit=2", []string{PolicyRenewalID, LoanRemindersID}},
	} {
		p := list(t, srv, campaignsPath+"?"+tc.query)
		if got := p.ids(t, "campaign_id"); !slices.Equal(got, tc.want) || p.Total != len(tc.want) && !strings.Contains(tc.query, "limit") {
			t.Errorf("?%s: ids %v total %d, want %v", tc.query, got, p.Total, tc.want)
		}
	}
}

func TestListCampaignsPaging(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	added := s.AddCampaigns(250, "Bulk")
	// Following next_page_uri as given reads every match once, newest first.
	var got []string
	path := campaignsPath + "?search=bulk&limit=100"
	var pages []page
	for path != "" {
		p := list(t, srv, path)
		pages = append(pages, p)
		got = append(got, p.ids(t, "campaign_id")...)
		path = ""
		if p.NextPageURI != nil {
			path = *p.NextPageURI
		}
		if len(pages) > 5 {
			t.Fatal("more than 5 pages")
		}
	}
	want := slices.Clone(added)
	slices.Reverse(want)
	if !slices.Equal(got, want) {
		t.Fatalf("read %d ids %v..., want %d", len(got), got[:min(3, len(got))], len(want))
	}
	for i, tc := range []struct {
		n, offset  int
		next, prev string
	}{
		{100, 0, campaignsPath + "?limit=100&offset=100&search=bulk", "<null>"},
		{100, 100, campaignsPath + "?limit=100&offset=200&search=bulk", campaignsPath + "?limit=100&offset=0&search=bulk"},
		{50, 200, "<null>", campaignsPath + "?limit=100&offset=100&search=bulk"},
	} {
		p := pages[i]
		if len(p.Items) != tc.n || p.Offset != tc.offset || p.Limit != 100 || p.Total != 250 || str(p.NextPageURI) != tc.next || str(p.PrevPageURI) != tc.prev {
			t.Errorf("page %d: %d items offset %d limit %d total %d next %s prev %s", i, len(p.Items), p.Offset, p.Limit, p.Total, str(p.NextPageURI), str(p.PrevPageURI))
		}
	}

	// Generated campaigns are newer than the fixtures: a by-name match lies
	// beyond the first pages.
	p := list(t, srv, campaignsPath+"?limit=100&offset=200")
	if ids := p.ids(t, "campaign_id"); p.Total != 257 || len(ids) != 57 || !slices.Contains(ids, RenewalsQ3ActiveID) || !slices.Contains(ids, RenewalsQ3PausedID) {
		t.Fatalf("third page: total %d, %d items %v", p.Total, len(ids), ids)
	}
	p = list(t, srv, campaignsPath+"?search=Bulk+0042")
	if ids := p.ids(t, "campaign_id"); !slices.Equal(ids, []string{added[41]}) {
		t.Fatalf("Bulk 0042: %v", ids)
	}

	// An offset past the end is an empty page that links back.
	p = list(t, srv, campaignsPath+"?offset=300&limit=50&search=bulk")
	if len(p.Items) != 0 || p.Total != 250 || p.NextPageURI != nil || str(p.PrevPageURI) != campaignsPath+"?limit=50&offset=250&search=bulk" {
		t.Fatalf("past the end: %d items total %d next %s prev %s", len(p.Items), p.Total, str(p.NextPageURI), str(p.PrevPageURI))
	}
}

func TestAddCampaigns(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	first := s.AddCampaigns(6, "Gen")
	second := s.AddCampaigns(1, "More")
	if want := []string{"GEN-000001", "GEN-000002", "GEN-000003", "GEN-000004", "GEN-000005", "GEN-000006"}; !slices.Equal(first, want) || !slices.Equal(second, []string{"GEN-000007"}) {
		t.Fatalf("ids %v %v", first, second)
	}
	for i, id := range append(first, second...) {
		status, _, body := get(t, srv, campaignPath(OrgID, WorkspaceID, id), testKey)
		var c struct {
			Name            string         `json:"name"`
			Status          string         `json:"status"`
			CampaignID      string         `json:"campaign_id"`
			AppConfig       map[string]any `json:"app_config"`
			AllowedSchedule map[string]any `json:"allowed_schedule"`
		}
		if status != 200 || json.Unmarshal([]byte(body), &c) != nil || c.CampaignID != id || c.AppConfig["app_type"] != "agent" || c.AllowedSchedule["timezone"] != "Asia/Kolkata" {
			t.Fatalf("%s: HTTP %d %s", id, status, body)
		}
		named := c
		wantName := fmt.Sprintf("Gen %04d", i+1)
		if i == 6 {
			wantName = "More 0001"
		}
		if named.Name != wantName || named.Status != synthStatuses[i%5] {
			t.Errorf("%s: name %q status %q, want %q %q", id, named.Name, named.Status, wantName, synthStatuses[i%5])
		}
	}
}

func TestListCampaignsInvalidQuery(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	for _, tc := range []struct {
		query, body string
	}{
		{"sort_by=status", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","sort_by"],"msg":"Input should be 'created_at', 'name' or 'updated_at', got \"status\"","type":"enum"}]},"message":"Invalid query parameters: sort_by: Input should be 'created_at', 'name' or 'updated_at', got \"status\"","type":"invalid_request_error"}}`},
		{"sort_order=DESC", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","sort_order"],"msg":"Input should be 'asc' or 'desc', got \"DESC\"","type":"enum"}]},"message":"Invalid query parameters: sort_order: Input should be 'asc' or 'desc', got \"DESC\"","type":"invalid_request_error"}}`},
		{"offset=-1", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","offset"],"msg":"Input should be greater than or equal to 0, got -1","type":"greater_than_equal"}]},"message":"Invalid query parameters: offset: Input should be greater than or equal to 0, got -1","type":"invalid_request_error"}}`},
		{"offset=ten", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","offset"],"msg":"Input should be a valid integer, got \"ten\"","type":"int_parsing"}]},"message":"Invalid query parameters: offset: Input should be a valid integer, got \"ten\"","type":"invalid_request_error"}}`},
		{"limit=0", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","limit"],"msg":"Input should be greater than or equal to 1, got 0","type":"greater_than_equal"}]},"message":"Invalid query parameters: limit: Input should be greater than or equal to 1, got 0","type":"invalid_request_error"}}`},
		{"limit=101", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","limit"],"msg":"Input should be less than or equal to 100, got 101","type":"less_than_equal"}]},"message":"Invalid query parameters: limit: Input should be less than or equal to 100, got 101","type":"invalid_request_error"}}`},
		{"limit=1.5&sort_by=x", `{"error":{"code":"validation_error","data":{"details":[{"loc":["query","sort_by"],"msg":"Input should be 'created_at', 'name' or 'updated_at', got \"x\"","type":"enum"},{"loc":["query","limit"],"msg":"Input should be a valid integer, got \"1.5\"","type":"int_parsing"}]},"message":"Invalid query parameters: sort_by: Input should be 'created_at', 'name' or 'updated_at', got \"x\"; limit: Input should be a valid integer, got \"1.5\"","type":"invalid_request_error"}}`},
	} {
		status, _, body := get(t, srv, campaignsPath+"?"+tc.query, testKey)
		if status != 422 || strings.TrimSpace(body) != tc.body {
			t.Errorf("?%s: HTTP %d %s\nwant 422 %s", tc.query, status, body, tc.body)
		}
	}
	// The bounds themselves are fine.
	if p := list(t, srv, campaignsPath+"?limit=100&offset=0"); p.Limit != 100 {
		t.Fatalf("limit=100: %d", p.Limit)
	}
	if p := list(t, srv, campaignsPath+"?limit=1"); len(p.Items) != 1 || str(p.NextPageURI) != campaignsPath+"?limit=1&offset=1" {
		t.Fatalf("limit=1: %d items, next %s", len(p.Items), str(p.NextPageURI))
	}
}

func TestListElsewhere(t *testing.T) {
	s := New(testKey)
	srv := httptest.NewServer(s)
	defer srv.Close()
	s.Put("o/1", "w", "c", []byte(`{"campaign_id":"c","name":"only","created_at":"garbage"}`))
	key := keyFor(s, "o/1", "w")
	p := listWith(t, srv, BasePath+"/v1/orgs/o%2F1/workspaces/w/campaigns", key)
	if len(p.Items) != 1 || p.Total != 1 || fmt.Sprint(p.Items[0]) != fmt.Sprint(map[string]json.RawMessage{"campaign_id": json.RawMessage(`"c"`), "name": json.RawMessage(`"only"`), "created_at": json.RawMessage(`"garbage"`)}) {
		t.Fatalf("got %+v", p)
	}
	// A created_at that is missing or does not parse sorts before every one
	// that does.
	s.Put("o/1", "w", "d", []byte(`{"campaign_id":"d","created_at":"2020-01-01T00:00:00Z"}`))
	s.Put("o/1", "w", "e", []byte(`{"campaign_id":"e"}`))
	if ids := listWith(t, srv, BasePath+"/v1/orgs/o%2F1/workspaces/w/campaigns?sort_order=asc", key).ids(t, "campaign_id"); !slices.Equal(ids, []string{"e", "c", "d"}) {
		t.Fatalf("ascending: %v", ids)
	}
	// A stored body that is not an object is listed as is, or as null when
	// it is not JSON at all.
	for body, want := range map[string]string{`[1]`: `[1]`, `{"a":`: `null`, `{"name":"x","extra":1}`: `{"name":"x"}`} {
		if got := string(campaigns.item(newEntry("id", []byte(body)))); got != want {
			t.Errorf("item of %s = %s, want %s", body, got, want)
		}
	}
	// A workspace of its own with nothing in it lists nothing.
	if p := listWith(t, srv, BasePath+"/v1/orgs/"+OrgID+"/workspaces/elsewhere/campaigns", keyFor(s, OrgID, "elsewhere")); len(p.Items) != 0 || p.Total != 0 {
		t.Fatalf("empty workspace: %+v", p)
	}
	if status, _, body := get(t, srv, campaignsPath, ""); status != 401 || !strings.Contains(body, "missing_api_key") {
		t.Fatalf("no key: HTTP %d %s", status, body)
	}
}

// TestListModes follows next_page_uri as a naive client would and shows what
// each misbehaviour does to it.
func TestListModes(t *testing.T) {
	follow := func(t *testing.T, srv *httptest.Server, start string, n int) []page {
		t.Helper()
		var pages []page
		for path := start; len(pages) < n && path != ""; {
			p := list(t, srv, path)
			pages = append(pages, p)
			path = ""
			if p.NextPageURI != nil {
				path = *p.NextPageURI
			}
		}
		return pages
	}
	all := []string{PolicyRenewalID, LoanRemindersID, RenewalsQ3ActiveID, RenewalsQ3PausedID, LeadFollowupID, RenewalsID, SeedExampleID}

	t.Run("repeat page", func(t *testing.T) {
		s := New(testKey)
		srv := httptest.NewServer(s)
		defer srv.Close()
		s.SetListMode(ListRepeatPage)
		pages := follow(t, srv, campaignsPath+"?limit=3&offset=3", 4)
		for i, p := range pages {
			if ids := p.ids(t, "campaign_id"); !slices.Equal(ids, all[:3]) || p.Offset != 0 || p.Total != 7 || str(p.NextPageURI) != campaignsPath+"?limit=3&offset=3" {
				t.Fatalf("page %d: %v offset %d total %d next %s", i, ids, p.Offset, p.Total, str(p.NextPageURI))
			}
		}
		if len(pages) != 4 {
			t.Fatalf("%d pages", len(pages))
		}
	})
	t.Run("ignore offset", func(t *testing.T) {
		s := New(testKey)
		srv := httptest.NewServer(s)
		defer srv.Close()
		s.SetListMode(ListIgnoreOffset)
		pages := follow(t, srv, campaignsPath+"?limit=3", 10)
		if len(pages) != 3 {
			t.Fatalf("%d pages, want 3", len(pages))
		}
		for i, p := range pages {
			if ids := p.ids(t, "campaign_id"); !slices.Equal(ids, all[:3]) || p.Offset != 3*i || p.Total != 7 {
				t.Fatalf("page %d: %v offset %d total %d", i, ids, p.Offset, p.Total)
			}
		}
	})
	t.Run("growing total", func(t *testing.T) {
		s := New(testKey)
		srv := httptest.NewServer(s)
		defer srv.Close()
		s.SetListMode(ListGrowingTotal)
		pages := follow(t, srv, campaignsPath+"?limit=5", 4)
		for i, want := range []struct{ n, total int }{{5, 12}, {2, 17}, {0, 22}, {0, 27}} {
			p := pages[i]
			if len(p.Items) != want.n || p.Total != want.total || p.NextPageURI == nil {
				t.Fatalf("page %d: %d items total %d next %s", i, len(p.Items), p.Total, str(p.NextPageURI))
			}
		}
	})
	t.Run("shift", func(t *testing.T) {
		s := New(testKey)
		srv := httptest.NewServer(s)
		defer srv.Close()
		s.SetListMode(ListShift)
		pages := follow(t, srv, campaignsPath+"?limit=3&search=renewals", 10)
		var got []string
		for _, p := range pages {
			got = append(got, p.ids(t, "campaign_id")...)
		}
		// After each page a new match goes first, pushing the rest down by
		// one: the last item of a page comes again on the next.
		want := []string{PolicyRenewalID, RenewalsQ3ActiveID, RenewalsQ3PausedID, RenewalsQ3PausedID, RenewalsID}
		if !slices.Equal(got, want) {
			t.Fatalf("read %v, want %v", got, want)
		}
		if p := pages[len(pages)-1]; p.Total != 5 || p.Offset != 3 || p.NextPageURI != nil {
			t.Fatalf("last page: total %d offset %d next %s", p.Total, p.Offset, str(p.NextPageURI))
		}
		// What was inserted matches the filter and can be read by id.
		status, _, body := get(t, srv, campaignPath(OrgID, WorkspaceID, "SHIFT-000002"), testKey)
		var c struct{ Name, Status string }
		if status != 200 || json.Unmarshal([]byte(body), &c) != nil || c.Name != "renewals Shift 2" || c.Status != "active" {
			t.Fatalf("inserted campaign: HTTP %d %s", status, body)
		}
		// Back to normal, the inserted campaigns sort by their created_at.
		s.SetListMode(ListNormal)
		p := list(t, srv, campaignsPath+"?limit=4")
		if ids := p.ids(t, "campaign_id"); p.Total != 9 || !slices.Equal(ids, []string{"SHIFT-000002", "SHIFT-000001", PolicyRenewalID, LoanRemindersID}) {
			t.Fatalf("after shifting: total %d, %v", p.Total, ids)
		}
	})
	t.Run("endless", func(t *testing.T) {
		s := New(testKey)
		srv := httptest.NewServer(s)
		defer srv.Close()
		s.SetListMode(ListEndless)
		pages := follow(t, srv, campaignsPath+"?limit=5&campaign_status=paused", 6)
		seen := map[string]bool{}
		for i, p := range pages {
			ids := p.ids(t, "campaign_id")
			if len(ids) != 5 || p.Total != 5*(i+2) || str(p.NextPageURI) != fmt.Sprintf("%s?campaign_status=paused&limit=5&offset=%d", campaignsPath, 5*(i+1)) {
				t.Fatalf("page %d: %v total %d next %s", i, ids, p.Total, str(p.NextPageURI))
			}
			for j, id := range ids {
				if seen[id] {
					t.Fatalf("page %d repeats %s", i, id)
				}
				seen[id] = true
				var status string
				_ = json.Unmarshal(p.Items[j]["status"], &status)
				if status != "paused" {
					t.Fatalf("%s has status %q", id, status)
				}
			}
		}
		if ids := pages[0].ids(t, "campaign_id"); !slices.Equal(ids, []string{RenewalsQ3PausedID, "ENDLESS-000001", "ENDLESS-000002", "ENDLESS-000003", "ENDLESS-000004"}) {
			t.Fatalf("first page %v", ids)
		}
		if !reflect.DeepEqual(slices.Sorted(maps.Keys(pages[1].Items[0])), []string{"app_id", "app_type", "app_version", "campaign_id", "created_at", "created_by", "description", "name", "status", "updated_at", "updated_by"}) {
			t.Fatalf("a generated item is not a full summary: %v", pages[1].Items[0])
		}
	})
}
