package fakeapi

import (
	"errors"
	"io/fs"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// minimal bodies the API could return, for fixtures tests to spoil.
const (
	okCampaign = `{"name":"Gate","campaign_id":"C-1","status":"active","app_id":"app-1","created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z",
"app_config":{"connection_configs":[{"connection_id":"c","phone_numbers":["+91"],"weight":1}],"retry_config":{"retry_interval_minutes":5}},
"start_timestamp":"2026-01-01T00:00:00Z","end_timestamp":"2026-02-01T00:00:00Z","allowed_schedule":{"allowed_days":["Monday"]}}`
	okCohort  = `{"name":"A","cohort_id":"K-1","status":"completed","source_type":"api","created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","result":null}`
	okWebhook = `{"webhook_id":"W-1","name":"Hook","url":"https://x.example","created_by":"me","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z","custom_headers":{"A":"b"}}`
)

// TestFixturesServed: a directory in the layout is served in the org and
// workspace given, to the key given only, with nothing of the demo.
func TestFixturesServed(t *testing.T) {
	s, notes, err := NewFrom(Options{Org: "org-u", Workspace: "ws-u", APIKey: "user-key", Fixtures: files(
		"campaigns/gate.json", okCampaign,
		"cohorts/C-1/a.json", okCohort,
		"webhooks/hook.json", okWebhook,
		"README.md", "not read",
	)})
	if err != nil || len(notes) != 0 {
		t.Fatalf("NewFrom: %v, notes %v", err, notes)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	base := BasePath + "/v1/orgs/org-u/workspaces/ws-u"
	for path, want := range map[string]string{
		base + "/campaigns/C-1":             okCampaign,
		base + "/campaigns/C-1/cohorts/K-1": okCohort,
		base + "/webhooks/W-1":              okWebhook,
	} {
		if status, _, body := get(t, srv, path, "user-key"); status != 200 || body != want {
			t.Errorf("GET %s: HTTP %d %s", path, status, body)
		}
	}
	if ids := listWith(t, srv, base+"/campaigns", "user-key").ids(t, "campaign_id"); !slices.Equal(ids, []string{"C-1"}) {
		t.Errorf("campaigns %v", ids)
	}
	if status, _, _ := get(t, srv, campaignPath(OrgID, WorkspaceID, LoanRemindersID), "user-key"); status != 403 {
		t.Errorf("the demo workspace: HTTP %d, want 403", status)
	}
	if org, ws := s.Home(); org != "org-u" || ws != "ws-u" {
		t.Errorf("Home %s %s", org, ws)
	}
}

// TestFixtureTimestampsTheProviderAccepts: a timestamp the provider reads
// (offsetless, a space for "T", lowercase "t" and "z") passes the check.
func TestFixtureTimestampsTheProviderAccepts(t *testing.T) {
	for _, ts := range []string{"2026-01-01T00:00:00", "2026-01-01 00:00:00", "2026-01-01 00:00:00+05:30", "2026-01-01t00:00:00.5z"} {
		c := strings.Replace(okCampaign, `"created_at":"2026-01-01T00:00:00Z"`, `"created_at":"`+ts+`"`, 1)
		if _, notes, err := NewFrom(Options{APIKey: "k", Fixtures: files("campaigns/a.json", c)}); err != nil || len(notes) != 0 {
			t.Errorf("created_at %q: %v, notes %v", ts, err, notes)
		}
	}
}

// TestDemoInOtherWorkspace: without fixtures, the demo data is served in the
// org and workspace given.
func TestDemoInOtherWorkspace(t *testing.T) {
	s, _, err := NewFrom(Options{Org: "o", Workspace: "w", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	p := listWith(t, srv, BasePath+"/v1/orgs/o/workspaces/w/campaigns", "k")
	if p.Total != 7 {
		t.Fatalf("total %d", p.Total)
	}
	if s.AddCampaigns(1, "X"); listWith(t, srv, BasePath+"/v1/orgs/o/workspaces/w/campaigns", "k").Total != 8 {
		t.Fatalf("AddCampaigns went elsewhere")
	}
}

// TestDemoFixturesPassTheirCheck: the bundled fixtures are what the API
// could return; their unknown values are the ones LeadFollowupID is for.
func TestDemoFixturesPassTheirCheck(t *testing.T) {
	sub, _ := fs.Sub(fixtures, "fixtures")
	found, notes, err := readFixtures(sub, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 4+15+4 {
		t.Errorf("%d fixtures", len(found))
	}
	want := []string{
		`campaigns/lead-followup.json: allowed_schedule.allowed_days[1]: "Diwali" is not one of the documented Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday; served as is, as the provider passes it through`,
		`campaigns/lead-followup.json: app_config.connection_configs[0].carrier_hint: not a field the API is known to send; served as is, and the provider ignores it`,
		`campaigns/lead-followup.json: app_config.retry_config.jitter_seconds: not a field the API is known to send; served as is, and the provider ignores it`,
		`campaigns/lead-followup.json: app_config.voice: not a field the API is known to send; served as is, and the provider ignores it`,
		`campaigns/lead-followup.json: labels: not a field the API is known to send; served as is, and the provider ignores it`,
		`campaigns/lead-followup.json: priority: not a field the API is known to send; served as is, and the provider ignores it`,
		`campaigns/lead-followup.json: status: "archived" is not one of the documented scheduled, active, paused, ended, cancelled; served as is, as the provider passes it through`,
	}
	slices.Sort(notes)
	if !slices.Equal(notes, want) {
		t.Errorf("notes\n%s\nwant\n%s", strings.Join(notes, "\n"), strings.Join(want, "\n"))
	}
}

func TestFixtureProblems(t *testing.T) {
	spoil := func(body, from, to string) string {
		if !strings.Contains(body, from) {
			t.Fatalf("%s not in %s", from, body)
		}
		return strings.Replace(body, from, to, 1)
	}
	for _, tc := range []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"not JSON", files("campaigns/a.json", `{"name":`),
			[]string{"campaigns/a.json: not JSON: line 1, column 9: the file ends before the JSON value does"}},
		{"a syntax error, by line and column", files("campaigns/a.json", "{\n  \"name\": \"Gäte\",\n  \"status\": ,\n}"),
			[]string{"campaigns/a.json: not JSON: line 3, column 13: invalid character ',' looking for beginning of value"}},
		{"two values", files("campaigns/a.json", okCampaign+okCampaign),
			[]string{"campaigns/a.json: not JSON: more than one JSON value"}},
		{"not an object", files("webhooks/a.json", `[`+okWebhook+`]`),
			[]string{"webhooks/a.json: (the file): want one JSON object, got a list"}},
		{"missing", files("campaigns/a.json", spoil(okCampaign, `"name":"Gate",`, "")),
			[]string{"campaigns/a.json: name: missing; the API always sends it"}},
		{"null", files("webhooks/a.json", spoil(okWebhook, `"url":"https://x.example"`, `"url":null`)),
			[]string{"webhooks/a.json: url: null; the API always sends a string"}},
		{"nullable app_id", files("campaigns/a.json", spoil(okCampaign, `"app_id":"app-1"`, `"app_id":null`)), nil},
		{"type, nested in a list", files("campaigns/a.json", spoil(okCampaign, `"weight":1`, `"weight":"heavy"`)),
			[]string{`campaigns/a.json: app_config.connection_configs[0].weight: want an integer, got the string "heavy"`}},
		{"a fraction for an integer", files("cohorts/C-1/k.json", spoil(okCohort, `"result":null`, `"result":{"total_records":2.5}`), "campaigns/c.json", okCampaign),
			[]string{"cohorts/C-1/k.json: result.total_records: want an integer, got the number 2.5"}},
		{"timestamp", files("campaigns/a.json", spoil(okCampaign, `"created_at":"2026-01-01T00:00:00Z"`, `"created_at":"yesterday"`)),
			[]string{`campaigns/a.json: created_at: want an ISO 8601 timestamp such as 2026-11-01T09:30:00Z, got "yesterday"`}},
		{"enum of another type", files("campaigns/a.json", spoil(okCampaign, `"status":"active"`, `"status":3`)),
			[]string{"campaigns/a.json: status: want a string, got the number 3"}},
		{"intervals", files("campaigns/a.json", spoil(okCampaign, `"retry_interval_minutes":5`, `"retry_interval_minutes":[5,"x"]`)),
			[]string{`campaigns/a.json: app_config.retry_config.retry_interval_minutes[1]: want an integer, got the string "x"`}},
		{"header values", files("webhooks/a.json", spoil(okWebhook, `{"A":"b"}`, `{"A":1,"B":"c"}`)),
			[]string{"webhooks/a.json: custom_headers.A: want a string, got the number 1"}},
		{"null in a list", files("campaigns/a.json", spoil(okCampaign, `["Monday"]`, `["Monday",null]`)),
			[]string{"campaigns/a.json: allowed_schedule.allowed_days[1]: want a string, got null"}},
		{"several at once, sorted", files(
			"webhooks/b.json", spoil(okWebhook, `"name":"Hook",`, ""),
			"webhooks/a.json", spoil(okWebhook, `"created_at":"2026-01-01T00:00:00Z"`, `"created_at":false`)),
			[]string{"webhooks/a.json: created_at: want an ISO 8601 timestamp string, got false", "webhooks/b.json: name: missing; the API always sends it"}},
		{"cohort outside a campaign folder", files("cohorts/k.json", okCohort),
			[]string{"cohorts/k.json: (the file): a cohort belongs in cohorts/<campaign_id>/, the folder named after its campaign"}},
		{"webhook in a folder", files("webhooks/x/a.json", okWebhook),
			[]string{"webhooks/x/a.json: (the file): belongs directly in webhooks/"}},
		{"unknown folder", files("campaign/a.json", okCampaign),
			[]string{"campaign/a.json: (the file): not in campaigns/, cohorts/<campaign_id>/ or webhooks/"}},
		{"cohort of no campaign", files("cohorts/C-2/k.json", okCohort, "campaigns/c.json", okCampaign),
			[]string{`cohorts/C-2/k.json: (the file): no campaign has campaign_id "C-2", the name of its folder`}},
		{"same id twice", files("campaigns/a.json", okCampaign, "campaigns/b.json", okCampaign),
			[]string{`campaigns/b.json: campaign_id: "C-1" is also the campaign_id of campaigns/a.json`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := NewFrom(Options{APIKey: "k", Fixtures: tc.fsys})
			var fe *FixtureError
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if !errors.As(err, &fe) || !slices.Equal(fe.Problems, tc.want) {
				t.Fatalf("got %v\nwant %q", err, tc.want)
			}
		})
	}
	// One problem is a sentence.
	_, _, err := NewFrom(Options{APIKey: "k", Fixtures: files("campaigns/a.json", spoil(okCampaign, `"name":"Gate",`, ""))})
	if want := "1 problem in the fixtures:\n  campaigns/a.json: name: missing; the API always sends it"; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// The whole message, once.
	_, _, err = NewFrom(Options{APIKey: "k", Fixtures: files("campaigns/a.json", `{}`)})
	want := `11 problems in the fixtures:
  campaigns/a.json: allowed_schedule: missing; the API always sends it
  campaigns/a.json: app_config: missing; the API always sends it
  campaigns/a.json: app_id: missing; the API always sends it
  campaigns/a.json: campaign_id: missing; the API always sends it
  campaigns/a.json: created_at: missing; the API always sends it
  campaigns/a.json: created_by: missing; the API always sends it
  campaigns/a.json: end_timestamp: missing; the API always sends it
  campaigns/a.json: name: missing; the API always sends it
  campaigns/a.json: start_timestamp: missing; the API always sends it
  campaigns/a.json: status: missing; the API always sends it
  campaigns/a.json: updated_at: missing; the API always sends it`
	if err == nil || err.Error() != want {
		t.Fatalf("got\n%v\nwant\n%s", err, want)
	}
}

// A key the API is not known to send is served, since the API may add
// fields, but named in a note with the field it most likely meant; -strict
// (Options.Strict) refuses it.
func TestFixtureUnknownKeys(t *testing.T) {
	misspelt := strings.Replace(okCampaign, `"allowed_schedule":{"allowed_days":["Monday"]}`, `"allowed_schedule":{"allowed_days":["Monday"],"allowed_end":"18:00"}`, 1)
	misspelt = strings.Replace(misspelt, `"name":"Gate",`, `"name":"Gate","updatd_by":"x","colour":"red",`, 1)
	hook := strings.Replace(okWebhook, `"url":"https://x.example",`, `"url":"https://x.example","URL":"https://y.example",`, 1)
	fsys := files("campaigns/a.json", misspelt, "webhooks/h.json", hook)
	want := []string{
		"campaigns/a.json: allowed_schedule.allowed_end: not a field the API is known to send; did you mean allowed_end_time? Served as is, but the provider ignores it, so allowed_end_time reads as absent",
		"campaigns/a.json: colour: not a field the API is known to send; served as is, and the provider ignores it",
		"campaigns/a.json: updatd_by: not a field the API is known to send; did you mean updated_by? Served as is, but the provider ignores it, so updated_by reads as absent",
		"webhooks/h.json: URL: not a field the API is known to send (url is given too); served as is, and the provider ignores it",
	}
	s, notes, err := NewFrom(Options{APIKey: "k", Fixtures: fsys})
	if err != nil || !slices.Equal(notes, want) {
		t.Fatalf("notes %v\nerr %v\nwant notes %q", strings.Join(notes, "\n"), err, want)
	}
	if _, ok := s.Campaign(OrgID, WorkspaceID, "C-1"); !ok {
		t.Errorf("the campaign with unknown keys was not served")
	}
	_, notes, err = NewFrom(Options{APIKey: "k", Fixtures: fsys, Strict: true})
	var fe *FixtureError
	if !errors.As(err, &fe) || len(notes) != 0 {
		t.Fatalf("strict: %v, notes %v", err, notes)
	}
	wantStrict := make([]string, len(want))
	for i, w := range want {
		wantStrict[i] = w + " (refused by -strict)"
	}
	if !slices.Equal(fe.Problems, wantStrict) {
		t.Errorf("strict problems\n%s\nwant\n%s", strings.Join(fe.Problems, "\n"), strings.Join(wantStrict, "\n"))
	}
}
