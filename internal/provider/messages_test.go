package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Each diagnostic through Terraform, whole: what was asked, what came back
// and what to do, read as sentences.

const otherWorkspace = "ws-other"

func campaignsIn(workspace, extra string) string {
	return fmt.Sprintf(`
data "sarvam_campaigns" "test" {
  workspace_id = %q
  %s
}
`, workspace, extra)
}

// A wrong workspace_id on sarvam_campaigns is an error under either answer
// the API may give, never an empty list.
func TestMessages_foreignWorkspace(t *testing.T) {
	t.Parallel()
	t.Run("403", func(t *testing.T) {
		t.Parallel()
		_, url := startFake(t)
		expectFailure(t, providerBlock(url)+campaignsIn(otherWorkspace, ""), exact(summaryForeignKey,
			`Reading the campaign list in workspace "ws-other" of org "org-acme-finance": the API answered HTTP 403 Forbidden: `+
				`This API key does not have access to workspace ws-other of org org-acme-finance (code workspace_access_denied). `+
				`The key was accepted, but this key does not belong to workspace "ws-other" of org "org-acme-finance": a key belongs to one workspace. `+
				`Check workspace_id and org_id, or use a key of that workspace (api_key or SARVAM_API_KEY).`), testKey)
	})
	for _, tc := range []struct{ name, config, asked string }{
		{"404 on a list", campaignsIn(otherWorkspace, ""), `the campaign list in workspace "ws-other" of org "org-acme-finance"`},
		{"404 on a campaign", fmt.Sprintf(`
data "sarvam_campaign" "test" {
  workspace_id = %q
  campaign_id  = %q
}
`, otherWorkspace, fakeapi.LoanRemindersID), `campaign "` + fakeapi.LoanRemindersID + `" in workspace "ws-other" of org "org-acme-finance"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignNotFound})
			expectFailure(t, providerBlock(url)+tc.config, exact(summaryNoWorkspace,
				`Reading `+tc.asked+`: the API answered HTTP 404 Not Found: Workspace ws-other not found (code workspace_not_found). `+
					`Either workspace "ws-other" of org "org-acme-finance" does not exist, or this key does not belong to it: a key belongs to one workspace, `+
					`and the API may answer 404 for a workspace the key cannot read. `+
					`Check workspace_id and org_id, and that the key (api_key or SARVAM_API_KEY) is one of that workspace.`), testKey)
		})
	}
}

// One not-found case per data source that reads by id, whole, under each
// way the API may answer a missing object: only the answer no route of the
// API gives points at base_url first.
func TestMessages_notFound(t *testing.T) {
	t.Parallel()
	in := `in workspace "ws-collections" of org "org-acme-finance"`
	scope := `Check %s, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`
	routeMiss := `The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the %[1]s, ` +
		`so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. ` +
		`If base_url is right, the %[1]s was not found: check %[2]s, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`
	cohortChecks := "cohort_id and campaign_id (the API answers 404 when either does not exist)"
	for _, tc := range []struct {
		name, config, summary, asked, kind, checks string
		// documented and detail are the API's message under MissingDocumented
		// and MissingDetail.
		documented, detail string
	}{
		{"sarvam_campaign", campaignBlock("no-such-campaign"), "Campaign not found",
			`campaign "no-such-campaign" ` + in, "campaign", "campaign_id",
			"Campaign no-such-campaign not found (code campaign_not_found)", "Campaign not found"},
		{"sarvam_campaign_cohort", fmt.Sprintf(`
data "sarvam_campaign_cohort" "test" {
  campaign_id = %q
  cohort_id   = "no-such-cohort"
}
`, fakeapi.PolicyRenewalID), "Cohort not found",
			`cohort "no-such-cohort" of campaign "` + fakeapi.PolicyRenewalID + `" ` + in, "cohort", cohortChecks,
			"Cohort no-such-cohort not found (code cohort_not_found)", "Cohort not found"},
		{"sarvam_campaign_cohorts", `
data "sarvam_campaign_cohorts" "test" {
  campaign_id = "no-such-campaign"
}
`, "Campaign not found",
			`the cohorts of campaign "no-such-campaign" ` + in, "campaign", "campaign_id",
			"Campaign no-such-campaign not found (code campaign_not_found)", "Campaign not found"},
		{"sarvam_webhook_config", `
data "sarvam_webhook_config" "test" {
  webhook_id = "no-such-webhook"
}
`, "Webhook configuration not found",
			`webhook configuration "no-such-webhook" ` + in, "webhook configuration", "webhook_id",
			"Webhook configuration no-such-webhook not found (code webhook_not_found)", "Webhook configuration not found"},
	} {
		reading := `Reading ` + tc.asked + `: the API answered HTTP 404 Not Found: `
		for _, m := range []struct {
			name            string
			mode            fakeapi.MissingMode
			summary, detail string
		}{
			{"documented", fakeapi.MissingDocumented, tc.summary, reading + tc.documented + ". " + fmt.Sprintf(scope, tc.checks)},
			{"detail", fakeapi.MissingDetail, tc.summary, reading + tc.detail + ". " + fmt.Sprintf(scope, tc.checks)},
			{"bare", fakeapi.MissingBare, summaryNotTheAPI, reading + "Not Found. " + fmt.Sprintf(routeMiss, tc.kind, tc.checks)},
		} {
			t.Run(tc.name+"/"+m.name, func(t *testing.T) {
				t.Parallel()
				fake, url := startFake(t)
				fake.SetModes(fakeapi.Modes{Missing: m.mode})
				forbidden := []string{testKey}
				if m.mode != fakeapi.MissingBare {
					forbidden = append(forbidden, "base_url")
				}
				expectFailure(t, providerBlock(url)+tc.config, exact(m.summary, m.detail), forbidden...)
			})
		}
	}
}

// A 404 whose body is neither the API's nor a router's is weak evidence:
// the object first, then base_url, through Terraform, whole.
func TestMessages_notFoundUnclear(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 404, Body: `{"message":"Resource missing"}`})
	expectFailure(t, providerBlock(url)+campaignBlock("no-such-campaign"), exact("Campaign not found",
		`Reading campaign "no-such-campaign" in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 404 Not Found: Resource missing. `+
			`Check campaign_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to. `+
			`The answer is not in a shape the API is known to use ({"error": {…}} or {"detail": "…"}), so the request may also have reached no route of the scheduling API: `+
			`base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it.`), testKey, "check base_url first")
}

// A 422 that names a query parameter is an error on the argument sent as it.
func TestMessages_argumentRefused(t *testing.T) {
	t.Parallel()
	asked := `Reading the campaign list in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 422 Unprocessable Entity: `
	t.Run("status", func(t *testing.T) {
		t.Parallel()
		fake, url := startFake(t)
		fake.SetModes(fakeapi.Modes{UnknownStatus: fakeapi.UnknownStatusRejected})
		expectFailure(t, providerBlock(url)+campaignsIn(fakeapi.WorkspaceID, `status = "running"`), exact(summaryArgumentRefused,
			asked+`Invalid query parameters: campaign_status: Input should be 'scheduled', 'active', 'paused', 'ended' or 'cancelled', got "running" (code validation_error). `+
				`The API refused the value of status (its query parameter campaign_status). Use one of the documented statuses: scheduled, active, paused, ended, cancelled.`), testKey)
	})
	t.Run("sort_by", func(t *testing.T) {
		t.Parallel()
		_, url := startFake(t)
		expectFailure(t, providerBlock(url)+campaignsIn(fakeapi.WorkspaceID, `sort_by = "priority"`), exact(summaryArgumentRefused,
			asked+`Invalid query parameters: sort_by: Input should be 'created_at', 'name' or 'updated_at', got "priority" (code validation_error). `+
				`The API refused the value of sort_by (its query parameter sort_by). `+
				`Use a field the API sorts by: created_at, the documented default; name and updated_at are likely but not documented.`), testKey)
	})
}

// status outside the documented ones warns, naming them, and reads anyway.
func TestMessages_undocumentedStatusWarns(t *testing.T) {
	_, url := startFake(t)
	c, err := client.New(client.Config{BaseURL: url, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	ds, _ := newCampaignsDataSource().(*listDataSource[campaignsModel, *campaignsModel, client.CampaignSummary])
	ds.data = &providerData{client: c, apiKey: testKey, orgID: fakeapi.OrgID, workspaceID: fakeapi.WorkspaceID}
	for _, status := range []string{"running", "Active"} {
		req, resp := readRequestWith(t, ctx, ds, map[string]tftypes.Value{"status": tftypes.NewValue(tftypes.String, status)})
		ds.Read(ctx, req, resp)
		if resp.Diagnostics.HasError() || len(resp.Diagnostics) != 1 {
			t.Fatalf("status %q: want one warning, got %v", status, resp.Diagnostics)
		}
		d := resp.Diagnostics[0]
		want := fmt.Sprintf(`status = %q is not one of the statuses the API documents: scheduled, active, paused, ended, cancelled (lower case). `+
			`The list was read anyway; the API matches the value as given, which usually matches no campaign, `+
			`so an empty list does not mean that the workspace has no campaigns.`, status)
		if d.Summary() != "Campaign status not documented" || d.Detail() != want {
			t.Fatalf("got %q: %s\nwant %s", d.Summary(), d.Detail(), want)
		}
		var m campaignsModel
		resp.Diagnostics.Append(resp.State.Get(ctx, &m)...)
		if m.Total.ValueInt64() != 0 || len(m.IDs) != 0 {
			t.Fatalf("status %q: want an empty list read, got total %v, ids %v", status, m.Total, m.IDs)
		}
	}
	req, resp := readRequestWith(t, ctx, ds, map[string]tftypes.Value{"status": tftypes.NewValue(tftypes.String, "ended")})
	ds.Read(ctx, req, resp)
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("a documented status: want no diagnostic, got %v", resp.Diagnostics)
	}
}
