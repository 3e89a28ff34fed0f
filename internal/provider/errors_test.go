package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func TestCampaignDataSource_notFound(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	expectFailure(t, providerBlock(url)+campaignBlock("MKN-Missing-00000000"),
		`Campaign not found.*"MKN-Missing-00000000".*workspace "ws-collections".*org "org-acme-finance".*HTTP 404.*Campaign MKN-Missing-00000000 not found`,
		testKey)
}

func TestCampaignDataSource_keyRejected(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	wrong := "sk_test_WRONGKEY_1234567890"
	cfg := requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key      = %q
  base_url     = %q
  org_id       = %q
  workspace_id = %q
}
`, wrong, url, fakeapi.OrgID, fakeapi.WorkspaceID) + campaignBlock(fakeapi.LoanRemindersID)
	// One sentence from the API, then what to do, whole.
	expectFailure(t, cfg, exact("Sarvam API key rejected",
		`Reading campaign "`+fakeapi.LoanRemindersID+`" in workspace "ws-collections" of org "org-acme-finance": the API answered HTTP 401 Unauthorized: Invalid API key (code invalid_api_key). `+
			`Set a valid key with the provider's api_key attribute or the SARVAM_API_KEY environment variable.`), wrong, testKey, ". (code", "The API did not accept the key")
}

func TestCampaignDataSource_forbidden(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 403, Body: `{"detail":"Key has no access to workspace ws-collections"}`})
	expectFailure(t, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
		exact("Sarvam API key does not belong to this workspace", `Reading campaign "`+fakeapi.LoanRemindersID+`" in workspace "ws-collections" of org "org-acme-finance": `+
			`the API answered HTTP 403 Forbidden: Key has no access to workspace ws-collections. The key was accepted, but this key does not belong to workspace "ws-collections" of org "org-acme-finance": `+
			`a key belongs to one workspace. Check workspace_id and org_id, or use a key of that workspace (api_key or SARVAM_API_KEY).`), testKey)
}

// Retry-After: 0 keeps the retries instant; the count is what is checked.
func TestCampaignDataSource_serverErrorsAfterRetries(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	for range 3 {
		fake.Inject(fakeapi.Fault{Status: 503, Header: map[string]string{"Retry-After": "0"}, Body: `{"error":{"message":"upstream overloaded","type":"server_error","code":"overloaded"}}`})
	}
	expectFailure(t, providerBlock(url, "max_retries = 2")+campaignBlock(fakeapi.LoanRemindersID),
		`Sarvam API error.*HTTP 503 Service Unavailable after 3 attempts: upstream overloaded \(code overloaded\).*try again later`, testKey)
	if n := len(fake.Requests()); n != 3 {
		t.Fatalf("want 3 attempts (max_retries = 2), got %d", n)
	}
}

func TestCampaignDataSource_rateLimitedHTML(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "0"}, Body: "<html><body><h1>429 Too Many Requests</h1></body></html>"})
	expectFailure(t, providerBlock(url, "max_retries = 0")+campaignBlock(fakeapi.LoanRemindersID),
		`Sarvam API error.*HTTP 429 Too Many Requests: \(an HTML page, not an API error\).*rate limiting`, testKey)
}

// A 502 HTML page, then a 429, then the campaign: with max_retries = 2 the
// third and last attempt reads it. A run of the same config against a fake
// without faults counts the reads Terraform makes (plan, apply, refresh), so
// the run with faults must cost exactly two requests more, every one a GET of
// the campaign with the key.
func TestCampaignDataSource_retriesThenSucceeds(t *testing.T) {
	t.Parallel()
	config := func(url string) string {
		return providerBlock(url, "max_retries = 2") + campaignBlock(fakeapi.LoanRemindersID)
	}
	clean, cleanURL := startFake(t)
	expectNoError(t, config(cleanURL))
	reads := len(clean.Requests())

	fake, url := startFake(t)
	fake.Inject(
		fakeapi.Fault{Status: 502, Header: map[string]string{"Retry-After": "0"}, Body: "<html>Bad Gateway</html>"},
		fakeapi.Fault{Status: 429, Header: map[string]string{"Retry-After": "0"}},
	)
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: config(url),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("campaign_id", knownvalue.StringExact(fakeapi.LoanRemindersID)),
				expect("name", knownvalue.StringExact("Loan EMI reminders - November")),
			},
		}},
	})
	reqs := fake.Requests()
	if reads == 0 || len(reqs) != reads+2 {
		t.Fatalf("want %d requests (two failures, then %d reads), got %d: %+v", reads+2, reads, len(reqs), reqs)
	}
	path := fakeapi.BasePath + "/v1/orgs/" + fakeapi.OrgID + "/workspaces/" + fakeapi.WorkspaceID + "/campaigns/" + fakeapi.LoanRemindersID
	for i, r := range reqs {
		if r.Method != "GET" || r.EscapedPath != path || r.RawQuery != "" || !r.KeyMatched {
			t.Fatalf("request %d: want GET %s with the key, got %+v", i, path, r)
		}
	}
}

func TestCampaignDataSource_malformedBody(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Bad-Rate", []byte(`{"campaign_id":"MKN-Bad-Rate","name":"x","status":"active","app_config":{"attempts_per_second":"fast"},"allowed_schedule":{}}`))
	expectFailure(t, providerBlock(url)+campaignBlock("MKN-Bad-Rate"),
		`Unexpected response from the Sarvam API.*HTTP 200 response could not be decoded at "app_config.attempts_per_second": want a number, got a JSON string`, testKey)
}

func TestCampaignDataSource_badTimestamp(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Put(fakeapi.OrgID, fakeapi.WorkspaceID, "MKN-Bad-Time", []byte(`{"campaign_id":"MKN-Bad-Time","name":"x","status":"active","app_config":{},"allowed_schedule":{},"created_at":"yesterday"}`))
	expectFailure(t, providerBlock(url)+campaignBlock("MKN-Bad-Time"),
		`Unexpected campaign from the Sarvam API.*created_at: "yesterday" is not an RFC 3339 timestamp`, testKey)
}

func TestCampaignDataSource_notJSON(t *testing.T) {
	t.Parallel()
	fake, url := startFake(t)
	fake.Inject(fakeapi.Fault{Status: 200, Body: "<html>maintenance</html>"})
	expectFailure(t, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
		`Unexpected response from the Sarvam API.*HTTP 200 response could not be decoded: want a JSON object, got an HTML page`, testKey)
}

func TestProvider_missingAPIKey(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	cfg := requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  base_url = %q
}
`, url) + campaignBlock(fakeapi.LoanRemindersID)
	expectFailure(t, cfg, `Missing Sarvam API key.*api_key attribute.*SARVAM_API_KEY`)
}

func TestProvider_plainHTTPFromEnvRefused(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvBaseURL, "http://10.0.0.8:8080")
	expectFailure(t, requiredProviders+`provider "sarvam" {}`+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid base_url.*From the SARVAM_BASE_URL environment variable: base_url must use https`, testKey)
}

// From the environment, so that Terraform's own quote of the configuration
// line does not count: the provider's message must not repeat the password.
func TestProvider_baseURLWithPasswordNotEchoed(t *testing.T) {
	clearEnv(t)
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvBaseURL, "https://admin:hunter2secret@apps.example.com/api")
	expectFailure(t, requiredProviders+`provider "sarvam" {}`+campaignBlock(fakeapi.LoanRemindersID), `Invalid base_url.*must not contain a user name or password`, "hunter2secret", "admin:", testKey)
}

func TestProvider_badTimeoutAndRetries(t *testing.T) {
	_, url := startFake(t)
	expectFailure(t, providerBlock(url, `request_timeout = "soon"`)+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid request_timeout.*"soon" is not a duration`)
	expectFailure(t, providerBlock(url, `max_retries = -1`)+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid max_retries.*max_retries must be a whole number from 0 to 10, got -1`)
	t.Setenv(EnvMaxRetries, "many")
	expectFailure(t, providerBlock(url)+campaignBlock(fakeapi.LoanRemindersID),
		`Invalid SARVAM_MAX_RETRIES.*whole number from 0 to 10, got "many"`)
}

func TestCampaignDataSource_missingScope(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	cfg := requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key  = %q
  base_url = %q
}
`, testKey, url) + campaignBlock(fakeapi.LoanRemindersID)
	expectFailure(t, cfg, `No org_id for sarvam_campaign.*Set org_id in the data source, or org_id in the provider block, or the SARVAM_ORG_ID environment variable.*No workspace_id for sarvam_campaign.*SARVAM_WORKSPACE_ID`)
}

func TestCampaignDataSource_invalidIDs(t *testing.T) {
	t.Parallel()
	_, url := startFake(t)
	for _, tc := range []struct{ id, want string }{
		{"", `campaign_id must not be empty`},
		{"   ", `campaign_id must not be only white space`},
		{"..", `campaign_id must not be ".."`},
		{"abc\\u0007", `campaign_id must not contain control characters`},
	} {
		expectFailure(t, providerBlock(url)+fmt.Sprintf(`
data "sarvam_campaign" "test" {
  campaign_id = "%s"
}
`, tc.id), `Invalid campaign_id.*`+regexp.QuoteMeta(tc.want))
	}
}

// Written in the configuration: neither the provider's message nor the
// configuration line Terraform quotes may show the password.
func TestProvider_baseURLWithPasswordInConfigNotEchoed(t *testing.T) {
	t.Parallel()
	clearEnv(t)
	cfg := requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key  = %q
  base_url = "https://admin:hunter2secret@apps.example.com/api"
}
`, testKey) + campaignBlock(fakeapi.LoanRemindersID)
	expectFailure(t, cfg, `Invalid base_url.*must not contain a user name or password`, "hunter2secret", "admin:", testKey)

	// Too malformed to parse (a space in the password): still not quoted.
	cfg = strings.Replace(cfg, "admin:hunter2secret@", "admin:hunter2 secret@", 1)
	expectFailure(t, cfg, `Invalid base_url.*base_url is not a valid URL`, "hunter2", "admin:", testKey)
}
