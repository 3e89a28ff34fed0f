package main

import (
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

func TestSilencedLogLevels(t *testing.T) {
	all := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_SARVAM"}
	for _, tc := range []struct {
		name    string
		environ []string
		debug   bool
		want    []string
	}{
		{"no log variable", []string{"HOME=/root", "TF_CLI_ARGS=-no-color", "TF_IN_AUTOMATION=1"}, false, all},
		{"empty TF_LOG", []string{"TF_LOG="}, false, all},
		{"TF_LOG", []string{"TF_LOG=trace"}, false, nil},
		{"TF_LOG=off", []string{"TF_LOG=off"}, false, nil},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, false, nil},
		{"TF_LOG_CORE", []string{"TF_LOG_CORE=trace"}, false, nil},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, false, nil},
		{"TF_LOG_PROVIDER_SARVAM", []string{"TF_LOG_PROVIDER_SARVAM=trace"}, false, nil},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=debug"}, false, nil},
		{"TF_LOG_SDK_PROTO_DATA_DIR", []string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, false, nil},
		{"TF_ACC_LOG_PATH", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, false, nil},
		{"TF_LOG_PATH_MASK", []string{"TF_LOG_PATH_MASK=/tmp/%s.log"}, false, nil},
		{"debugging", nil, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := silencedLogLevels(tc.environ, tc.debug); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// testKey is distinctive so that a leak shows up in any string search.
const testKey = "sk_main_9Xc4Lq2Wd7Rv-DO-NOT-LEAK"

// The built provider, run by Terraform with TF_LOG=trace, still logs: its
// own entries, the framework's and the protocol's reach Terraform's log,
// with the key masked. Without a log variable the same binary produces none
// (TestSilencedLogLevels), which no log can show.
func TestBuiltProviderLogsWithTFLog(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the provider and runs terraform")
	}
	// The CLI the provider's other tests drive: TF_ACC_TERRAFORM_PATH, as
	// make matrix sets it for each CLI, or terraform on PATH.
	cli := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if cli == "" {
		cli = "terraform"
	}
	if _, err := exec.LookPath(cli); err != nil {
		t.Skip(cli + " is not found")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "terraform-provider-sarvam"), ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	srv := httptest.NewServer(fakeapi.New(testKey))
	defer srv.Close()

	rc := filepath.Join(dir, "terraformrc")
	writeFile(t, rc, `provider_installation {
  dev_overrides {
    "sarvamai/sarvam" = "`+bin+`"
  }
  direct {}
}
`)
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
	plan := exec.Command(cli, "-chdir="+cfg, "plan", "-input=false", "-lock=false", "-no-color")
	plan.Env = append(cleanEnv(),
		"TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1",
		"TF_LOG=trace", "TF_LOG_PATH="+logFile,
		"SARVAM_API_KEY="+testKey, "SARVAM_BASE_URL="+srv.URL+fakeapi.BasePath,
		"SARVAM_ORG_ID="+fakeapi.OrgID, "SARVAM_WORKSPACE_ID="+fakeapi.WorkspaceID,
	)
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

// cleanEnv is the environment without anything that would change what
// Terraform or the provider does.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "SARVAM_") {
			continue
		}
		env = append(env, kv)
	}
	return env
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
