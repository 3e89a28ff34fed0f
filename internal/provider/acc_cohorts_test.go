package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// cohortSearchBound is how many campaigns are asked for cohorts before the
// test gives up looking for one that has any.
const cohortSearchBound = 30

// cohortFields are every attribute of a cohort, as listed and as read.
var cohortFields = []string{"cohort_id", "name", "status", "source_type", "created_by", "created_at", "updated_at", "result", "updated_by"}

// Every cohort listed for the first campaign that has any reads back by id
// with the same fields. Only the cohorts' descriptions are read, never
// their contacts.
func TestAccCampaignCohorts(t *testing.T) {
	accParallel(t)
	accCampaignCohorts(t, newAccTarget(t))
}

func accCampaignCohorts(t *testing.T, tg *accTarget) {
	campaignID := tg.campaignWithCohorts(t)
	if campaignID == "" {
		t.Skipf("none of the first %d campaigns has a cohort; nothing to read", cohortSearchBound)
	}
	tg.run(t, resource.TestStep{
		Config: fmt.Sprintf(`
data "sarvam_campaign_cohorts" "listed" {
  campaign_id = %s
  max_results = 20
}
data "sarvam_campaign_cohort" "each" {
  count       = length(data.sarvam_campaign_cohorts.listed.ids)
  campaign_id = data.sarvam_campaign_cohorts.listed.campaign_id
  cohort_id   = data.sarvam_campaign_cohorts.listed.ids[count.index]
}
`, hcl(campaignID)),
		ConfigStateChecks: []statecheck.StateCheck{stateCheck(func(st accState) []string {
			return st.readBack("data.sarvam_campaign_cohorts.listed", "cohorts", "cohort_id", "data.sarvam_campaign_cohort.each", true, func(at string, item, got map[string]any) []string {
				return append(sameFields(at, item, got, cohortFields...), timestampProblems(at, got, "created_at", "updated_at")...)
			})
		})},
	})
}

// campaignWithCohorts is the first listed campaign with a cohort, "" when
// none of the first cohortSearchBound has one.
func (tg *accTarget) campaignWithCohorts(t *testing.T) string {
	t.Helper()
	for _, c := range tg.campaignSample(t, cohortSearchBound) {
		list, err := tg.client.ListCohorts(context.Background(), tg.org, tg.workspace, *c.CampaignID, client.ListQuery{MaxResults: 1})
		if err != nil {
			t.Fatalf("listing the cohorts of a listed campaign: %v", err)
		}
		if len(list.Items) > 0 {
			return *c.CampaignID
		}
	}
	return ""
}

// By name, a cohort of the first campaign with cohorts resolves to the one
// of exactly that name, or fails with the several-cohorts error. Subjects:
// the first cohort's name and the first name two of its cohorts share.
func TestAccCampaignCohort_byName(t *testing.T) {
	accParallel(t)
	tg := newAccTarget(t)
	campaignID := tg.campaignWithCohorts(t)
	if campaignID == "" {
		t.Skipf("none of the first %d campaigns has a cohort; nothing to read by name", cohortSearchBound)
	}
	cohorts, err := tg.client.ListCohorts(context.Background(), tg.org, tg.workspace, campaignID, client.ListQuery{MaxResults: 100})
	if err != nil {
		t.Fatalf("listing the campaign's cohorts: %v", err)
	}
	names := []string{*cohorts.Items[0].Name}
	seen := map[string]bool{}
	for _, c := range cohorts.Items {
		if seen[*c.Name] && *c.Name != names[0] {
			names = append(names, *c.Name)
			break
		}
		seen[*c.Name] = true
	}
	if len(names) == 1 {
		skipCheck(t, "no two of the campaign's first %d cohorts share a name, so the several-cohorts error is not exercised", len(cohorts.Items))
	}
	for i, name := range names {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			checkByNameOf(t, tg, byName{
				config: fmt.Sprintf("data \"sarvam_campaign_cohort\" \"by_name\" {\n  campaign_id = %s\n  name        = %s\n}\n", hcl(campaignID), hcl(name)),
				addr:   "data.sarvam_campaign_cohort.by_name", idAttr: "cohort_id", kinds: "cohorts",
				exact: func() ([]string, bool, error) {
					found, err := tg.client.ListCohorts(context.Background(), tg.org, tg.workspace, campaignID, client.ListQuery{Search: name, MaxResults: accSample})
					if err != nil {
						return nil, false, err
					}
					ids := exactIDs(found.Items, name, func(c *client.Cohort) (*string, *string) { return c.Name, c.CohortID })
					return ids, len(found.Items) < accSample, nil
				},
			}, name)
		})
	}
}
