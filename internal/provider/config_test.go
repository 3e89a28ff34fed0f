package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func TestStringSetting_precedence(t *testing.T) {
	t.Parallel()
	env := map[string]string{}
	lookup := envLookup(func(name string) string { return env[name] })
	if got := lookup.stringSetting(types.StringNull(), "SARVAM_TEST_SETTING", "default"); got != "default" {
		t.Errorf("no config, no env: got %q, want the default", got)
	}
	env["SARVAM_TEST_SETTING"] = "from-env"
	if got := lookup.stringSetting(types.StringNull(), "SARVAM_TEST_SETTING", "default"); got != "from-env" {
		t.Errorf("env over default: got %q", got)
	}
	if got := lookup.stringSetting(types.StringValue("from-config"), "SARVAM_TEST_SETTING", "default"); got != "from-config" {
		t.Errorf("config over env: got %q", got)
	}
}

// The provider New returns reads the process's environment.
func TestProvider_readsTheProcessEnvironment(t *testing.T) {
	t.Setenv("SARVAM_TEST_SETTING", "from-the-process")
	p, ok := New("test")().(*sarvamProvider)
	if !ok {
		t.Fatalf("New returned %T", New("test")())
	}
	if got := p.environ().stringSetting(types.StringNull(), "SARVAM_TEST_SETTING", ""); got != "from-the-process" {
		t.Fatalf("got %q, want the process's value", got)
	}
}

// Everything from the environment: an empty provider block reads.
func TestProvider_environmentOnly(t *testing.T) {
	_, url := startFake(t)
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvBaseURL, url)
	t.Setenv(EnvOrgID, fakeapi.OrgID)
	t.Setenv(EnvWorkspaceID, fakeapi.WorkspaceID)
	t.Setenv(EnvMaxRetries, "0")
	t.Setenv(EnvRequestTimeout, "5s")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `provider "sarvam" {}` + campaignBlock(fakeapi.LoanRemindersID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("org_id", knownvalue.StringExact(fakeapi.OrgID)),
				expect("workspace_id", knownvalue.StringExact(fakeapi.WorkspaceID)),
				expect("name", knownvalue.StringExact("Loan EMI reminders - November")),
			},
		}},
	})
}

// The configuration wins over the environment: the environment's key, org
// and workspace are all wrong here, and the read works only if each is
// overridden.
func TestProvider_configBeatsEnvironment(t *testing.T) {
	_, url := startFake(t)
	t.Setenv(EnvAPIKey, "sk_test_env_key_that_is_wrong")
	t.Setenv(EnvBaseURL, "https://unreachable.invalid")
	t.Setenv(EnvOrgID, "org-from-env")
	t.Setenv(EnvWorkspaceID, "ws-from-env")
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + campaignBlock(fakeapi.LoanRemindersID),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("org_id", knownvalue.StringExact(fakeapi.OrgID)),
				expect("workspace_id", knownvalue.StringExact(fakeapi.WorkspaceID)),
			},
		}},
	})
}

// The data source's own org and workspace win over the provider's.
func TestCampaignDataSource_ownScopeBeatsProvider(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	// This test is about which scope is asked for: the provider's one key
	// reads the other workspace.
	fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignOpen})
	fake.Put("org-other", "ws-other", "MKN-Other-1", []byte(`{"campaign_id":"MKN-Other-1","name":"Elsewhere","status":"paused","app_config":{},"allowed_schedule":{}}`))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + `
data "sarvam_campaign" "test" {
  campaign_id  = "MKN-Other-1"
  org_id       = "org-other"
  workspace_id = "ws-other"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect("org_id", knownvalue.StringExact("org-other")),
				expect("workspace_id", knownvalue.StringExact("ws-other")),
				expect("name", knownvalue.StringExact("Elsewhere")),
				expect("status", knownvalue.StringExact("paused")),
				expect("app_config", knownvalue.ObjectExact(map[string]knownvalue.Check{
					"app_id": knownvalue.Null(), "app_version": knownvalue.Null(), "attempts_per_second": knownvalue.Null(),
					"connection_configs": knownvalue.Null(), "retry_config": knownvalue.Null(), "app_type": knownvalue.Null(),
					"webhook_config": knownvalue.Null(), "phone_rotation": knownvalue.Null(),
				})),
			},
		}},
	})
}

// A campaign_id from another resource is unknown at plan time: validation
// passes, the read waits for apply, then reads the right campaign.
func TestCampaignDataSource_unknownCampaignID(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(url) + `
resource "terraform_data" "id" {
  input = "` + fakeapi.LoanRemindersID + `"
}
data "sarvam_campaign" "test" {
  campaign_id = terraform_data.id.output
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				expect("campaign_id", knownvalue.StringExact(fakeapi.LoanRemindersID)),
				expect("status", knownvalue.StringExact("ended")),
			},
		}},
	})
}

// Provider settings that come from other resources do not break validation;
// a read that needs them says which ones were unknown.
func TestProvider_unknownConfiguration(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	unknownProvider := requiredProviders + `
resource "terraform_data" "settings" {
  input = { key = "` + testKey + `", url = "` + url + `" }
}
provider "sarvam" {
  api_key      = terraform_data.settings.output.key
  base_url     = terraform_data.settings.output.url
  org_id       = "` + fakeapi.OrgID + `"
  workspace_id = "` + fakeapi.WorkspaceID + `"
}
`
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: unknownProvider}},
	})
	expectFailure(t, unknownProvider+campaignBlock(fakeapi.LoanRemindersID),
		`Provider configuration not known yet.*settings api_key, base_url depend on values that are only known after apply`)
}

func TestProvider_invalidScopeIDs(t *testing.T) {
	t.Parallel()
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

	env := map[string]string{EnvAPIKey: testKey, EnvBaseURL: url, EnvOrgID: "org\x01acme", EnvWorkspaceID: fakeapi.WorkspaceID}
	expectFailureIn(t, env, requiredProviders+`provider "sarvam" {}`+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid org_id.*From the SARVAM_ORG_ID environment variable: org_id must not contain control characters`, testKey)
}

func TestProvider_timeoutAndRetryBounds(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	for _, tc := range []struct{ setting, want string }{
		{`request_timeout = "0s"`, `Invalid request_timeout.*"0s" must be greater than zero`},
		{`request_timeout = "-5s"`, `Invalid request_timeout.*"-5s" must be greater than zero`},
		{`max_retries = 11`, `Invalid max_retries.*max_retries must be a whole number from 0 to 10, got 11`},
		{`max_retries = 2.5`, `Invalid max_retries.*max_retries must be a whole number from 0 to 10, got 2.5`},
	} {
		t.Run(tc.setting, func(t *testing.T) {
			t.Parallel()
			expectFailure(t, providerBlock(url, tc.setting)+campaignBlock(fakeapi.LoanRemindersID), tc.want)
		})
	}
	t.Run("SARVAM_REQUEST_TIMEOUT", func(t *testing.T) {
		t.Parallel()
		expectFailureIn(t, map[string]string{EnvRequestTimeout: "fortnight"}, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
			`Invalid request_timeout.*From the SARVAM_REQUEST_TIMEOUT environment variable: "fortnight" is not a duration`)
	})
}

// An empty api_key, as a variable defaulting to "" gives, counts as unset:
// the environment's key applies. White space around a key, such as a key
// file's trailing newline, is not part of it, from the configuration or the
// environment.
func TestProvider_apiKeyEmptyOrPadded(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, config, env string }{
		{"empty in config, key in env", `api_key = ""`, testKey},
		{"blank in config, key in env", `api_key = "  "`, testKey},
		{"trailing newline in config", fmt.Sprintf("api_key = %q", testKey+"\n"), ""},
		{"surrounding white space in env", "", " \t" + testKey + "\r\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			cfg := providerWithKeyLine(url, tc.config) + campaignBlock(fakeapi.LoanRemindersID)
			expectNoErrorIn(t, map[string]string{EnvAPIKey: tc.env}, cfg)
			reqs := fake.Requests()
			if len(reqs) == 0 || !reqs[0].KeyMatched {
				t.Fatalf("want the trimmed key sent, got %+v", reqs)
			}
		})
	}
	t.Run("empty in config, none in env", func(t *testing.T) {
		t.Parallel()
		_, url := startFake(t)
		cfg := requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key  = ""
  base_url = %q
}
`, url) + campaignBlock(fakeapi.LoanRemindersID)
		expectFailure(t, cfg, `Missing Sarvam API key.*SARVAM_API_KEY environment variable; an empty api_key counts as unset`)
	})
}

// A key with a control character inside cannot be sent: the provider says
// so on api_key, without repeating the key, and sends nothing.
func TestProvider_apiKeyWithControlCharacter(t *testing.T) {
	t.Parallel()
	bad := "sk_test_CTRL\x01KEY_5b1e7c2d9f"
	for _, tc := range []struct{ name, config, env, want string }{
		{"in config", `api_key = "sk_test_CTRL\u0001KEY_5b1e7c2d9f"`, "", `Invalid Sarvam API key.*contains a control character \(byte 0x01\).*No request was sent`},
		{"in env", "", bad, `Invalid Sarvam API key.*From the SARVAM_API_KEY environment variable: api_key: the API key contains a control character`},
		{"line break inside", fmt.Sprintf("api_key = %q", "sk_test_LINE\nBREAK_5b1e7c2d9f"), "", `Invalid Sarvam API key.*contains a line break`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			fake, url := startFake(t)
			cfg := providerWithKeyLine(url, tc.config) + campaignBlock(fakeapi.LoanRemindersID)
			expectFailureIn(t, map[string]string{EnvAPIKey: tc.env}, cfg, tc.want, "CTRL", "LINE", "BREAK_5b1e")
			if n := len(fake.Requests()); n != 0 {
				t.Fatalf("want no request sent, got %d", n)
			}
		})
	}
}

// providerWithKeyLine configures the provider for the fake API with keyLine,
// such as `api_key = ""`, in place of the test key.
func providerWithKeyLine(url, keyLine string) string {
	return requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  %s
  base_url     = %q
  org_id       = %q
  workspace_id = %q
}
`, keyLine, url, fakeapi.OrgID, fakeapi.WorkspaceID)
}

// Without a key, Configure succeeds and every read says the key is missing:
// OpenTofu configures the provider even for a configuration that only calls
// its functions, which must plan without a key.
func TestProvider_missingKeyReportedByReads(t *testing.T) {
	t.Parallel()
	clearEnv(t)
	ctx := context.Background()
	p := New("test")()
	var schemaResp provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &schemaResp)
	objType, ok := schemaResp.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatalf("the provider schema is not an object: %T", schemaResp.Schema.Type().TerraformType(ctx))
	}
	nulls := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		nulls[name] = tftypes.NewValue(typ, nil)
	}
	var resp provider.ConfigureResponse
	p.Configure(ctx, provider.ConfigureRequest{Config: tfsdk.Config{Schema: schemaResp.Schema, Raw: tftypes.NewValue(objType, nulls)}}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("Configure without a key failed: %v", resp.Diagnostics)
	}
	data, ok := resp.DataSourceData.(*providerData)
	if !ok || !data.missingKey || data.client != nil {
		t.Fatalf("want provider data that marks the key missing and holds no client, got %#v", resp.DataSourceData)
	}

	// Through the CLI: a read fails with the whole detail, and a
	// configuration of functions alone plans.
	expectFailure(t, requiredProviders+`provider "sarvam" {}`+campaignBlock(fakeapi.LoanRemindersID),
		regexp.QuoteMeta(`Missing Sarvam API key`)+`.*with data.sarvam_campaign.test.*`+regexp.QuoteMeta(`The provider needs an API key to read sarvam_campaign. Set the api_key attribute in the provider block, or the SARVAM_API_KEY environment variable; an empty api_key counts as unset. Keys are created in the Sarvam dashboard under Settings → API Key, and each belongs to one workspace. The provider's functions need no key.`))
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		TerraformVersionChecks:   functionVersions,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `provider "sarvam" {}
output "open" {
  value = provider::sarvam::calling_window_open({ allowed_start_time = "09:00", allowed_end_time = "18:00", allowed_days = ["Monday"], timezone = "UTC" }, "2026-11-30T10:00:00Z")
}
`,
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("open", knownvalue.Bool(true))},
		}},
	})
}
