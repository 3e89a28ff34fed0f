package provider

import (
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// TestAccCampaign reads a real campaign from the real API (make testacc). It
// checks only what holds for any campaign: the id comes back, and the fields
// the reference marks required are set.
func TestAccCampaign(t *testing.T) {
	for _, v := range []string{EnvAPIKey, EnvOrgID, EnvWorkspaceID, "SARVAM_TEST_CAMPAIGN_ID"} {
		if os.Getenv(v) == "" {
			t.Skipf("%s is not set; the acceptance tests need SARVAM_API_KEY, SARVAM_ORG_ID, SARVAM_WORKSPACE_ID and SARVAM_TEST_CAMPAIGN_ID", v)
		}
	}
	id := os.Getenv("SARVAM_TEST_CAMPAIGN_ID")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: requiredProviders + `provider "sarvam" {}` + campaignBlock(id),
			ConfigStateChecks: []statecheck.StateCheck{
				expect("campaign_id", knownvalue.StringExact(id)),
				expect("name", knownvalue.NotNull()),
				expect("status", knownvalue.NotNull()),
				expect("app_config", knownvalue.NotNull()),
				expect("allowed_schedule", knownvalue.NotNull()),
				expect("created_at", knownvalue.NotNull()),
			},
		}},
	})
}
