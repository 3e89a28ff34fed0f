package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// Ten thousand phone numbers and metadata nested forty deep go through
// Terraform into state intact.
func TestCampaignDataSource_largeCampaign(t *testing.T) {
	fake, url := startFake(t)
	numbers := make([]string, 10000)
	for i := range numbers {
		numbers[i] = fmt.Sprintf("+9180%08d", i)
	}
	var deep any = map[string]any{"leaf": "bottom", "n": 40}
	for i := 39; i >= 1; i-- {
		deep = map[string]any{"next": deep, "n": i}
	}
	body, err := json.Marshal(map[string]any{
		"campaign_id": "MKN-Large-1", "name": "Large", "status": "active", "allowed_schedule": map[string]any{},
		"app_config": map[string]any{
			"connection_configs": []any{map[string]any{"connection_id": "c1", "phone_numbers": numbers, "weight": 1}},
			"webhook_config":     map[string]any{"url": "https://hooks.example.in/x", "metadata": deep},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Large-1", body)
	path := "data.sarvam_campaign.test.app_config.webhook_config.metadata" + strings.Repeat(".next", 39)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock("MKN-Large-1") + `
output "count" { value = length(data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers) }
output "first" { value = data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers[0] }
output "last"  { value = data.sarvam_campaign.test.app_config.connection_configs[0].phone_numbers[9999] }
output "leaf"  { value = "${` + path + `.leaf}/${` + path + `.n}" }
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(10000)),
				statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact("+918000000000")),
				statecheck.ExpectKnownOutputValue("last", knownvalue.StringExact("+918000009999")),
				statecheck.ExpectKnownOutputValue("leaf", knownvalue.StringExact("bottom/40")),
			},
		}},
	})
}

func TestProvider_invalidScopeIDs(t *testing.T) {
	_, url := startFake(t)
	expectFailure(t, requiredProviders+fmt.Sprintf(`
provider "sarvam" {
  api_key      = %q
  base_url     = %q
  org_id       = "org-acme-finance"
  workspace_id = " ws-collections"
}
`, testKey, url)+campaignBlock(fakeapi.LoanRemindersID), `Invalid workspace_id.*workspace_id must not start or end with white space`)

	expectFailure(t, providerBlock(url)+`
data "sarvam_campaign" "test" {
  campaign_id = "`+fakeapi.LoanRemindersID+`"
  org_id      = ".."
}
`, `Invalid org_id.*org_id must not be ".."`)

	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvBaseURL, url)
	t.Setenv(EnvOrgID, "org\x01acme")
	t.Setenv(EnvWorkspaceID, fakeapi.WorkspaceID)
	expectFailure(t, requiredProviders+`provider "sarvam" {}`+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid org_id.*From the SARVAM_ORG_ID environment variable: org_id must not contain control characters`, testKey)
}

func TestProvider_timeoutAndRetryBounds(t *testing.T) {
	_, url := startFake(t)
	for _, tc := range []struct{ setting, want string }{
		{`request_timeout = "0s"`, `Invalid request_timeout.*"0s" must be greater than zero`},
		{`request_timeout = "-5s"`, `Invalid request_timeout.*"-5s" must be greater than zero`},
		{`max_retries = 11`, `Attribute max_retries value must be between 0 and 10, got: 11`},
	} {
		t.Run(tc.setting, func(t *testing.T) {
			expectFailure(t, providerBlock(url, tc.setting)+campaignBlock(fakeapi.LoanRemindersID), tc.want)
		})
	}
	t.Run("SARVAM_REQUEST_TIMEOUT", func(t *testing.T) {
		t.Setenv(EnvRequestTimeout, "fortnight")
		expectFailure(t, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
			`Invalid request_timeout.*From the SARVAM_REQUEST_TIMEOUT environment variable: "fortnight" is not a duration`)
	})
}

// The key written in the provider block (not recommended, but allowed)
// still never reaches the trace log of Terraform or the provider.
func TestAPIKeyInConfigNeverLogged(t *testing.T) {
	fake, url := startFake(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	config := providerBlock(url) + campaignBlock(fakeapi.LoanRemindersID)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{stateHasNo{testKey}}}},
	})
	fake.Inject(fakeapi.Fault{Status: 401, Body: `{"error":{"message":"Invalid API key.","type":"authentication_error"}}`})
	expectFailure(t, config, `Sarvam API key rejected`, testKey)

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("X-Api-Key:[REDACTED]")) || !bytes.Contains(raw, []byte("http.status_code=401")) {
		t.Fatalf("the trace log lacks the provider's request logs (%d bytes); the check would prove nothing", len(raw))
	}
	// The test harness logs each step's configuration (sdk.helper_resource),
	// key and all; that is the test's own text, not Terraform's or the
	// provider's, so its entries are left out.
	entries := regexp.MustCompile(`(?m)^\d{4}-\d\d-\d\dT`).Split(string(raw), -1)
	checked := 0
	for _, e := range entries {
		if strings.Contains(e, "sdk.helper_resource:") {
			continue
		}
		checked++
		if i := strings.Index(e, testKey); i >= 0 {
			t.Fatalf("the API key is in the trace log: …%s…", e[max(0, i-300):min(len(e), i+50)])
		}
	}
	t.Logf("%d log entries checked", checked)
}

// After a panic, the log gets the stack and the panic value, both masked.
func TestRead_panicLogMasked(t *testing.T) {
	c, err := client.New(client.Config{BaseURL: "https://apps.example.com", APIKey: testKey, Transport: panickingTransport{}})
	if err != nil {
		t.Fatal(err)
	}
	ds := &campaignDataSource{dataSource[campaignModel]{name: "campaign", data: &providerData{client: c, apiKey: testKey, orgID: "o", workspaceID: "w"}}}
	var logs bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &logs)
	req, resp := readRequest(t, ctx, ds, "MKN-1")
	ds.Read(ctx, req, resp)

	entries, err := tflogtest.MultilineJSONDecode(&logs)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range entries {
		if e["@message"] == "Panic while reading sarvam_campaign" {
			found = true
			if !strings.Contains(fmt.Sprint(e["stack"]), "recoverPanic") || fmt.Sprint(e["panic"]) != "boom with header [REDACTED]" {
				t.Fatalf("unexpected panic log entry: %v", e)
			}
		}
	}
	if !found {
		t.Fatalf("no panic log entry in %d entries", len(entries))
	}
	if strings.Contains(logs.String(), testKey) {
		t.Fatal("the API key is in the log after a panic")
	}
}

// A null inside a list the API sends stays null in state, not "".
func TestCampaignDataSource_nullInsideLists(t *testing.T) {
	fake, url := startFake(t)
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Nulls-1", []byte(`{"campaign_id":"MKN-Nulls-1","name":"n","status":"active",
		"app_config":{"connection_configs":[{"connection_id":"c","phone_numbers":["+911",null],"weight":null}]},
		"allowed_schedule":{"allowed_days":[null,"Monday"]},"created_at":"2026-10-01 09:15:00"}`))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock("MKN-Nulls-1"),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("allowed_schedule", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"allowed_days":       knownvalue.ListExact([]knownvalue.Check{knownvalue.Null(), knownvalue.StringExact("Monday")}),
					"allowed_start_time": knownvalue.Null(), "allowed_end_time": knownvalue.Null(), "timezone": knownvalue.Null(),
				})),
				statecheck.ExpectKnownValue(dsAddr, tfjsonpath.New("app_config").AtMapKey("connection_configs"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"connection_id": knownvalue.StringExact("c"),
						"phone_numbers": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("+911"), knownvalue.Null()}),
						"weight":        knownvalue.Null(),
					}),
				})),
				expect("created_at", knownvalue.StringExact("2026-10-01T09:15:00Z")),
			},
		}},
	})
}
