package provider

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// With TF_LOG at trace, Terraform's log and the provider's go to one file;
// neither may hold the key, through a successful read or a rejected one,
// and neither may the state or the plan.
func TestAPIKeyNeverLogged(t *testing.T) {
	fake, url := startFake(t)
	logFile := filepath.Join(t.TempDir(), "trace.log")
	t.Setenv("TF_ACC_LOG_PATH", logFile)
	t.Setenv("TF_LOG", "TRACE")
	// From the environment, as recommended: the key is then in no file
	// Terraform writes.
	t.Setenv(EnvAPIKey, testKey)
	t.Setenv(EnvBaseURL, url)
	config := requiredProviders + `
provider "sarvam" {
  org_id       = "` + fakeapi.OrgID + `"
  workspace_id = "` + fakeapi.WorkspaceID + `"
}
` + campaignBlock(fakeapi.LoanRemindersID)

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{planHasNo{testKey}}},
			ConfigStateChecks: []statecheck.StateCheck{stateHasNo{testKey, fakeapi.LoanRemindersID}},
		}},
	})
	fake.Inject(fakeapi.Fault{Status: 401, Body: `{"error":{"message":"Invalid API key.","type":"authentication_error"}}`})
	expectFailure(t, config, `Sarvam API key rejected`, testKey)

	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	// The log must be the real thing, or its silence proves nothing.
	for _, want := range []string{"Sarvam API request", "Sarvam API response body", "X-Api-Key:[REDACTED]", "http.status_code=401"} {
		if !strings.Contains(log, want) {
			t.Errorf("trace log has no %q; was it captured? (%d bytes)", want, len(log))
		}
	}
	if strings.Contains(log, testKey) {
		i := strings.Index(log, testKey)
		t.Fatalf("the API key is in the trace log: …%s…", log[max(0, i-200):min(len(log), i+50)])
	}
}

type errString string

func (e errString) Error() string { return string(e) }

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
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: []statecheck.StateCheck{stateHasNo{testKey, fakeapi.LoanRemindersID}}}},
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
