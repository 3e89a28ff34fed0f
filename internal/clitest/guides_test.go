package clitest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// guideSnippets is where the guides' snippets live: each .tf file plans on
// its own, with examples/provider/provider.tf, against the demo data.
const guideSnippets = "examples/guides"

// turned makes a snippet meet the other side of its gate: the same file with
// one string replaced must fail (or warn) with want.
type turned struct {
	file, old, new, want string
}

var gatesTurned = []turned{
	{"gating/status-precondition.tf", fakeapi.PolicyRenewalID, fakeapi.RenewalsQ3ActiveID, "Error: Resource precondition failed"},
	{"gating/check-block.tf", fakeapi.PolicyRenewalID, fakeapi.RenewalsQ3ActiveID, "Warning: Check block assertion failed"},
	{"gating/cohorts-processed.tf", fakeapi.LoanRemindersID, fakeapi.PolicyRenewalID, "Contact lists not processed cleanly: Motor renewals - late additions (processing), Motor renewals - legacy import (failed)."},
	{"gating/by-name.tf", `"Motor policy renewals"`, `"Renewals Q3"`, "Error: Several campaigns have this name"},
	{"gating/by-list.tf", `"loan"`, `"renewals q3"`, "Active loan campaigns: Renewals Q3"},
}

// planSnippet plans file (under guideSnippets), its text replaced by edit,
// with provider.tf beside it.
func planSnippet(t *testing.T, c CLI, f fake, file string, edit func(string) string) (string, error) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, guideSnippets, file))
	if err != nil {
		t.Fatal(err)
	}
	provider, err := os.ReadFile(filepath.Join(root, "examples/provider/provider.tf"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "provider.tf"), provider, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(edit(string(src))), 0o600); err != nil {
		t.Fatal(err)
	}
	return terraform(t, c, dir, f.env, "plan", "-input=false", "-lock=false")
}

// warnings lists the warnings in a plan's output other than the one
// dev_overrides always prints.
func warnings(out string) []string {
	var w []string
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, "Warning: ") && !strings.Contains(line, "Provider development overrides") {
			w = append(w, line)
		}
	}
	return w
}

// skipWithoutFunctions skips a snippet that calls a provider function when
// the CLI has none.
func skipWithoutFunctions(t *testing.T, c CLI, file string) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, guideSnippets, file))
	if err != nil {
		t.Fatal(err)
	}
	if why := c.lacks(functions); why != "" && strings.Contains(string(src), "provider::") {
		t.Skip("skipped: " + why)
	}
}

// TestGuideSnippets plans every snippet the guides include against
// sarvam-fakeapi's demo data: each plans without an error or a warning, and
// each gate, turned to a campaign it must stop, stops the plan (or warns).
func TestGuideSnippets(t *testing.T) {
	t.Parallel()
	c := require(t)
	f := startFake(t, fakeapi.OrgID, fakeapi.WorkspaceID)
	files, err := filepath.Glob(filepath.Join(root, guideSnippets, "*", "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no snippets under %s: %v", guideSnippets, err)
	}
	for _, file := range files {
		rel, _ := filepath.Rel(filepath.Join(root, guideSnippets), file)
		t.Run(rel, func(t *testing.T) {
			t.Parallel()
			skipWithoutFunctions(t, c, rel)
			out, err := planSnippet(t, c, f, rel, func(s string) string { return s })
			if err != nil || !strings.Contains(out, "Plan:") && !strings.Contains(out, "Changes to Outputs") && !strings.Contains(out, "No changes") {
				t.Fatalf("did not plan (%v):\n%s", err, out)
			}
			if w := warnings(out); len(w) > 0 {
				t.Fatalf("planned with %s:\n%s", strings.Join(w, "; "), out)
			}
		})
	}
	for _, g := range gatesTurned {
		t.Run("turned/"+g.file, func(t *testing.T) {
			t.Parallel()
			skipWithoutFunctions(t, c, g.file)
			out, _ := planSnippet(t, c, f, g.file, func(s string) string {
				if !strings.Contains(s, g.old) {
					t.Fatalf("%s holds no %s", g.file, g.old)
				}
				return strings.ReplaceAll(s, g.old, g.new)
			})
			if !strings.Contains(strings.Join(strings.Fields(out), " "), g.want) {
				t.Fatalf("want %q; the plan printed:\n%s", g.want, out)
			}
		})
	}
}
