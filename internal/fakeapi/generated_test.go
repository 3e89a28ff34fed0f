package fakeapi

import (
	"encoding/json"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// readAll follows next_page_uri from path and returns every item.
func readAll(t *testing.T, srv *httptest.Server, path, key string) []map[string]json.RawMessage {
	t.Helper()
	var items []map[string]json.RawMessage
	for n := 0; path != ""; n++ {
		if n > 50 {
			t.Fatalf("more than 50 pages from %s", path)
		}
		p := listWith(t, srv, path, key)
		items = append(items, p.Items...)
		path = ""
		if p.NextPageURI != nil {
			path = *p.NextPageURI
		}
	}
	return items
}

func TestGeneratedData(t *testing.T) {
	const key = "generated-test-key"
	s, g := NewGenerated(key, 42)
	srv := httptest.NewServer(s)
	defer srv.Close()
	base := BasePath + "/v1/orgs/" + url.PathEscape(g.Org) + "/workspaces/" + url.PathEscape(g.Workspace)
	if g.Org == OrgID || g.Workspace == WorkspaceID || g.Campaigns < 200 || g.Campaigns > 400 || g.Webhooks != 5 || g.Cohorts == 0 {
		t.Fatalf("generated %+v", g)
	}

	items := readAll(t, srv, base+"/campaigns?limit=100", key)
	if len(items) != g.Campaigns {
		t.Fatalf("listed %d campaigns, generated %d", len(items), g.Campaigns)
	}
	// Every variety the brief of the generator names is there.
	seen := map[string]int{}
	cohorts := 0
	for _, it := range items {
		var id string
		_ = json.Unmarshal(it["campaign_id"], &id)
		_, _, body := get(t, srv, base+"/campaigns/"+url.PathEscape(id), key)
		var c map[string]json.RawMessage
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		var status string
		_ = json.Unmarshal(c["status"], &status)
		if !slices.Contains(statuses, status) {
			seen["unknown status"]++
		}
		if string(c["description"]) == "null" {
			seen["null description"]++
		}
		if string(c["app_id"]) == "null" {
			seen["null app_id"]++
		}
		if _, ok := c["app_type"]; !ok {
			seen["no app_type"]++
		}
		if string(c["updated_by"]) == "null" {
			seen["null updated_by"]++
		}
		if !strings.Contains(string(c["app_config"]), "webhook_config") {
			seen["no app_config.webhook_config"]++
		}
		if strings.Contains(string(c["app_config"]), `"retry_interval_minutes":`) && !strings.Contains(string(c["app_config"]), `"retry_interval_minutes":[`) {
			seen["integer retry_interval_minutes"]++
		}
		cohorts += len(readAll(t, srv, base+"/campaigns/"+url.PathEscape(id)+"/cohorts?limit=100", key))
	}
	for _, v := range []string{"unknown status", "null description", "null app_id", "no app_type", "null updated_by", "no app_config.webhook_config", "integer retry_interval_minutes"} {
		if seen[v] == 0 {
			t.Errorf("no campaign with %s", v)
		}
	}
	if cohorts != g.Cohorts {
		t.Errorf("listed %d cohorts, generated %d", cohorts, g.Cohorts)
	}

	// Names shared, and differing only in case.
	s.SetModes(Modes{Search: SearchExact})
	if status, _, _ := get(t, srv, base+"/campaigns", testKey); status != 401 {
		t.Errorf("the demo's key: HTTP %d, want 401", status)
	}
	if p := listWith(t, srv, base+"/campaigns?search="+url.QueryEscape(g.SharedName), key); len(p.Items) != 2 {
		t.Errorf("%q names %d campaigns, want 2", g.SharedName, len(p.Items))
	}
	s.SetModes(Modes{})
	if p := listWith(t, srv, base+"/campaigns?search="+url.QueryEscape(g.SharedName), key); len(p.Items) != 3 {
		t.Errorf("%q and its case twin name %d campaigns, want 3", g.SharedName, len(p.Items))
	}
	hooks := readAll(t, srv, base+"/webhooks", key)
	var names []string
	for _, h := range hooks {
		var n string
		_ = json.Unmarshal(h["name"], &n)
		names = append(names, strings.ToLower(n))
	}
	slices.Sort(names)
	if len(hooks) != 5 || len(slices.Compact(names)) != 4 {
		t.Errorf("webhooks %v: want 5, two differing only in case", names)
	}

	// The other workspace is there and closed to the key; the demo is not.
	if status, _, body := get(t, srv, BasePath+"/v1/orgs/"+g.Org+"/workspaces/"+g.OtherWorkspace+"/campaigns/"+g.ForeignCampaignID, key); status != 403 {
		t.Errorf("foreign campaign: HTTP %d %s", status, body)
	}
	s.SetModes(Modes{Foreign: ForeignOpen})
	if status, _, _ := get(t, srv, BasePath+"/v1/orgs/"+g.Org+"/workspaces/"+g.OtherWorkspace+"/campaigns/"+g.ForeignCampaignID, key); status != 200 {
		t.Errorf("foreign campaign, open: HTTP %d", status)
	}
	if status, _, _ := get(t, srv, base+"/campaigns/"+LoanRemindersID, key); status != 404 {
		t.Errorf("demo campaign: HTTP %d", status)
	}
	if status, _, _ := get(t, srv, base+"/webhooks/"+g.WebhookID, key); status != 200 {
		t.Errorf("webhook %s: HTTP %d", g.WebhookID, status)
	}
}

// TestGeneratedFitsTheAPI: everything generated passes the check fixtures
// pass, so it is what the API could return.
func TestGeneratedFitsTheAPI(t *testing.T) {
	s, _ := NewGenerated("k", 3)
	n := 0
	for k, byScope := range s.items {
		for _, items := range byScope {
			for id, e := range items {
				v, err := decodeFixture(e.body)
				if err != nil {
					t.Fatalf("%s %s: %v", k.name, id, err)
				}
				var bad, notes []problem
				shapes[k].check("", v, &bad, &notes)
				if len(bad) > 0 {
					t.Errorf("%s %s: %v", k.name, id, bad)
				}
				n++
			}
		}
	}
	if n < 200 {
		t.Fatalf("checked %d items", n)
	}
}

// TestGeneratedBySeed: a seed gives the same data every time, and another
// seed other data.
func TestGeneratedBySeed(t *testing.T) {
	dump := func(seed uint64) (Generated, string) {
		s, g := NewGenerated("k", seed)
		srv := httptest.NewServer(s)
		defer srv.Close()
		items := readAll(t, srv, BasePath+"/v1/orgs/"+g.Org+"/workspaces/"+g.Workspace+"/campaigns?limit=100", "k")
		b, _ := json.Marshal(items)
		return g, string(b)
	}
	g1, a := dump(7)
	g2, b := dump(7)
	g3, c := dump(8)
	if g1 != g2 || a != b {
		t.Fatalf("seed 7 twice differs: %+v %+v", g1, g2)
	}
	if g1.Org == g3.Org || g1.SharedName == g3.SharedName && g1.Campaigns == g3.Campaigns || a == c {
		t.Fatalf("seeds 7 and 8 alike: %+v %+v", g1, g3)
	}
}
