package clitest

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// CLI is a Terraform or OpenTofu command and its version.
type CLI struct {
	Path     string
	OpenTofu bool
	Version  [3]int
}

func (c CLI) String() string {
	name := "Terraform"
	if c.OpenTofu {
		name = "OpenTofu"
	}
	return fmt.Sprintf("%s %d.%d.%d (%s)", name, c.Version[0], c.Version[1], c.Version[2], c.Path)
}

var versionLine = regexp.MustCompile(`^(Terraform|OpenTofu) v(\d+)\.(\d+)\.(\d+)`)

// ParseVersion reads the output of `terraform version` or `tofu version`:
// its first version line, since OpenTofu may print warnings about its CLI
// configuration before it.
func ParseVersion(out string) (openTofu bool, v [3]int, err error) {
	for line := range strings.Lines(out) {
		m := versionLine.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		for i := range v {
			v[i], _ = strconv.Atoi(m[2+i])
		}
		return m[1] == "OpenTofu", v, nil
	}
	first, _, _ := strings.Cut(strings.TrimSpace(out), "\n")
	return false, v, fmt.Errorf("not a Terraform or OpenTofu version line: %q", first)
}

// FindCLI finds the CLI that tests drive and reads its version: the command
// (a path or a name on PATH) in the first of the environment variables vars
// that is set, else terraform on PATH. terraform-plugin-testing reads
// TF_ACC_TERRAFORM_PATH alone; this package's tests read SARVAM_TEST_CLI
// before it.
func FindCLI(vars ...string) (CLI, error) {
	name := "terraform"
	for _, v := range vars {
		if s := os.Getenv(v); s != "" {
			name = s
			break
		}
	}
	path, err := exec.LookPath(name)
	if err != nil {
		hint := ""
		if len(vars) > 0 {
			hint = fmt.Sprintf(" (set %s to a terraform or tofu binary)", strings.Join(vars, " or "))
		}
		return CLI{}, fmt.Errorf("no CLI to run: %w%s", err, hint)
	}
	cmd := exec.Command(path, "version")
	cmd.Env = Env(nil)
	out, err := cmd.Output()
	if err != nil {
		return CLI{}, fmt.Errorf("%s version: %w", path, err)
	}
	tofu, v, err := ParseVersion(string(out))
	if err != nil {
		return CLI{}, fmt.Errorf("%s version: %w", path, err)
	}
	return CLI{Path: path, OpenTofu: tofu, Version: v}, nil
}

// Env is the environment for a CLI run: the process's, without the
// settings that would change what a run does (every TF_ and SARVAM_
// variable), plus extra.
func Env(extra map[string]string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "SARVAM_") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	for _, k := range slices.Sorted(maps.Keys(extra)) {
		env = append(env, k+"="+extra[k])
	}
	return env
}

// DevOverrides is a CLI configuration that installs each provider source
// (such as "sarvamai/sarvam") from the directory it maps to, and every
// other provider from its registry.
func DevOverrides(dirs map[string]string) string {
	var b strings.Builder
	b.WriteString("provider_installation {\n  dev_overrides {\n")
	for _, src := range slices.Sorted(maps.Keys(dirs)) {
		fmt.Fprintf(&b, "    %q = %q\n", src, dirs[src])
	}
	b.WriteString("  }\n  direct {}\n}\n")
	return b.String()
}

// WriteDevOverrides writes DevOverrides(dirs) to the file path.
func WriteDevOverrides(path string, dirs map[string]string) error {
	return os.WriteFile(path, []byte(DevOverrides(dirs)), 0o600)
}
