package provider

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

const listAddr = "data.sarvam_campaigns.test"

func campaignsBlock(args ...string) string {
	return "\ndata \"sarvam_campaigns\" \"test\" {\n  " + strings.Join(args, "\n  ") + "\n}\n"
}

func expectList(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(listAddr, tfjsonpath.New(attr), v)
}

// listRequests returns the query of each List Campaigns request the fake saw.
func listRequests(t *testing.T, fake *fakeapi.Server) []url.Values {
	t.Helper()
	return queriesTo(t, fake, "/workspaces/"+fakeapi.WorkspaceID+"/campaigns")
}

// Every campaign of the workspace, newest first, each as the API lists it:
// the fully populated one leaves no attribute null, and its summary holds
// exactly the 11 documented fields.
func TestCampaignsDataSource_all(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignsBlock(),
			ConfigStateChecks: []statecheck.StateCheck{
				// Two campaigns created at the same moment are ordered by id.
				expectList("ids", strs(fakeapi.PolicyRenewalID, fakeapi.LoanRemindersID, fakeapi.RenewalsQ3ActiveID, fakeapi.RenewalsQ3PausedID,
					fakeapi.LeadFollowupID, fakeapi.RenewalsID, fakeapi.SeedExampleID)),
				expectList("total", knownvalue.Int64Exact(7)),
				expectList("sort_by", knownvalue.StringExact("created_at")),
				expectList("sort_order", knownvalue.StringExact("desc")),
				expectList("org_id", knownvalue.StringExact(fakeapi.OrgID)),
				statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("campaigns").AtSliceIndex(1), knownvalue.ObjectExact(loanRemindersSummary())),
				// The sparse campaign's summary keeps its nulls.
				statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("campaigns").AtSliceIndex(0).AtMapKey("description"), knownvalue.Null()),
				statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("campaigns").AtSliceIndex(0).AtMapKey("created_at"), knownvalue.StringExact("2026-11-20T08:00:00Z")),
			},
		}},
	})
	reqs := listRequests(t, fake)
	if len(reqs) == 0 {
		t.Fatal("no List Campaigns request")
	}
	q := reqs[0]
	if q.Get("sort_by") != "created_at" || q.Get("sort_order") != "desc" || q.Get("limit") != "100" || q.Get("offset") != "0" || q.Has("campaign_status") || q.Has("search") {
		t.Fatalf("unexpected query %v: the sort is always sent, pages are 100, and unset filters are not sent", q)
	}
}

// A filtered list of the fully populated campaign leaves nothing null but
// the arguments left unset.
func TestCampaignsDataSource_fullyPopulatedItem(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignsBlock(`search = "Loan EMI"`),
			ConfigStateChecks: []statecheck.StateCheck{
				everyAttributeSet(listAddr, "status", "max_results"),
				expectList("ids", strs(fakeapi.LoanRemindersID)),
			},
		}},
	})
}

func TestCampaignsDataSource_filtersAndSort(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + campaignsBlock(`status = "active"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectList("ids", strs(fakeapi.RenewalsQ3ActiveID)),
					expectList("total", knownvalue.Int64Exact(1)),
				},
			},
			{
				Config: providerBlock(url) + campaignsBlock(`search = "renewals"`, `sort_by = "name"`, `sort_order = "asc"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectList("ids", strs(fakeapi.PolicyRenewalID, fakeapi.RenewalsID, fakeapi.RenewalsQ3ActiveID, fakeapi.RenewalsQ3PausedID)),
					expectList("sort_by", knownvalue.StringExact("name")),
				},
			},
			{
				// No match is not an error.
				Config: providerBlock(url) + campaignsBlock(`search = "no such campaign"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectList("ids", knownvalue.ListExact([]knownvalue.Check{})),
					expectList("campaigns", knownvalue.ListExact([]knownvalue.Check{})),
					expectList("total", knownvalue.Int64Exact(0)),
				},
			},
		},
	})
	var sawStatus, sawSearch bool
	for _, q := range listRequests(t, fake) {
		sawStatus = sawStatus || q.Get("campaign_status") == "active"
		sawSearch = sawSearch || (q.Get("search") == "renewals" && q.Get("sort_by") == "name" && q.Get("sort_order") == "asc")
	}
	if !sawStatus || !sawSearch {
		t.Fatalf("status was not sent as campaign_status, or search and sort not as given: %v", listRequests(t, fake))
	}
}

// 257 campaigns are read in ceil(257/100) = 3 requests per read, and
// max_results stops early.
func TestCampaignsDataSource_pages(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	added := fake.AddCampaigns(250, "Bulk")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignsBlock() + `
output "count" { value = length(data.sarvam_campaigns.test.ids) }
output "distinct" { value = length(distinct(data.sarvam_campaigns.test.ids)) }
output "first" { value = data.sarvam_campaigns.test.ids[0] }
output "last" { value = data.sarvam_campaigns.test.ids[256] }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(257)),
				statecheck.ExpectKnownOutputValue("distinct", knownvalue.Int64Exact(257)),
				statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact(added[len(added)-1])),
				statecheck.ExpectKnownOutputValue("last", knownvalue.StringExact(fakeapi.SeedExampleID)),
				expectList("total", knownvalue.Int64Exact(257)),
			},
		}},
	})
	reads := len(listRequests(t, fake))
	// The step reads the list on plan, apply and refresh; every read costs
	// exactly three requests.
	if reads == 0 || reads%3 != 0 {
		t.Fatalf("want 3 requests per read of 257 campaigns, got %d requests", reads)
	}

	fake2, url2 := startFake(t)
	fake2.AddCampaigns(250, "Bulk")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url2) + campaignsBlock(`max_results = 120`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(listAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(120)),
				expectList("total", knownvalue.Int64Exact(257)),
				expectList("max_results", knownvalue.Int64Exact(120)),
			},
		}},
	})
	for _, q := range listRequests(t, fake2) {
		if q.Get("offset") == "200" {
			t.Fatalf("max_results = 120 read a third page: %v", q)
		}
	}
}

// A server that misbehaves while paging ends the read with an error that
// says what it did: never a loop, never a silently cut list.
func TestCampaignsDataSource_misbehavingPages(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name string
		mode fakeapi.ListMode
		want string
	}{
		{"same page again", fakeapi.ListRepeatPage, `asked for the page at offset 100, got the page at offset 0`},
		{"offset ignored", fakeapi.ListIgnoreOffset, `page at offset 100 returned the same items as offset 0`},
		{"total keeps growing", fakeapi.ListGrowingTotal, `the list changed while it was read \(the total went from \d+ to \d+ at the page at offset 100\), and again when read once more from the start \(the total went from \d+ to \d+ at the page at offset 100\); a retry usually helps once the list stops changing`},
		{"endless pages", fakeapi.ListEndless, `the list changed while it was read \(the total went from \d+ to \d+ at the page at offset 100\), and again when read once more from the start \(the total went from \d+ to \d+ at the page at offset 100\); a retry usually helps once the list stops changing`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			fake.AddCampaigns(350, "Bulk")
			fake.SetListMode(tc.mode)
			expectFailure(t, providerBlock(url)+campaignsBlock(), `Sarvam API listing did not page correctly.*Reading the campaign list in workspace "ws-collections" of org "org-acme-finance": List Campaigns: the API's pages do not add up to one list: `+tc.want+`.*Nothing was stored`, testKey)
		})
	}
}

// A campaign created while the list is read shifts the pages, and changes
// the total. The fake adds a campaign ahead of the others after each page
// it serves, so every read sees the list change: the read is made once more
// from the start, and fails saying what changed both times rather than
// returning a list with one campaign twice or one left out.
func TestCampaignsDataSource_shiftedPagesFail(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.AddCampaigns(150, "Bulk")
	fake.SetListMode(fakeapi.ListShift)
	expectFailure(t, providerBlock(url)+campaignsBlock(`search = "Bulk"`), exact("Sarvam API listing did not page correctly",
		`Reading the campaign list in workspace "ws-collections" of org "org-acme-finance": List Campaigns: the API's pages do not add up to one list: `+
			`the list changed while it was read (the total went from 150 to 151 at the page at offset 100), `+
			`and again when read once more from the start (the total went from 152 to 153 at the page at offset 100); `+
			`a retry usually helps once the list stops changing; no partial list is returned. Nothing was stored.`), testKey)
	// Each read asks for the page at offset 0, then the one at offset 100,
	// and no more: two reads, four requests.
	reqs := listRequests(t, fake)
	if len(reqs) != 4 {
		t.Fatalf("want 4 requests, got %d: %v", len(reqs), reqs)
	}
	for i, q := range reqs {
		if want := strconv.Itoa(i % 2 * 100); q.Get("offset") != want || q.Get("limit") != "100" {
			t.Fatalf("request %d: want offset %s and limit 100, got %v", i, want, q)
		}
	}
}

func TestCampaignsDataSource_invalidArguments(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	for _, tc := range []struct{ arg, want string }{
		{`max_results = 0`, `Invalid max_results.*max_results must be a whole number, 1 or more, got 0`},
		{`max_results = 2.5`, `Invalid max_results.*max_results must be a whole number, 1 or more, got 2.5`},
		{`sort_order = "up"`, `Invalid Attribute Value Match.*sort_order value must be one of: \["asc" "desc"\], got: "up"`},
		{`sort_by = ""`, `sort_by string length must be at least 1`},
	} {
		t.Run(tc.arg, func(t *testing.T) {
			expectFailure(t, providerBlock(url)+campaignsBlock(tc.arg), tc.want)
		})
	}
}

func TestCampaignsDataSource_errors(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 404, Body: `{"detail":"Not Found"}`})
	expectFailure(t, providerBlock(url)+campaignsBlock(),
		exact("Not found: check base_url first", `Reading the campaign list in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 404 Not Found: Not Found. `+
			`The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the workspace, `+
			`so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. `+
			`If base_url is right, the workspace was not found: check workspace_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`), testKey)
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"items": [{"name": "x"}], "total": 1, "limit": 100, "offset": 0, "next_page_uri": null}`})
	expectFailure(t, providerBlock(url)+campaignsBlock(), `Unexpected response from the Sarvam API.*items\[0\]\.campaign_id`, testKey)
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"items": [{"name": "x", "campaign_id": "c", "status": "active", "created_at": "last week"}], "total": 1, "limit": 100, "offset": 0, "next_page_uri": null}`})
	expectFailure(t, providerBlock(url)+campaignsBlock(), exact("Unexpected campaign from the Sarvam API",
		`Reading the campaign list in workspace "ws-collections" of org "org-acme-finance": the response was read, but a value in it could not be used: `+
			`campaigns[0].created_at: "last week" is not an RFC 3339 timestamp`), testKey)
}
