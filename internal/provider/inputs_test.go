package provider

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// IDs with characters that mean something in a URL are sent as one escaped
// path segment each, and read back the right campaign. The fake API records
// the raw path: none may leave …/v1/orgs/{org}/workspaces/{ws}/campaigns/.
func TestCampaignDataSource_hostileIDsStayInOneSegment(t *testing.T) {
	t.Parallel()
	fake, base := startFake(t)
	// This test is about paths: the provider's one key reads this workspace.
	fake.SetModes(fakeapi.Modes{Foreign: fakeapi.ForeignOpen})
	org, ws := "org/../x?y", "ws#frag%2F"
	ids := []string{"a/b", "../../admin", "x?admin=1", "y#top", "100%", "%2e%2e", "with space", "ünïcødé-ॐ", `back\slash`, ";params=1"}
	var blocks strings.Builder
	names := map[string]knownvalue.Check{}
	for i, id := range ids {
		fake.Put(org, ws, id, []byte(fmt.Sprintf(`{"campaign_id":%q,"name":"n%d","status":"active","app_config":{},"allowed_schedule":{}}`, id, i)))
		fmt.Fprintf(&blocks, "data \"sarvam_campaign\" \"c%d\" {\n  campaign_id = %q\n  org_id = %q\n  workspace_id = %q\n}\n", i, id, org, ws)
		names[fmt.Sprintf("c%d", i)] = knownvalue.StringExact(fmt.Sprintf("n%d", i))
	}
	var outputs strings.Builder
	outputs.WriteString("output \"names\" {\n  value = {\n")
	for i := range ids {
		fmt.Fprintf(&outputs, "    c%d = data.sarvam_campaign.c%d.name\n", i, i)
	}
	outputs.WriteString("  }\n}\n")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            providerBlock(base) + blocks.String() + outputs.String(),
			ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectKnownOutputValue("names", knownvalue.MapExact(names))},
		}},
	})

	prefix := fakeapi.BasePath + "/v1/orgs/" + url.PathEscape(org) + "/workspaces/" + url.PathEscape(ws) + "/campaigns/"
	seen := map[string]bool{}
	for _, r := range fake.Requests() {
		if !strings.HasPrefix(r.EscapedPath, prefix) {
			t.Errorf("request left the campaigns collection: %s", r.EscapedPath)
			continue
		}
		rest := strings.TrimPrefix(r.EscapedPath, prefix)
		if strings.Contains(rest, "/") {
			t.Errorf("campaign id spans more than one segment: %s", r.EscapedPath)
		}
		id, err := url.PathUnescape(rest)
		if err != nil {
			t.Errorf("bad escaping in %s: %v", r.EscapedPath, err)
		}
		seen[id] = true
	}
	for _, id := range ids {
		if !seen[id] {
			t.Errorf("no request for id %q", id)
		}
	}
}

func TestProvider_baseURLRefused(t *testing.T) {
	t.Parallel()
	clearEnv(t)
	for _, tc := range []struct{ url, want string }{
		{"https://apps.example.com/api?debug=1", "must not have a query string"},
		{"https://apps.example.com/api#x", "must not have a fragment"},
		{"ftp://apps.example.com/api", `must use https, not "ftp"`},
		{"https:///api", "has no host"},
		{"apps.example.com/api", `base_url "apps.example.com/api" has no scheme: write https://apps.example.com/api\.`},
		{"localhost:8787/api/scheduling", `base_url "localhost:8787/api/scheduling" has no scheme: write http://localhost:8787/api/scheduling \(plain http is allowed to a loopback host\), or https://localhost:8787/api/scheduling\.`},
		{"127.0.0.1:8787/api/scheduling", `base_url "127.0.0.1:8787/api/scheduling" has no scheme: write http://127.0.0.1:8787/api/scheduling \(plain http is allowed to a loopback host\), or https://127.0.0.1:8787/api/scheduling\.`},
		{"http://192.168.1.20/api", `base_url must use https: plain http is only allowed to a loopback host \(127\.0\.0\.1, ::1, localhost\), so that the API key never crosses a network in clear text; got http://192\.168\.1\.20\.`},
	} {
		t.Run(tc.url, func(t *testing.T) {
			expectFailure(t, requiredProviders+fmt.Sprintf(`
provider "sarvam" {
  api_key  = %q
  base_url = %q
}
`, testKey, tc.url)+campaignBlock(fakeapi.LoanRemindersID), "Invalid base_url.*"+tc.want, testKey)
		})
	}
}
