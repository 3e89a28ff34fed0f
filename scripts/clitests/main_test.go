package main

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"testing"
)

func TestCLITests(t *testing.T) {
	dir := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a_test.go", `package p

import (
	"os/exec"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
)

type target struct{}

func (target) run(t *testing.T) { resource.UnitTest(t, resource.TestCase{}) }

func expectFailure(t *testing.T) { helper(t) }
func helper(t *testing.T)        { resource.ParallelTest(t, resource.TestCase{}) }

func TestDirect(t *testing.T)   { resource.Test(t, resource.TestCase{}) }
func TestTwoDeep(t *testing.T)  { expectFailure(t) }
func TestMethod(t *testing.T)   { var tg target; tg.run(t) }
func TestPassedOn(t *testing.T) { for _, f := range []func(*testing.T){expectFailure} { f(t) } }
func TestExec(t *testing.T)     { _ = exec.Command("terraform", "version") }
func TestUnit(t *testing.T)     { if 1+1 != 2 { t.Fatal("no") } }
func TestMain(m *testing.M)     { helper(nil) }
`)
	write("b_test.go", `package p

import "testing"

func TestOtherFile(t *testing.T) { expectFailure(t) }
func TestMapping(t *testing.T)   { t.Run("sub", func(t *testing.T) {}) }
`)
	got, err := cliTests(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"TestDirect", "TestTwoDeep", "TestMethod", "TestPassedOn", "TestExec", "TestOtherFile"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v\nwant %v", got, want)
	}
	re := regexp.MustCompile(pattern(got))
	for name, match := range map[string]bool{
		"TestDirect": true, "TestDirect/a_step": true, "TestUnit": false, "TestDirectly": false, "TestMapping/sub": false,
	} {
		// go test matches each level of a subtest's name on its own; the
		// top level decides.
		top := regexp.MustCompile(`/.*`).ReplaceAllString(name, "")
		if re.MatchString(top) != match {
			t.Errorf("%s: matched %v, want %v (pattern %s)", name, !match, match, re)
		}
	}
}

// TestCLITestsOfThisModule keeps the pattern make matrix passes (over the
// two packages it runs, as scripts/matrix.sh calls clitests) from missing
// a CLI test of any of them, or matching a unit test.
func TestCLITestsOfThisModule(t *testing.T) {
	var all []string
	for _, dir := range []string{"../../internal/provider", "../../internal/clitest"} {
		tests, err := cliTests(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(tests) == 0 {
			t.Errorf("%s: no test that drives a CLI found", dir)
		}
		all = append(all, tests...)
	}
	re := regexp.MustCompile(pattern(all))
	for _, name := range []string{"TestAccCampaign_byID", "TestProvider_unknownHostFailsAtOnce", "TestCampaignGateMock", "TestGuideSnippets", "TestBuiltProviderLogsWithTFLog"} {
		if !re.MatchString(name) {
			t.Errorf("the pattern does not match %s, which drives a CLI", name)
		}
	}
	for _, name := range []string{"TestCampaignListTypeIsTheSchemas", "TestDevOverrides", "TestParseVersionAfterWarnings"} {
		if re.MatchString(name) {
			t.Errorf("the pattern matches %s, a unit test", name)
		}
	}
}
