package clitest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	// root is the module's root directory.
	root string
	// bin holds terraform-provider-sarvam and sarvam-fakeapi, built once.
	bin string
	// cliConfig names the CLI configuration with dev_overrides for bin.
	cliConfig string
	theCLI    CLI
	cliErr    error
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	abs, err := filepath.Abs("../..")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	root = abs
	tmp, err := os.MkdirTemp("", "clitest")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	bin = filepath.Join(tmp, "bin")
	for _, b := range []struct{ out, pkg string }{
		{"terraform-provider-sarvam", "."},
		{"sarvam-fakeapi", "./cmd/sarvam-fakeapi"},
	} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(bin, b.out), b.pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build %s: %v\n%s", b.pkg, err, out)
			return 1
		}
	}
	cliConfig = filepath.Join(tmp, "cli.tfrc")
	if err := WriteDevOverrides(cliConfig, map[string]string{"sarvamai/sarvam": bin}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	theCLI, cliErr = FindCLI("SARVAM_TEST_CLI", "TF_ACC_TERRAFORM_PATH")
	if cliErr == nil {
		fmt.Fprintln(os.Stderr, "clitest: running the examples with", theCLI)
	}
	return m.Run()
}

// fake is a running sarvam-fakeapi and the environment that points the
// provider at it.
type fake struct{ env map[string]string }

// startFake runs sarvam-fakeapi with args until t ends, for the org and
// workspace given, with a key made for this test.
func startFake(t *testing.T, org, workspace string, args ...string) fake {
	t.Helper()
	env := map[string]string{
		"SARVAM_API_KEY":      "clitest-" + strings.ReplaceAll(t.Name(), "/", "-"),
		"SARVAM_ORG_ID":       org,
		"SARVAM_WORKSPACE_ID": workspace,
	}
	addrFile := filepath.Join(t.TempDir(), "addr")
	var stderr bytes.Buffer
	cmd := exec.Command(filepath.Join(bin, "sarvam-fakeapi"), append([]string{"-addr-file", addrFile}, args...)...)
	cmd.Env = Env(env)
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		// SIGTERM, as Ctrl-C or a CI runner sends: the fake stops cleanly.
		_ = cmd.Process.Signal(syscall.SIGTERM)
		if err := <-exited; err != nil {
			t.Errorf("sarvam-fakeapi did not stop cleanly on SIGTERM: %v\n%s", err, stderr.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for {
		b, err := os.ReadFile(addrFile)
		if err == nil && bytes.HasSuffix(b, []byte("\n")) {
			env["SARVAM_BASE_URL"] = strings.TrimSpace(string(b))
			return fake{env: env}
		}
		select {
		case err := <-exited:
			exited <- err // for the cleanup, which waits for it
			t.Fatalf("sarvam-fakeapi %s exited: %v\n%s", strings.Join(args, " "), err, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("sarvam-fakeapi did not write %s within 30s", addrFile)
		}
	}
}

// terraform runs the CLI in dir with the provider from bin and env, and
// returns its combined output; err is non-nil when it exits non-zero.
func terraform(t *testing.T, c CLI, dir string, env map[string]string, args ...string) (string, error) {
	t.Helper()
	all := map[string]string{"TF_CLI_CONFIG_FILE": cliConfig}
	for k, v := range env {
		all[k] = v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Path, append(args, "-no-color")...)
	cmd.Dir = dir
	cmd.Env = Env(all)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s %s: %v", c.Path, strings.Join(args, " "), err)
	}
	return string(out), err
}

// copyDir copies the directory tree src into a new temporary directory, so
// that nothing a CLI writes lands in the repository.
func copyDir(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == ".terraform" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// runScript runs a bash script with bin first on PATH, the CLI as
// TERRAFORM and the CLI configuration with dev_overrides.
func runScript(t *testing.T, c CLI, script string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", script)
	cmd.Env = Env(map[string]string{
		"PATH":               bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"TERRAFORM":          c.Path,
		"TF_CLI_CONFIG_FILE": cliConfig,
	})
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("bash %s: %v", script, err)
	}
	return string(out), err
}
