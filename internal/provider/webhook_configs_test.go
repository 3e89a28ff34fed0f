package provider

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

const webhooksAddr = "data.sarvam_webhook_configs.test"

func webhooksBlock(args ...string) string {
	return "\ndata \"sarvam_webhook_configs\" \"test\" {\n  " + strings.Join(args, "\n  ") + "\n}\n"
}

func expectWebhooks(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(webhooksAddr, tfjsonpath.New(attr), v)
}

// webhooksPath ends the path of List Webhook Configurations.
const webhooksPath = "/workspaces/" + fakeapi.WorkspaceID + "/webhooks"

// Every configuration of the workspace, newest first; each item equals a
// read of it by id, attribute for attribute, and custom_headers is as
// sensitive in the list as there.
func TestWebhookConfigsDataSource_all(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	var checks []statecheck.StateCheck
	for attr := range webhookConfigAttributes() {
		checks = append(checks, statecheck.CompareValuePairs(webhookAddr, tfjsonpath.New(attr), webhooksAddr, tfjsonpath.New("webhook_configs").AtSliceIndex(2).AtMapKey(attr), compareSame))
	}
	checks = append(checks,
		expectWebhooks("ids", strs(fakeapi.WebhookWithSecretID, fakeapi.WebhookNoHeadersID, fakeapi.WebhookWithHeadersID, fakeapi.WebhookCaseTwinID)),
		expectWebhooks("total", knownvalue.Int64Exact(4)),
		expectWebhooks("sort_by", knownvalue.StringExact("created_at")),
		expectWebhooks("sort_order", knownvalue.StringExact("desc")),
		expectWebhooks("workspace_id", knownvalue.StringExact(fakeapi.WorkspaceID)),
		statecheck.ExpectKnownValue(webhooksAddr, tfjsonpath.New("webhook_configs").AtSliceIndex(2).AtMapKey("custom_headers"), knownvalue.MapExact(map[string]knownvalue.Check{
			"Authorization": knownvalue.StringExact(fakeapi.WebhookAuthHeaderValue),
			"X-Team":        knownvalue.StringExact("collections"),
		})),
		statecheck.ExpectKnownValue(webhooksAddr, tfjsonpath.New("webhook_configs").AtSliceIndex(1).AtMapKey("custom_headers"), knownvalue.Null()),
		stateHasNo{fakeapi.WebhookSigningSecret, fakeapi.WebhookWithSecretID},
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            providerBlock(url) + webhooksBlock() + webhookBlock(fakeapi.WebhookWithHeadersID),
			ConfigStateChecks: checks,
		}},
	})
	q := queriesTo(t, fake, webhooksPath)[0]
	if q.Get("sort_by") != "created_at" || q.Get("sort_order") != "desc" || q.Get("limit") != "100" || q.Get("offset") != "0" || q.Has("search") {
		t.Fatalf("unexpected query %v", q)
	}
	expectFailure(t, providerBlock(url)+webhooksBlock()+`
output "headers" { value = data.sarvam_webhook_configs.test.webhook_configs[2].custom_headers }
`, `Output refers to sensitive values`)
}

// search, sort_by and sort_order are sent as given and shown in state; no
// match is empty lists.
func TestWebhookConfigsDataSource_searchAndSort(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + webhooksBlock(`search = "crm"`, `sort_order = "asc"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectWebhooks("ids", strs(fakeapi.WebhookCaseTwinID, fakeapi.WebhookWithHeadersID)),
					expectWebhooks("sort_order", knownvalue.StringExact("asc")),
					expectWebhooks("total", knownvalue.Int64Exact(2)),
				},
			},
			{
				Config: providerBlock(url) + webhooksBlock(`search = "no such hook"`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectWebhooks("ids", knownvalue.ListExact([]knownvalue.Check{})),
					expectWebhooks("webhook_configs", knownvalue.ListExact([]knownvalue.Check{})),
					expectWebhooks("total", knownvalue.Int64Exact(0)),
				},
			},
		},
	})
	q := queriesTo(t, fake, webhooksPath)[0]
	if q.Get("search") != "crm" || q.Get("sort_order") != "asc" || q.Get("sort_by") != "created_at" {
		t.Fatalf("unexpected query %v", q)
	}
}

// An API that reports no total, or adds fields to the envelope and the
// items, is read the same; total is null when none is reported.
func TestWebhookConfigsDataSource_tolerant(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		modes fakeapi.Modes
		total knownvalue.Check
	}{
		{"no total", fakeapi.Modes{Total: fakeapi.TotalOmitted}, knownvalue.Null()},
		{"total null", fakeapi.Modes{Total: fakeapi.TotalNull}, knownvalue.Null()},
		{"extra fields", fakeapi.Modes{ExtraFields: true}, knownvalue.Int64Exact(4)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			fake.SetModes(tc.modes)
			resource.UnitTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testProviders,
				Steps: []resource.TestStep{{
					Config: providerBlock(url) + webhooksBlock(),
					ConfigStateChecks: []statecheck.StateCheck{
						expectWebhooks("ids", strs(fakeapi.WebhookWithSecretID, fakeapi.WebhookNoHeadersID, fakeapi.WebhookWithHeadersID, fakeapi.WebhookCaseTwinID)),
						expectWebhooks("total", tc.total),
						statecheck.ExpectKnownValue(webhooksAddr, tfjsonpath.New("webhook_configs").AtSliceIndex(2).AtMapKey("url"), knownvalue.StringExact("https://crm.example.in/hooks/sarvam")),
					},
				}},
			})
		})
	}
}

// The API documents at most 5 configurations a workspace; 254 are read in
// full, a page of 100 at a time, and max_results stops early.
func TestWebhookConfigsDataSource_beyondDocumentedLimit(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	for i := range 250 {
		id := fmt.Sprintf("wh-bulk-%03d", i)
		fake.PutWebhook(fakeapi.OrgID, fakeapi.WorkspaceID, id, webhookBody(id, fmt.Sprintf("Bulk %03d", i), fmt.Sprintf("2026-12-01T00:%02d:%02dZ", i/60, i%60)))
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + webhooksBlock() + `
output "count" { value = length(data.sarvam_webhook_configs.test.ids) }
output "distinct" { value = length(distinct(data.sarvam_webhook_configs.test.ids)) }
output "first" { value = data.sarvam_webhook_configs.test.ids[0] }
output "last" { value = data.sarvam_webhook_configs.test.ids[253] }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(254)),
				statecheck.ExpectKnownOutputValue("distinct", knownvalue.Int64Exact(254)),
				statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact("wh-bulk-249")),
				statecheck.ExpectKnownOutputValue("last", knownvalue.StringExact(fakeapi.WebhookCaseTwinID)),
				expectWebhooks("total", knownvalue.Int64Exact(254)),
			},
		}},
	})
	if reads := len(queriesTo(t, fake, webhooksPath)); reads == 0 || reads%3 != 0 {
		t.Fatalf("want 3 requests per read of 254 configurations, got %d requests", reads)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + webhooksBlock(`max_results = 7`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(webhooksAddr, tfjsonpath.New("ids"), knownvalue.ListSizeExact(7)),
				expectWebhooks("total", knownvalue.Int64Exact(254)),
			},
		}},
	})
}

func TestWebhookConfigsDataSource_errors(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"items": [{"webhook_id": "wh-x", "name": "x", "url": "https://x.example", "created_at": "yesterday", "updated_at": "2026-01-01T00:00:00Z"}], "total": 1, "offset": 0, "next_page_uri": null}`})
	expectFailure(t, providerBlock(url)+webhooksBlock(), exact("Unexpected webhook configuration from the Sarvam API",
		`Reading the webhook configuration list in workspace "ws-collections" of org "org-acme-finance": the response was read, but a value in it could not be used: `+
			`webhook_configs[0].created_at: "yesterday" is not an RFC 3339 timestamp. Nothing was stored.`), testKey)
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"items": [{"name": "x", "url": "https://x.example"}], "total": 1, "offset": 0, "next_page_uri": null}`})
	expectFailure(t, providerBlock(url)+webhooksBlock(), `Unexpected response from the Sarvam API.*items\[0\]\.webhook_id`, testKey)
	fake.Inject(fakeapi.Fault{Status: 404, Body: `{"detail":"Not Found"}`})
	expectFailure(t, providerBlock(url)+webhooksBlock(),
		exact("Not found: check base_url first", `Reading the webhook configuration list in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 404 Not Found: Not Found. `+
			`The answer is what a server gives for a path it does not serve ({"detail": "Not Found"}, a page, or an empty or non-JSON body), not the API's word about the workspace, `+
			`so the request most likely reached no route of the scheduling API: base_url must end in /api/scheduling, as in https://apps.sarvam.ai/api/scheduling, and the provider appends /v1/orgs/… to it. `+
			`If base_url is right, the workspace was not found: check workspace_id, and that org_id and workspace_id ("ws-collections" of org "org-acme-finance") name the workspace it belongs to.`), testKey)
}
