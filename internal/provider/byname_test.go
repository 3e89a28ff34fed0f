package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// lookup is one data source that reads an item by id or by name, with the
// demo data it is tested on. Every by-name test runs for each of them, so
// that the three share their rules and messages as they share the code.
type lookup struct {
	dataSource string
	newDS      func() datasource.DataSource
	idAttr     string
	// kind and kinds name one item and several, as messages do.
	kind, kinds string
	// args are the arguments besides the id or name, such as campaign_id.
	args string
	// listPath ends the path of the list the name is searched in.
	listPath string
	// one is a name exactly one item has; oneID is its id.
	one, oneID string
	// caseMiss differs from the names of the items nearMisses describes
	// only in case; none has it exactly.
	caseMiss   string
	nearMisses []string
	// share makes two items share a name, and returns it and the lines
	// that describe the two, in list order.
	share func(*fakeapi.Server) (string, []string)
	// bury adds 150 items created after the one named one, whose names
	// contain it, so that a search for it finds that one on the second page.
	bury func(*fakeapi.Server)
	// in is where a message says the items were looked for.
	in string
	// none is the sentence that follows a name no item has.
	none string
}

const inHome = `in workspace "ws-collections" of org "org-acme-finance"`

func lookups() []lookup {
	return []lookup{
		{
			dataSource: "sarvam_campaign", newDS: newCampaignDataSource, idAttr: "campaign_id", kind: "campaign", kinds: "campaigns", listPath: "/workspaces/" + fakeapi.WorkspaceID + "/campaigns",
			one: "Loan EMI reminders - November", oneID: fakeapi.LoanRemindersID,
			caseMiss:   "RENEWALS",
			nearMisses: []string{`"Renewals": campaign_id "` + fakeapi.RenewalsID + `", status "ended"`},
			share: func(*fakeapi.Server) (string, []string) {
				return "Renewals Q3", []string{
					`"Renewals Q3": campaign_id "` + fakeapi.RenewalsQ3ActiveID + `", status "active"`,
					`"Renewals Q3": campaign_id "` + fakeapi.RenewalsQ3PausedID + `", status "paused"`,
				}
			},
			bury: func(f *fakeapi.Server) { f.AddCampaigns(150, "Loan EMI reminders - November") },
			in:   inHome,
			none: "To see which campaigns exist, read the sarvam_campaigns data source, with search set to part of the name.",
		},
		{
			dataSource: "sarvam_webhook_config", newDS: newWebhookConfigDataSource, idAttr: "webhook_id", kind: "webhook configuration", kinds: "webhook configurations", listPath: "/workspaces/" + fakeapi.WorkspaceID + "/webhooks",
			// Another configuration is named "CRM Attempt Updates".
			one: "CRM attempt updates", oneID: fakeapi.WebhookWithHeadersID,
			caseMiss: "crm attempt updates",
			nearMisses: []string{
				`"CRM attempt updates": webhook_id "` + fakeapi.WebhookWithHeadersID + `", url "https://crm.example.in/hooks/sarvam"`,
				`"CRM Attempt Updates": webhook_id "` + fakeapi.WebhookCaseTwinID + `", url "https://crm-legacy.example.in/hooks/sarvam"`,
			},
			share: func(f *fakeapi.Server) (string, []string) {
				f.PutWebhook(fakeapi.OrgID, fakeapi.WorkspaceID, "wh-analytics-copy", webhookBody("wh-analytics-copy", "Analytics sink", "2026-11-15T00:00:00Z"))
				return "Analytics sink", []string{
					`"Analytics sink": webhook_id "wh-analytics-copy", url "https://hooks.example.in/wh-analytics-copy"`,
					`"Analytics sink": webhook_id "` + fakeapi.WebhookNoHeadersID + `", url "https://analytics.example.in/ingest"`,
				}
			},
			bury: func(f *fakeapi.Server) {
				for i := range 150 {
					id := fmt.Sprintf("wh-bulk-%03d", i)
					f.PutWebhook(fakeapi.OrgID, fakeapi.WorkspaceID, id, webhookBody(id, fmt.Sprintf("CRM attempt updates %03d", i), "2026-11-25T00:00:00Z"))
				}
			},
			in:   inHome,
			none: "To see which webhook configurations exist, read the sarvam_webhook_configs data source, with search set to part of the name.",
		},
		{
			dataSource: "sarvam_campaign_cohort", newDS: newCampaignCohortDataSource, idAttr: "cohort_id", kind: "cohort", kinds: "cohorts", listPath: "/campaigns/" + fakeapi.PolicyRenewalID + "/cohorts",
			args: fmt.Sprintf("campaign_id = %q", fakeapi.PolicyRenewalID),
			one:  "Motor renewals - December", oneID: fakeapi.RenewalCohortCompletedID,
			caseMiss:   "MOTOR RENEWALS - DECEMBER",
			nearMisses: []string{`"Motor renewals - December": cohort_id "` + fakeapi.RenewalCohortCompletedID + `", status "completed"`},
			share: func(f *fakeapi.Server) (string, []string) {
				f.PutCohort(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.PolicyRenewalID, "coh-rnw-copy", cohortBody("coh-rnw-copy", "Motor renewals - legacy import", "2026-11-25T00:00:00Z"))
				return "Motor renewals - legacy import", []string{
					`"Motor renewals - legacy import": cohort_id "coh-rnw-copy", status "completed"`,
					`"Motor renewals - legacy import": cohort_id "` + fakeapi.RenewalCohortFailedID + `", status "failed"`,
				}
			},
			bury: func(f *fakeapi.Server) {
				for i := range 150 {
					id := fmt.Sprintf("coh-bulk-%03d", i)
					f.PutCohort(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.PolicyRenewalID, id, cohortBody(id, fmt.Sprintf("Motor renewals - December %03d", i), "2026-11-25T00:00:00Z"))
				}
			},
			in: fmt.Sprintf(`of campaign %q %s`, fakeapi.PolicyRenewalID, inHome),
			none: fmt.Sprintf("To see which cohorts exist, read the sarvam_campaign_cohorts data source for campaign_id %q, with search set to part of the name.",
				fakeapi.PolicyRenewalID),
		},
	}
}

func cohortBody(id, name, created string) []byte {
	return fmt.Appendf(nil, `{"name":%q,"cohort_id":%q,"status":"completed","source_type":"api","created_by":"ops-bot","created_at":%q,"updated_at":%q,`+
		`"result":{"total_records":1,"valid_records":1,"rejected_records":0},"updated_by":null}`, name, id, created, created)
}

// block is the data source, labelled label, that reads by the given
// argument (idAttr or "name").
func (l lookup) block(label, arg, value string) string {
	return fmt.Sprintf("\ndata %q %q {\n  %s\n  %s = %q\n}\n", l.dataSource, label, l.args, arg, value)
}

// requireSearchedFirst fails unless the first list request the fake saw
// searched for name.
func (l lookup) requireSearchedFirst(t *testing.T, fake *fakeapi.Server, name string) {
	t.Helper()
	var searches []string
	for _, q := range queriesTo(t, fake, l.listPath) {
		searches = append(searches, q.Get("search"))
	}
	if len(searches) == 0 || searches[0] != name {
		t.Fatalf("want the name %q sent as search first, got searches %q", name, searches)
	}
}

// wholeError is an expectFailure pattern for one error on the data source's
// name argument: its summary, then its whole detail, which ends the output.
// Terraform wraps the detail, so any white space matches any white space.
func wholeError(summary, detail string) string {
	quote := func(s string) string { return strings.Join(strings.Fields(regexp.QuoteMeta(s)), " ") }
	return "Error: " + quote(summary) + ` with [^\n]*\n on [^\n]*\n \d+: [^\n]*\n ` + quote(detail) + `\s*$`
}

var searchModes = []struct {
	name string
	mode fakeapi.SearchMode
}{
	{"substring in any case", fakeapi.SearchFoldSubstring},
	{"substring in the same case", fakeapi.SearchSubstring},
	{"exact", fakeapi.SearchExact},
	{"prefix in any case", fakeapi.SearchFoldPrefix},
	{"search ignored", fakeapi.SearchIgnored},
}

// One match, however the API's search matches, reads the same item as a
// read by its id, attribute for attribute; the name is sent as search.
func TestByName_oneMatch(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		for _, sm := range searchModes {
			t.Run(l.dataSource+"/"+sm.name, func(t *testing.T) {
				t.Parallel()
				fake, url := startFake(t)
				fake.SetModes(fakeapi.Modes{Search: sm.mode})
				var checks []statecheck.StateCheck
				for attr := range schemaOf(l.newDS()).Attributes {
					checks = append(checks, statecheck.CompareValuePairs("data."+l.dataSource+".by_id", tfjsonpath.New(attr), "data."+l.dataSource+".by_name", tfjsonpath.New(attr), compareSame))
				}
				checks = append(checks, statecheck.ExpectKnownValue("data."+l.dataSource+".by_name", tfjsonpath.New(l.idAttr), knownvalue.StringExact(l.oneID)))
				resource.UnitTest(t, resource.TestCase{
					ProtoV6ProviderFactories: testProviders,
					Steps: []resource.TestStep{{
						Config:            providerBlock(url) + l.block("by_id", l.idAttr, l.oneID) + l.block("by_name", "name", l.one),
						ConfigStateChecks: checks,
					}},
				})
				l.requireSearchedFirst(t, fake, l.one)
			})
		}
	}
}

// The one exact match is on the second page of what the search finds.
func TestByName_laterPage(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		t.Run(l.dataSource, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			l.bury(fake)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(url) + l.block("test", "name", l.one),
					ConfigStateChecks: []statecheck.StateCheck{
						statecheck.ExpectKnownValue("data."+l.dataSource+".test", tfjsonpath.New(l.idAttr), knownvalue.StringExact(l.oneID)),
						statecheck.ExpectKnownValue("data."+l.dataSource+".test", tfjsonpath.New("name"), knownvalue.StringExact(l.one)),
					},
				}},
			})
			var second bool
			for _, q := range queriesTo(t, fake, l.listPath) {
				second = second || (q.Get("offset") == "100" && q.Get("search") == l.one)
			}
			if !second {
				t.Fatal("the second page of the search was never read")
			}
		})
	}
}

// A name no item has, in any case, is an error that says where to look.
func TestByName_none(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		t.Run(l.dataSource, func(t *testing.T) {
			t.Parallel()
			_, url := startFake(t)
			expectFailure(t, providerBlock(url)+l.block("test", "name", "Nothing like it"),
				wholeError(capitalize(l.kind)+" not found",
					fmt.Sprintf(`No %s %s is named exactly "Nothing like it" (names are matched case-sensitively). %s`, l.kind, l.in, l.none)))
		})
	}
}

// A name that differs only in case from items' names lists them, however
// the API's search matches: when its search is case-sensitive or exact and
// finds nothing, the whole list is read for them.
func TestByName_caseOnlyNearMiss(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		for _, sm := range searchModes {
			t.Run(l.dataSource+"/"+sm.name, func(t *testing.T) {
				t.Parallel()
				fake, url := startFake(t)
				fake.SetModes(fakeapi.Modes{Search: sm.mode})
				kind, kinds := l.kind, l.kinds
				expectFailure(t, providerBlock(url)+l.block("test", "name", l.caseMiss),
					wholeError(capitalize(kind)+" not found",
						fmt.Sprintf("No %s %s is named exactly %q (names are matched case-sensitively). %s whose names differ only in case:\n  - %s\nUse the exact name, or %s. %s",
							kind, l.in, l.caseMiss, capitalize(kinds), strings.Join(l.nearMisses, "\n  - "), l.idAttr, l.none)))
				l.requireSearchedFirst(t, fake, l.caseMiss)
			})
		}
	}
}

// Several items with the name are an error that lists each id.
func TestByName_several(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		t.Run(l.dataSource, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			name, lines := l.share(fake)
			expectFailure(t, providerBlock(url)+l.block("test", "name", name),
				wholeError("Several "+l.kinds+" have this name",
					fmt.Sprintf("2 %s %s are named %q; the API does not keep names unique.\n  - %s\nSet %s to the one to read instead of name.",
						l.kinds, l.in, name, strings.Join(lines, "\n  - "), l.idAttr)))
		})
	}
}

// Both the id and the name, or neither, is refused before any request.
func TestByName_exactlyOne(t *testing.T) {
	t.Parallel()
	for _, l := range lookups() {
		t.Run(l.dataSource, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			both := fmt.Sprintf("\ndata %q \"test\" {\n  %s\n  %s = %q\n  name = %q\n}\n", l.dataSource, l.args, l.idAttr, l.oneID, l.one)
			expectFailure(t, providerBlock(url)+both, `Invalid Attribute Combination.*Exactly one of these attributes must be configured: \[`+l.idAttr+`,name\]`)
			neither := fmt.Sprintf("\ndata %q \"test\" {\n  %s\n}\n", l.dataSource, l.args)
			expectFailure(t, providerBlock(url)+neither, `Missing Attribute Configuration.*Exactly one of these attributes must be configured: \[`+l.idAttr+`,name\]`)
			if n := len(fake.Requests()); n != 0 {
				t.Fatalf("%d requests reached the API", n)
			}
		})
	}
}

// A list that fails fails the lookup with the list's own diagnostic, which
// says what was asked: for a cohort, a campaign that does not exist is a 404
// on campaign_id.
func TestByName_listFails(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	expectFailure(t, providerBlock(url)+"\ndata \"sarvam_campaign_cohort\" \"test\" {\n  campaign_id = \"no-such-campaign\"\n  name = \"x\"\n}\n",
		`Campaign not found.*campaign_id = "no-such-campaign".*the cohorts named "x" of campaign "no-such-campaign" in workspace "ws-collections" of org "org-acme-finance".*HTTP 404`)
	fake.Inject(fakeapi.Fault{Status: 400, Body: `{"error":{"message":"bad search","type":"invalid_request_error"}}`})
	expectFailure(t, providerBlock(url)+"\ndata \"sarvam_webhook_config\" \"test\" {\n  name = \"x\"\n}\n",
		`Sarvam API error.*Reading the webhook configurations named "x" in workspace "ws-collections" of org "org-acme-finance": .*HTTP 400`)
}
