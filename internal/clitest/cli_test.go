package clitest

import (
	"cmp"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cli is the Terraform or OpenTofu command the tests run.
type cli struct {
	path    string
	tofu    bool
	version [3]int
}

func (c cli) String() string {
	name := "Terraform"
	if c.tofu {
		name = "OpenTofu"
	}
	return fmt.Sprintf("%s %d.%d.%d (%s)", name, c.version[0], c.version[1], c.version[2], c.path)
}

var versionLine = regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

// parseVersion reads the first line of `terraform version` or `tofu version`.
func parseVersion(out string) (tofu bool, v [3]int, err error) {
	m := versionLine.FindStringSubmatch(strings.TrimSpace(out))
	if m == nil {
		first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
		return false, v, fmt.Errorf("not a Terraform or OpenTofu version line: %q", first)
	}
	for i := range v {
		v[i], _ = strconv.Atoi(m[2+i])
	}
	return m[1] == "OpenTofu", v, nil
}

// findCLI resolves SARVAM_TEST_CLI, else TF_ACC_TERRAFORM_PATH (the CLI
// the provider's own Terraform tests use), else terraform on PATH, and reads
// its version.
func findCLI() (cli, error) {
	name := cmp.Or(os.Getenv("SARVAM_TEST_CLI"), os.Getenv("TF_ACC_TERRAFORM_PATH"), "terraform")
	path, err := exec.LookPath(name)
	if err != nil {
		return cli{}, fmt.Errorf("no CLI to run the examples: %w (set SARVAM_TEST_CLI or TF_ACC_TERRAFORM_PATH to a terraform or tofu binary)", err)
	}
	cmd := exec.Command(path, "version")
	cmd.Env = cliEnv(nil)
	out, err := cmd.Output()
	if err != nil {
		return cli{}, fmt.Errorf("%s version: %w", path, err)
	}
	tofu, v, err := parseVersion(string(out))
	if err != nil {
		return cli{}, fmt.Errorf("%s version: %w", path, err)
	}
	return cli{path: path, tofu: tofu, version: v}, nil
}

// feature is something a CLI supports from a version on.
type feature struct {
	name                string
	terraform, opentofu [3]int
}

var (
	testCommand  = feature{"terraform test", [3]int{1, 6, 0}, [3]int{1, 6, 0}}
	mockProvider = feature{"mock_provider in terraform test", [3]int{1, 7, 0}, [3]int{1, 8, 0}}
	functions    = feature{"provider functions", [3]int{1, 8, 0}, [3]int{1, 7, 0}}
)

// lacks says why c cannot run f, or "" when it can.
func (c cli) lacks(f feature) string {
	want := f.terraform
	if c.tofu {
		want = f.opentofu
	}
	for i := range want {
		if c.version[i] != want[i] {
			if c.version[i] > want[i] {
				return ""
			}
			return fmt.Sprintf("%s needs %d.%d.%d or later; %s", f.name, want[0], want[1], want[2], c)
		}
	}
	return ""
}

// require skips t, printing the reason, unless the CLI supports every
// feature given.
func require(t *testing.T, fs ...feature) cli {
	t.Helper()
	if cliErr != nil {
		t.Fatal(cliErr)
	}
	for _, f := range fs {
		if why := theCLI.lacks(f); why != "" {
			t.Skip("skipped: " + why)
		}
	}
	return theCLI
}

// cliEnv is the environment of every CLI run: the process's, without the
// settings that would change what a run does, plus extra.
func cliEnv(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "SARVAM_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	for k, v := range extra {
		env = append(env, k+"="+v)
	}
	return env
}
