package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func expectWebhook(attr string, v knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(webhookAddr, tfjsonpath.New(attr), v)
}

// Every attribute of the configuration with headers, whole; the one without
// headers has null custom_headers and updated_by.
func TestWebhookConfigDataSource_fidelity(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + webhookBlock(fakeapi.WebhookWithHeadersID),
				ConfigStateChecks: []statecheck.StateCheck{
					everyAttributeSet(webhookAddr),
					expectWebhook("webhook_id", knownvalue.StringExact(fakeapi.WebhookWithHeadersID)),
					expectWebhook("name", knownvalue.StringExact("CRM attempt updates")),
					expectWebhook("url", knownvalue.StringExact("https://crm.example.in/hooks/sarvam")),
					expectWebhook("custom_headers", knownvalue.MapExact(map[string]knownvalue.Check{
						"Authorization": knownvalue.StringExact(fakeapi.WebhookAuthHeaderValue),
						"X-Team":        knownvalue.StringExact("collections"),
					})),
					expectWebhook("created_by", knownvalue.StringExact("priya.raman@example.in")),
					expectWebhook("created_at", knownvalue.StringExact("2026-10-20T07:15:00Z")),
					expectWebhook("updated_at", knownvalue.StringExact("2026-10-25T12:00:00Z")),
					expectWebhook("updated_by", knownvalue.StringExact("arjun.mehta@example.in")),
					expectWebhook("org_id", knownvalue.StringExact(fakeapi.OrgID)),
					expectWebhook("workspace_id", knownvalue.StringExact(fakeapi.WorkspaceID)),
				},
			},
			{
				Config: providerBlock(url) + webhookBlock(fakeapi.WebhookNoHeadersID),
				ConfigStateChecks: []statecheck.StateCheck{
					expectWebhook("custom_headers", knownvalue.Null()),
					expectWebhook("updated_by", knownvalue.Null()),
					expectWebhook("url", knownvalue.StringExact("https://analytics.example.in/ingest")),
				},
			},
		},
	})
}

// A check block compares a campaign's webhook URL with the receiver this
// configuration deploys: it passes for the right URL, and warns, without
// stopping the plan, for another.
func TestWebhookConfigDataSource_checkBlock(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	config := func(receiver string) string {
		return providerBlock(url) + webhookBlock(fakeapi.WebhookWithHeadersID) + campaignBlock(fakeapi.LoanRemindersID) + fmt.Sprintf(`
check "webhook_receiver" {
  assert {
    condition     = data.sarvam_webhook_config.test.url == %q && data.sarvam_campaign.test.webhook_config.webhook_id == data.sarvam_webhook_config.test.webhook_id
    error_message = "The campaign posts to ${data.sarvam_webhook_config.test.url}, not to the receiver this configuration deploys."
  }
}
`, receiver)
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{Config: config("https://crm.example.in/hooks/sarvam")},
			// A failed check is a warning: the apply goes on.
			{Config: config("https://crm.example.in/hooks/other")},
		},
	})
}

// custom_headers is sensitive: an output that shows it without saying so is
// refused, and the signing secret a response may carry appears nowhere.
func TestWebhookConfigDataSource_secrets(t *testing.T) {
	fake, url := startFake(t)
	expectFailure(t, providerBlock(url)+webhookBlock(fakeapi.WebhookWithHeadersID)+`
output "headers" { value = data.sarvam_webhook_config.test.custom_headers }
`, `Output refers to sensitive values`)

	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{
			{
				Config: providerBlock(url) + webhookBlock(fakeapi.WebhookWithSecretID),
				ConfigStateChecks: []statecheck.StateCheck{
					stateHasNo{fakeapi.WebhookSigningSecret, fakeapi.WebhookWithSecretID},
					expectWebhook("custom_headers", knownvalue.MapExact(map[string]knownvalue.Check{"X-Team": knownvalue.StringExact("risk")})),
				},
			},
			{Config: providerBlock(url) + webhookBlock(fakeapi.WebhookWithHeadersID)},
		},
	})
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	if !strings.Contains(log, "Sarvam API response") || !strings.Contains(log, fakeapi.WebhookWithHeadersID) {
		t.Fatalf("the trace log holds no read of the webhook configurations; the check would prove nothing (%d bytes)", len(log))
	}
	for _, secret := range []string{fakeapi.WebhookSigningSecret, fakeapi.WebhookAuthHeaderValue, "whsec_LEAKCHECK"} {
		if i := strings.Index(log, secret); i >= 0 {
			t.Errorf("%q is in the trace log: …%s…", secret, log[max(0, i-200):min(len(log), i+50)])
		}
	}
	if len(fake.Requests()) == 0 {
		t.Fatal("no request reached the fake API")
	}
}

func TestWebhookConfigDataSource_errors(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	expectFailure(t, providerBlock(url)+webhookBlock("wh-missing"),
		`Webhook configuration not found.*webhook configuration "wh-missing" in workspace "ws-collections" of org "org-acme-finance".*HTTP 404`, testKey)
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"webhook_id": "wh-x", "name": "x", "url": "https://x.example", "custom_headers": ["not", "a", "map"]}`})
	expectFailure(t, providerBlock(url)+webhookBlock("wh-x"), `Unexpected response from the Sarvam API.*custom_headers`, testKey)
	expectFailure(t, providerBlock(url)+"\ndata \"sarvam_webhook_config\" \"test\" {\n  webhook_id = \"\"\n}\n", `Invalid webhook_id.*webhook_id must not be empty`)
}

// The campaign's own webhook_config is not sensitive, so credentials it might
// carry (its fields are not published) are left out of it, at any depth and
// in any case, while the rest stays readable.
func TestCampaignDataSource_webhookConfigWithholdsCredentials(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	var campaign map[string]any
	if err := json.Unmarshal([]byte(fake.Body(fakeapi.LoanRemindersID)), &campaign); err != nil {
		t.Fatal(err)
	}
	campaign["webhook_config"] = map[string]any{
		"webhook_id":     fakeapi.WebhookWithHeadersID,
		"custom_headers": map[string]any{"Authorization": fakeapi.WebhookAuthHeaderValue},
		"delivery":       map[string]any{"Signing_Secret": fakeapi.WebhookSigningSecret, "retries": 3},
	}
	body, err := json.Marshal(campaign)
	if err != nil {
		t.Fatal(err)
	}
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID, body)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.LoanRemindersID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("webhook_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"webhook_id": knownvalue.StringExact(fakeapi.WebhookWithHeadersID),
					"delivery":   knownvalue.ObjectExact(map[string]knownvalue.Check{"retries": knownvalue.Int64Exact(3)}),
				})),
				stateHasNo{fakeapi.WebhookAuthHeaderValue, fakeapi.LoanRemindersID},
				stateHasNo{fakeapi.WebhookSigningSecret, fakeapi.LoanRemindersID},
			},
		}},
	})
}
