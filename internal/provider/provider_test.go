package provider

import (
	"fmt"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// testKey is recognisable so that any leak of it is easy to find.
const testKey = "sk_test_LEAKCHECK_5b1e7c2d9f"

var testProviders = map[string]func() (tfprotov6.ProviderServer, error){
	"sarvam": providerserver.NewProtocol6WithError(New("test")()),
}

// clearEnv keeps the developer's own SARVAM_* settings out of a test.
func clearEnv(t *testing.T) {
	t.Helper()
	for _, v := range []string{EnvAPIKey, EnvBaseURL, EnvOrgID, EnvWorkspaceID, EnvMaxRetries, EnvRequestTimeout} {
		t.Setenv(v, "")
	}
}

// startFake serves a fresh fake API on loopback.
func startFake(t *testing.T) (*fakeapi.Server, string) {
	t.Helper()
	clearEnv(t)
	fake := fakeapi.New(testKey)
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return fake, srv.URL + fakeapi.BasePath
}

// providerBlock configures the provider for the fake API; extra lines are
// added inside the block.
func providerBlock(baseURL string, extra ...string) string {
	return requiredProviders + fmt.Sprintf(`
provider "sarvam" {
  api_key      = %q
  base_url     = %q
  org_id       = %q
  workspace_id = %q
  %s
}
`, testKey, baseURL, fakeapi.OrgID, fakeapi.WorkspaceID, strings.Join(extra, "\n  "))
}

// requiredProviders names the provider by its registry address, as users do.
const requiredProviders = `
terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
`

func TestMain(m *testing.M) {
	// The test harness serves the provider under this namespace.
	os.Setenv("TF_ACC_PROVIDER_NAMESPACE", "sarvamai")
	os.Exit(m.Run())
}

func campaignBlock(id string) string {
	return fmt.Sprintf(`
data "sarvam_campaign" "test" {
  campaign_id = %q
}
`, id)
}

// expectFailure runs one config that must fail, and checks the whole error
// text: it must match want and contain none of forbidden. ExpectError cannot
// assert that something is absent, so the error is taken through ErrorCheck.
// Each space in pattern matches any run of white space, since Terraform
// wraps long diagnostics.
func expectFailure(t *testing.T, config string, pattern string, forbidden ...string) {
	t.Helper()
	want := regexp.MustCompile("(?s)" + strings.ReplaceAll(pattern, " ", `\s+`))
	var got error
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		ErrorCheck: func(err error) error {
			got = err
			return nil
		},
		Steps: []resource.TestStep{{Config: config}},
	})
	if got == nil {
		t.Fatalf("the config was applied without error; want an error matching %s", want)
	}
	if !want.MatchString(got.Error()) {
		t.Fatalf("error does not match %s:\n%s", want, got)
	}
	for _, f := range forbidden {
		if f != "" && strings.Contains(got.Error(), f) {
			t.Fatalf("error contains %q, which must never be shown:\n%s", f, got)
		}
	}
}

// expectNoError applies a config that must succeed.
func expectNoError(t *testing.T, config string) {
	t.Helper()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config}},
	})
}
