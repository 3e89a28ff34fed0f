package clitest

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// gateModule is the example module its tests and the testing guide use.
const gateModule = "examples/modules/campaign-gate"

// ansi matches the colour codes of a CLI run without -no-color.
var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// mustPass fails t unless out is a run of `terraform test` that passed
// exactly want runs and failed none.
func mustPass(t *testing.T, out string, err error, want string) {
	t.Helper()
	out = ansi.ReplaceAllString(out, "")
	if err != nil || !strings.Contains(out, "Success! "+want+" passed, 0 failed.") {
		t.Fatalf("want %s runs passed and none failed (exit error %v); the CLI printed:\n%s", want, err, out)
	}
}

// TestCampaignGateMock runs tests/mock.tftest.hcl: no server and no key,
// the provider mocked; the precondition refuses an active campaign and lets
// a paused one through.
func TestCampaignGateMock(t *testing.T) {
	t.Parallel()
	c := require(t, testCommand, mockProvider)
	dir := copyDir(t, filepath.Join(root, gateModule))
	out, err := terraform(t, c, dir, nil, "test", "-filter=tests/mock.tftest.hcl")
	mustPass(t, out, err, "2")
	for _, run := range []string{`run "refused_while_active"... pass`, `run "allowed_while_paused"... pass`} {
		if !strings.Contains(out, run) {
			t.Errorf("no %q in:\n%s", run, out)
		}
	}
}

// TestCampaignGateFake runs tests/fake.tftest.hcl against sarvam-fakeapi
// serving the module's fixtures and faults.json, then tests/errors, which
// must fail at the provider's "Campaign not found".
func TestCampaignGateFake(t *testing.T) {
	t.Parallel()
	c := require(t, testCommand)
	dir := copyDir(t, filepath.Join(root, gateModule))
	// A CLI without mock_provider refuses the whole directory over it, even
	// with -filter; this test does not need it.
	if err := os.Remove(filepath.Join(dir, "tests", "mock.tftest.hcl")); err != nil {
		t.Fatal(err)
	}
	f := startFake(t, "org-gate", "ws-gate", "-fixtures", filepath.Join(dir, "fixtures"))

	out, err := terraform(t, c, dir, f.env, "test", "-filter=tests/fake.tftest.hcl")
	mustPass(t, out, err, "4")
	for _, run := range []string{"refused_while_active", "allowed_while_paused", "warns_on_rejected_records", "retries_a_rate_limit"} {
		if !strings.Contains(out, `run "`+run+`"... pass`) {
			t.Errorf("run %q did not pass:\n%s", run, out)
		}
	}

	out, err = terraform(t, c, dir, f.env, "test", "-test-directory=tests/errors")
	if err == nil {
		t.Fatalf("tests/errors passed; it must fail at the missing campaign:\n%s", out)
	}
	for _, want := range []string{
		`run "campaign_not_found"... fail`,
		"Error: Campaign not found",
		`campaign "GATE-Missing-01" in workspace "ws-gate" of org "org-gate"`,
		"0 passed, 1 failed.",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("tests/errors: no %q in:\n%s", want, out)
		}
	}
}

// TestCampaignGateScript runs the module's test.sh, the CI script the
// testing guide gives module authors: every test file, with sarvam-fakeapi
// found on PATH.
func TestCampaignGateScript(t *testing.T) {
	t.Parallel()
	c := require(t, testCommand, mockProvider)
	dir := copyDir(t, filepath.Join(root, gateModule))
	out, err := runScript(t, c, filepath.Join(dir, "test.sh"))
	mustPass(t, out, err, "6")
	if !strings.HasSuffix(strings.TrimSpace(ansi.ReplaceAllString(out, "")), "tests/errors: failed at Campaign not found, as it must.") {
		t.Errorf("test.sh did not check tests/errors:\n%s", out)
	}
}
