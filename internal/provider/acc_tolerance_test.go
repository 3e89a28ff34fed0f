package provider

import (
	"regexp"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// The provider works whichever way the API answers where its docs are
// silent: the acceptance checks pass against a fake mode that answers each
// guess the other way. bulk adds campaigns so that lists take three pages
// and by name must read them all.
func TestTolerance_acceptanceUnderFakeModes(t *testing.T) {
	accParallel(t)
	type check func(*testing.T, *accTarget)
	for _, tc := range []struct {
		name   string
		modes  fakeapi.Modes
		bulk   int
		checks map[string]check
	}{
		{"total_omitted", fakeapi.Modes{Total: fakeapi.TotalOmitted}, 230, map[string]check{"unfiltered": accCampaignsUnfiltered, "by_name": accCampaignByName}},
		{"total_null", fakeapi.Modes{Total: fakeapi.TotalNull}, 230, map[string]check{"unfiltered": accCampaignsUnfiltered}},
		{"links_absolute", fakeapi.Modes{Links: fakeapi.LinkAbsolute}, 230, map[string]check{"unfiltered": accCampaignsUnfiltered}},
		{"links_from_base", fakeapi.Modes{Links: fakeapi.LinkFromBase}, 230, map[string]check{"unfiltered": accCampaignsUnfiltered}},
		{"links_omitted", fakeapi.Modes{Links: fakeapi.LinkOmitted}, 230, map[string]check{"unfiltered": accCampaignsUnfiltered}},
		{"search_case_sensitive", fakeapi.Modes{Search: fakeapi.SearchSubstring}, 0, map[string]check{"by_name": accCampaignByName, "search": accCampaignsSearch}},
		{"search_exact", fakeapi.Modes{Search: fakeapi.SearchExact}, 0, map[string]check{"by_name": accCampaignByName, "search": accCampaignsSearch}},
		{"search_prefix", fakeapi.Modes{Search: fakeapi.SearchFoldPrefix}, 0, map[string]check{"by_name": accCampaignByName, "search": accCampaignsSearch}},
		{"search_ignored", fakeapi.Modes{Search: fakeapi.SearchIgnored}, 230, map[string]check{"by_name": accCampaignByName, "search": accCampaignsSearch}},
		{"extra_fields", fakeapi.Modes{ExtraFields: true}, 0, map[string]check{
			"by_id": accCampaignByID, "cohorts": accCampaignCohorts, "webhook": accWebhookConfig, "unfiltered": accCampaignsUnfiltered,
		}},
		{"foreign_not_found", fakeapi.Modes{Foreign: fakeapi.ForeignNotFound}, 0, map[string]check{"other_workspace": accCampaignOtherWorkspace}},
		{"foreign_hidden", fakeapi.Modes{Foreign: fakeapi.ForeignHidden}, 0, map[string]check{"other_workspace": accCampaignOtherWorkspace}},
	} {
		for _, name := range sortedKeys(tc.checks) {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				accParallel(t)
				tg := newFakeTarget(t)
				tg.fake.SetModes(tc.modes)
				tg.fake.AddCampaigns(tc.bulk, "Bulk campaign")
				tc.checks[name](t, tg)
			})
		}
	}
}

// An unknown status lists nothing, whether the API filters by it or
// answers an empty list; refused with a 422, the error names the argument
// the API refused.
func TestTolerance_unknownStatus(t *testing.T) {
	accParallel(t)
	const config = "data \"sarvam_campaigns\" \"odd\" {\n  status = \"zq_not_a_status\"\n}\n"
	for _, m := range []fakeapi.UnknownStatusMode{fakeapi.UnknownStatusFiltered, fakeapi.UnknownStatusEmpty} {
		tg := newFakeTarget(t)
		tg.fake.SetModes(fakeapi.Modes{UnknownStatus: m})
		err := tg.runExpectingError(t, config, stateCheck(func(st accState) []string {
			if n := len(strList(st.one("data.sarvam_campaigns.odd"), "ids")); n != 0 {
				return []string{"an unknown status listed campaigns"}
			}
			return nil
		}))
		if err != nil {
			t.Fatalf("mode %d: %v", m, err)
		}
	}
	tg := newFakeTarget(t)
	tg.fake.SetModes(fakeapi.Modes{UnknownStatus: fakeapi.UnknownStatusRejected})
	err := tg.runExpectingError(t, config)
	want := regexp.MustCompile(`(?s)Argument\s+refused\s+by\s+the\s+Sarvam\s+API.*Reading\s+the\s+campaign\s+list\s+in\s+workspace\s+"ws-collections"\s+of\s+org\s+"org-acme-finance":\s+the\s+API\s+answered\s+HTTP\s+422\s+Unprocessable\s+Entity:\s+.*campaign_status.*got\s+"zq_not_a_status".*The\s+API\s+refused\s+the\s+value\s+of\s+status\s+\(its\s+query\s+parameter\s+campaign_status\)\.`)
	if err == nil || !want.MatchString(err.Error()) {
		t.Fatalf("want the 422 explained, got:\n%v", err)
	}
}

// 403 and 404 for another workspace each say what they mean: no access for
// this key, or nothing there.
func TestTolerance_otherWorkspaceMeaning(t *testing.T) {
	accParallel(t)
	for _, tc := range []struct {
		mode fakeapi.ForeignMode
		says string
	}{
		{fakeapi.ForeignForbidden, `(?i)HTTP\s+403.*(access|permission|does\s+not\s+belong)`},
		{fakeapi.ForeignNotFound, `(?i)not\s+found.*HTTP\s+404`},
	} {
		tg := newFakeTarget(t)
		tg.fake.SetModes(fakeapi.Modes{Foreign: tc.mode})
		err := tg.runExpectingError(t, "data \"sarvam_campaign\" \"elsewhere\" {\n  workspace_id = \""+accForeignWorkspace+"\"\n  campaign_id  = \""+accForeignCampaign+"\"\n}\n")
		if err == nil {
			t.Fatalf("mode %d: read another workspace's campaign", tc.mode)
		}
		checkOtherWorkspaceError(t, err, accForeignCampaign, accForeignWorkspace)
		if !regexp.MustCompile("(?s)" + tc.says).MatchString(err.Error()) {
			t.Errorf("mode %d: the error does not match %s:\n%v", tc.mode, tc.says, err)
		}
	}
}
