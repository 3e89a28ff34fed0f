package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

const (
	cohortsAddr = "data.sarvam_campaign_cohorts.test"
	cohortAddr  = "data.sarvam_campaign_cohort.test"
)

func cohortsBlock(campaignID string, args ...string) string {
	extra := ""
	for _, a := range args {
		extra += "\n  " + a
	}
	return fmt.Sprintf("\ndata \"sarvam_campaign_cohorts\" \"test\" {\n  campaign_id = %q%s\n}\n", campaignID, extra)
}

func cohortBlock(campaignID, cohortID string) string {
	return fmt.Sprintf("\ndata \"sarvam_campaign_cohort\" \"test\" {\n  campaign_id = %q\n  cohort_id   = %q\n}\n", campaignID, cohortID)
}

// The renewal campaign's three cohorts, whole: one completed, one still
// processing with a null result, one failed with rejected records and no
// updated_by.
func TestCampaignCohortsDataSource_fidelity(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	cohort := func(id, name, status, source, createdBy, createdAt, updatedAt string, result knownvalue.Check, updatedBy knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"cohort_id":   knownvalue.StringExact(id),
			"name":        knownvalue.StringExact(name),
			"status":      knownvalue.StringExact(status),
			"source_type": knownvalue.StringExact(source),
			"created_by":  knownvalue.StringExact(createdBy),
			"created_at":  knownvalue.StringExact(createdAt),
			"updated_at":  knownvalue.StringExact(updatedAt),
			"result":      result,
			"updated_by":  updatedBy,
		})
	}
	records := func(total, valid, rejected int64) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"total_records":    knownvalue.Int64Exact(total),
			"valid_records":    knownvalue.Int64Exact(valid),
			"rejected_records": knownvalue.Int64Exact(rejected),
		})
	}
	bot := knownvalue.StringExact("ops-bot")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + cohortsBlock(fakeapi.PolicyRenewalID, `sort_order = "asc"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("ids"), strs(fakeapi.RenewalCohortCompletedID, fakeapi.RenewalCohortFailedID, fakeapi.RenewalCohortProcessingID)),
				statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(3)),
				statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("cohorts"), knownvalue.ListExact([]knownvalue.Check{
					cohort(fakeapi.RenewalCohortCompletedID, "Motor renewals - December", "completed", "csv_upload", "ops-bot",
						"2026-11-20T08:05:00Z", "2026-11-20T08:09:12.500Z", records(480, 480, 0), bot),
					cohort(fakeapi.RenewalCohortFailedID, "Motor renewals - legacy import", "failed", "csv_upload", "anita.das@example.in",
						"2026-11-20T09:00:00Z", "2026-11-20T09:02:45Z", records(250, 180, 70), knownvalue.Null()),
					cohort(fakeapi.RenewalCohortProcessingID, "Motor renewals - late additions", "processing", "api", "ops-bot",
						"2026-11-21T10:30:00Z", "2026-11-21T10:30:00Z", knownvalue.Null(), bot),
				})),
			},
		}},
	})
}

// Every attribute of a fully populated cohort is set, in the list and read
// alone; the one read alone equals its entry in the list.
func TestCampaignCohortDataSource_fullyPopulated(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	var checks []statecheck.StateCheck
	for _, attr := range []string{"cohort_id", "name", "status", "source_type", "created_by", "created_at", "updated_at", "result", "updated_by"} {
		checks = append(checks, statecheck.CompareValuePairs(cohortAddr, tfjsonpath.New(attr), cohortsAddr, tfjsonpath.New("cohorts").AtSliceIndex(0).AtMapKey(attr), compareSame))
	}
	checks = append(checks,
		everyAttributeSet(cohortAddr),
		everyAttributeSet(cohortsAddr, "max_results"),
		statecheck.ExpectKnownValue(cohortAddr, tfjsonpath.New("status"), knownvalue.StringExact("completed")),
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            providerBlock(url) + cohortsBlock(fakeapi.PolicyRenewalID, `search = "Motor renewals - December"`) + cohortBlock(fakeapi.PolicyRenewalID, fakeapi.RenewalCohortCompletedID),
			ConfigStateChecks: checks,
		}},
	})
}

// A precondition that every cohort of a campaign is completed with no
// rejected records passes for one campaign and stops the plan for another;
// a campaign without cohorts gives empty lists.
func TestCampaignCohortsDataSource_gate(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	gate := func(campaignID string) string {
		return providerBlock(url) + cohortsBlock(campaignID) + `
resource "terraform_data" "rollout" {
  lifecycle {
    precondition {
      condition = alltrue([
        for c in data.sarvam_campaign_cohorts.test.cohorts :
        c.status == "completed" && try(c.result.rejected_records, 1) == 0
      ])
      error_message = "Not every cohort is completed without rejected records."
    }
  }
}
`
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: gate(fakeapi.LoanRemindersID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(fakeapi.LoanRemindersCohorts)),
					statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(fakeapi.LoanRemindersCohorts)),
				},
			},
			{
				Config: providerBlock(url) + cohortsBlock(fakeapi.LeadFollowupID),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("ids"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("cohorts"), knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(0)),
				},
			},
		},
	})
	expectFailure(t, gate(fakeapi.PolicyRenewalID), `Resource precondition failed.*Not every cohort is completed without rejected records`)
}

// Pages of cohorts: max_results = 5 of 12 reads the 5 oldest in one request
// for a page of 5, not a page of 100 cut short.
func TestCampaignCohortsDataSource_maxResults(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + cohortsBlock(fakeapi.LoanRemindersID, `max_results = 5`, `sort_order = "asc"`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("ids"),
					strs(fakeapi.LoanRemindersFirstCohort, "coh-emi-nov-02", "coh-emi-nov-03", "coh-emi-nov-04", "coh-emi-nov-05")),
				statecheck.ExpectKnownValue(cohortsAddr, tfjsonpath.New("total"), knownvalue.Int64Exact(fakeapi.LoanRemindersCohorts)),
			},
		}},
	})
	// Terraform reads on plan, apply and refresh; each read is one request.
	reqs := queriesTo(t, fake, "/campaigns/"+fakeapi.LoanRemindersID+"/cohorts")
	if len(reqs) == 0 {
		t.Fatal("no List Cohorts request")
	}
	for i, q := range reqs {
		if q.Get("limit") != "5" || q.Get("offset") != "0" {
			t.Fatalf("request %d: want limit=5 at offset 0, as max_results asks, got %v", i, q)
		}
	}
}

func TestCampaignCohortDataSources_errors(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	t.Run("cohorts of an unknown campaign", func(t *testing.T) {
		expectFailure(t, providerBlock(url)+cohortsBlock("MKN-Missing-00000000"),
			`Campaign not found.*the cohorts of campaign "MKN-Missing-00000000" in workspace "ws-collections" of org "org-acme-finance".*HTTP 404`, testKey)
	})
	t.Run("unknown cohort", func(t *testing.T) {
		expectFailure(t, providerBlock(url)+cohortBlock(fakeapi.PolicyRenewalID, "coh-missing"),
			`Cohort not found.*cohort "coh-missing" of campaign "`+fakeapi.PolicyRenewalID+`" in workspace "ws-collections" of org "org-acme-finance".*HTTP 404`, testKey)
	})
	t.Run("missing campaign_id", func(t *testing.T) {
		expectFailure(t, providerBlock(url)+"\ndata \"sarvam_campaign_cohorts\" \"test\" {}\n", `The argument "campaign_id" is required`)
	})
	t.Run("cohort without its id", func(t *testing.T) {
		fake.Inject(fakeapi.Fault{Status: 200, Body: `{"name": "x", "status": "completed"}`})
		expectFailure(t, providerBlock(url)+cohortBlock(fakeapi.PolicyRenewalID, fakeapi.RenewalCohortCompletedID),
			`Unexpected response from the Sarvam API.*cohort_id`, testKey)
	})
	t.Run("misbehaving pages", func(t *testing.T) {
		for i := range 150 {
			id := fmt.Sprintf("coh-bulk-%03d", i)
			fake.PutCohort(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LeadFollowupID, id, fmt.Appendf(nil,
				`{"name": "bulk %d", "cohort_id": %q, "status": "completed", "created_at": "2026-11-01T00:00:00Z", "updated_at": "2026-11-01T00:00:00Z"}`, i, id))
		}
		fake.SetListMode(fakeapi.ListRepeatPage)
		t.Cleanup(func() { fake.SetListMode(fakeapi.ListNormal) })
		expectFailure(t, providerBlock(url)+cohortsBlock(fakeapi.LeadFollowupID),
			`Sarvam API listing did not page correctly.*asked for the page at offset 100, got the page at offset 0`, testKey)
	})
}
