package clitest

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// testKey is distinctive so that a leak shows up in any string search.
const testKey = "sk_main_9Xc4Lq2Wd7Rv-DO-NOT-LEAK"

// The built provider, run by Terraform with TF_LOG=trace, still logs: its
// own entries, the framework's and the protocol's reach Terraform's log,
// with the key masked. Without a log variable the same binary produces none
// (the root package's TestSilencedLogLevels), which no log can show.
func TestBuiltProviderLogsWithTFLog(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider and runs terraform")
	}
	if cliErr != nil {
		t.Skip(cliErr)
	}
	srv := httptest.NewServer(fakeapi.New(testKey))
	defer srv.Close()

	dir := t.TempDir()
	cfg := filepath.Join(dir, "cfg")
	writeFile(t, filepath.Join(cfg, "main.tf"), `terraform {
  required_providers {
    sarvam = { source = "sarvamai/sarvam" }
  }
}
data "sarvam_campaign" "c" {
  campaign_id = "`+fakeapi.LoanRemindersID+`"
}
output "name" { value = data.sarvam_campaign.c.name }
`)
	logFile := filepath.Join(dir, "trace.log")
	plan := exec.Command(theCLI.Path, "-chdir="+cfg, "plan", "-input=false", "-lock=false", "-no-color")
	plan.Env = Env(map[string]string{
		"TF_CLI_CONFIG_FILE": cliConfig,
		"TF_LOG":             "trace", "TF_LOG_PATH": logFile,
		"SARVAM_API_KEY": testKey, "SARVAM_BASE_URL": srv.URL + fakeapi.BasePath,
		"SARVAM_ORG_ID": fakeapi.OrgID, "SARVAM_WORKSPACE_ID": fakeapi.WorkspaceID,
	})
	out, err := plan.CombinedOutput()
	if err != nil {
		t.Fatalf("terraform plan: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), `name = "Loan EMI reminders - November"`) {
		t.Fatalf("the plan did not read the campaign:\n%s", out)
	}
	raw, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	log := string(raw)
	for _, want := range []string{
		"Sarvam API request",                       // the provider's debug entry
		"Sarvam API response body",                 // its trace entry
		"X-Api-Key:[REDACTED]",                     // with the key masked
		"@module=sdk.framework",                    // the framework's entries
		"@module=sdk.proto",                        // the protocol's
		"Calling provider defined DataSource Read", // a framework trace entry
	} {
		if !strings.Contains(log, want) {
			t.Errorf("the trace log has no %q (%d bytes)", want, len(log))
		}
	}
	for name, s := range map[string]string{"trace log": log, "output": string(out)} {
		if i := strings.Index(s, testKey); i >= 0 {
			t.Fatalf("the API key is in the %s: …%s…", name, s[max(0, i-200):min(len(s), i+50)])
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}
