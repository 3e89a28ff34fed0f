package clitest

import (
	"fmt"
	"testing"
)

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
func (c CLI) lacks(f feature) string {
	want := f.terraform
	if c.OpenTofu {
		want = f.opentofu
	}
	for i := range want {
		if c.Version[i] != want[i] {
			if c.Version[i] > want[i] {
				return ""
			}
			return fmt.Sprintf("%s needs %d.%d.%d or later; %s", f.name, want[0], want[1], want[2], c)
		}
	}
	return ""
}

// require skips t, printing the reason, unless the CLI supports every
// feature given.
func require(t *testing.T, fs ...feature) CLI {
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
