package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// campaignTimestamps are the timestamps of sarvam_campaign; a list item has
// the first two.
var campaignTimestamps = []string{"created_at", "updated_at", "start_timestamp", "end_timestamp"}

// Every campaign of the first few listed reads back by id with the name and
// status it was listed with, and with the parts every campaign has.
func TestAccCampaign_byID(t *testing.T) {
	accParallel(t)
	accCampaignByID(t, newAccTarget(t))
}

func accCampaignByID(t *testing.T, tg *accTarget) {
	tg.run(t, resource.TestStep{
		Config: `
data "sarvam_campaigns" "sample" {
  max_results = 5
}
data "sarvam_campaign" "each" {
  count       = length(data.sarvam_campaigns.sample.ids)
  campaign_id = data.sarvam_campaigns.sample.ids[count.index]
}
`,
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			return st.readBack("data.sarvam_campaigns.sample", "campaigns", "campaign_id", "data.sarvam_campaign.each", true, func(at string, item, got map[string]any) []string {
				problems := sameFields(at, item, got, "campaign_id", "name", "status")
				problems = append(problems, timestampProblems(at, got, campaignTimestamps...)...)
				problems = append(problems, timestampProblems("listed "+at, item, "created_at", "updated_at")...)
				for _, a := range []string{"app_config", "allowed_schedule", "created_at"} {
					if got[a] == nil {
						problems = append(problems, fmt.Sprintf("%s.%s is null; the API documents it as required", at, a))
					}
				}
				return problems
			})
		})},
	})
}

// By name, a campaign resolves to one whose name is exactly that, or fails
// with the "several campaigns" error when the name is shared; a listing by
// the same search says which is right. Subjects: the first campaign's name
// and the first name the sample holds twice.
func TestAccCampaign_byName(t *testing.T) {
	accParallel(t)
	accCampaignByName(t, newAccTarget(t))
}

func accCampaignByName(t *testing.T, tg *accTarget) {
	sample := tg.campaignSample(t, accSample)
	names := []string{*sample[0].Name}
	if shared := firstSharedName(sample); shared != "" {
		names = append(names, shared)
	} else {
		skipCheck(t, "no two of the first %d campaigns share a name, so the several-campaigns error is not exercised", len(sample))
	}
	for i, name := range names {
		t.Run(fmt.Sprint(i), func(t *testing.T) { checkByName(t, tg, name) })
	}
}

func firstSharedName(sample []client.CampaignSummary) string {
	seen := map[string]bool{}
	for _, c := range sample {
		if seen[*c.Name] {
			return *c.Name
		}
		seen[*c.Name] = true
	}
	return ""
}

func checkByName(t *testing.T, tg *accTarget, name string) {
	checkByNameOf(t, tg, byName{
		config: "data \"sarvam_campaign\" \"by_name\" {\n  name = " + hcl(name) + "\n}\n",
		addr:   "data.sarvam_campaign.by_name", idAttr: "campaign_id", kinds: "campaigns",
		exact: func() ([]string, bool, error) {
			list, err := tg.client.ListCampaigns(context.Background(), tg.org, tg.workspace, client.ListQuery{Search: name, MaxResults: accSample})
			if err != nil {
				return nil, false, err
			}
			ids := exactIDs(list.Items, name, func(c *client.CampaignSummary) (*string, *string) { return c.Name, c.CampaignID })
			return ids, len(list.Items) < accSample, nil
		},
	}, name)
}

// The whole list, newest first by default, as far as the sample goes.
func TestAccCampaigns_unfiltered(t *testing.T) {
	accParallel(t)
	accCampaignsUnfiltered(t, newAccTarget(t))
}

func accCampaignsUnfiltered(t *testing.T, tg *accTarget) {
	tg.run(t, resource.TestStep{
		Config: fmt.Sprintf("data \"sarvam_campaigns\" \"all\" {\n  max_results = %d\n}\n", accSample),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			list := st.one("data.sarvam_campaigns.all")
			problems := listProblems("sarvam_campaigns", list, "campaigns", "campaign_id")
			if str(list, "sort_by") != client.DefaultSortBy || str(list, "sort_order") != client.DefaultSortOrder {
				problems = append(problems, fmt.Sprintf("sort shown as %q %q, want the defaults sent", str(list, "sort_by"), str(list, "sort_order")))
			}
			for i, item := range items(list, "campaigns") {
				problems = append(problems, timestampProblems(fmt.Sprintf("campaigns[%d]", i), item, "created_at", "updated_at")...)
			}
			return append(problems, orderProblems("desc", items(list, "campaigns"))...)
		})},
	})
}

// A status filter lists only that status, and at least the one campaign of
// that status the sample holds. Subjects: up to two documented statuses the
// sample holds.
func TestAccCampaigns_status(t *testing.T) {
	accParallel(t)
	accCampaignsStatus(t, newAccTarget(t))
}

func accCampaignsStatus(t *testing.T, tg *accTarget) {
	var statuses []string
	for _, c := range tg.campaignSample(t, 50) {
		if s := *c.Status; slices.Contains(campaignStatuses, s) && !slices.Contains(statuses, s) && len(statuses) < 2 {
			statuses = append(statuses, s)
		}
	}
	if len(statuses) == 0 {
		t.Fatal("none of the first 50 campaigns has a documented status; nothing to filter by")
	}
	var config strings.Builder
	for _, s := range statuses {
		fmt.Fprintf(&config, "data \"sarvam_campaigns\" %q {\n  status      = %q\n  max_results = 100\n}\n", s, s)
	}
	tg.run(t, resource.TestStep{
		Config: config.String(),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			var problems []string
			for _, s := range statuses {
				list := st.one("data.sarvam_campaigns." + s)
				problems = append(problems, listProblems("status "+s, list, "campaigns", "campaign_id")...)
				if len(strList(list, "ids")) == 0 {
					problems = append(problems, fmt.Sprintf("status = %q lists nothing, but the sample holds such a campaign", s))
				}
				for _, item := range items(list, "campaigns") {
					if str(item, "status") != s {
						problems = append(problems, fmt.Sprintf("status = %q lists %q with status %q", s, str(item, "campaign_id"), str(item, "status")))
					}
				}
			}
			return problems
		})},
	})
}

// A search for a listed campaign's whole name finds that campaign, however
// loosely the API matches. Subject: the first campaign.
func TestAccCampaigns_search(t *testing.T) {
	accParallel(t)
	accCampaignsSearch(t, newAccTarget(t))
}

func accCampaignsSearch(t *testing.T, tg *accTarget) {
	name := *tg.campaignSample(t, 1)[0].Name
	tg.run(t, resource.TestStep{
		Config: fmt.Sprintf("data \"sarvam_campaigns\" \"found\" {\n  search      = %s\n  max_results = %d\n}\n", hcl(name), accSample),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			list := st.one("data.sarvam_campaigns.found")
			problems := listProblems("sarvam_campaigns", list, "campaigns", "campaign_id")
			found := slices.ContainsFunc(items(list, "campaigns"), func(m map[string]any) bool { return str(m, "name") == name })
			switch {
			case found:
			case len(strList(list, "ids")) >= accSample:
				skipCheck(t, "the search answered %d or more campaigns without the one named; it matches too loosely to tell within the sample", accSample)
			default:
				problems = append(problems, fmt.Sprintf("search for a listed campaign's whole name finds no campaign of that name (%d found)", len(strList(list, "ids"))))
			}
			return problems
		})},
	})
}

// max_results bounds the list exactly.
func TestAccCampaigns_maxResults(t *testing.T) {
	accParallel(t)
	accCampaignsMaxResults(t, newAccTarget(t))
}

func accCampaignsMaxResults(t *testing.T, tg *accTarget) {
	have := len(tg.campaignSample(t, 3))
	tg.run(t, resource.TestStep{
		Config: `
data "sarvam_campaigns" "one" {
  max_results = 1
}
data "sarvam_campaigns" "three" {
  max_results = 3
}
`,
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			one, three := st.one("data.sarvam_campaigns.one"), st.one("data.sarvam_campaigns.three")
			problems := append(listProblems("max_results = 1", one, "campaigns", "campaign_id"), listProblems("max_results = 3", three, "campaigns", "campaign_id")...)
			if n := len(strList(one, "ids")); n != 1 {
				problems = append(problems, fmt.Sprintf("max_results = 1 listed %d campaigns", n))
			}
			if n := len(strList(three, "ids")); n != have {
				problems = append(problems, fmt.Sprintf("max_results = 3 listed %d campaigns; the workspace has %d of the first 3", n, have))
			}
			return problems
		})},
	})
}

// Sorting by created_at each way orders each list, and when the sample
// holds the whole workspace, gives the same set in reverse order.
func TestAccCampaigns_sortOrder(t *testing.T) {
	accParallel(t)
	accCampaignsSortOrder(t, newAccTarget(t))
}

func accCampaignsSortOrder(t *testing.T, tg *accTarget) {
	var config strings.Builder
	for _, order := range []string{"asc", "desc"} {
		fmt.Fprintf(&config, "data \"sarvam_campaigns\" %q {\n  sort_by     = \"created_at\"\n  sort_order  = %q\n  max_results = %d\n}\n", order, order, accSample)
	}
	tg.run(t, resource.TestStep{
		Config: config.String(),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			var problems []string
			lists := map[string][]map[string]any{}
			for _, order := range []string{"asc", "desc"} {
				list := st.one("data.sarvam_campaigns." + order)
				problems = append(problems, listProblems(order, list, "campaigns", "campaign_id")...)
				if str(list, "sort_order") != order || str(list, "sort_by") != "created_at" {
					problems = append(problems, fmt.Sprintf("%s: sort shown as %q %q", order, str(list, "sort_by"), str(list, "sort_order")))
				}
				lists[order] = items(list, "campaigns")
				problems = append(problems, orderProblems(order, lists[order])...)
			}
			asc, desc := lists["asc"], lists["desc"]
			if len(asc) >= accSample || len(desc) >= accSample {
				skipCheck(t, "the workspace holds more than %d campaigns; the two orders are not compared as sets", accSample)
				return problems
			}
			return append(problems, reverseProblems(asc, desc)...)
		})},
	})
}
