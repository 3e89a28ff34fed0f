// Command acccount prints how many acceptance tests (TestAcc*) passed,
// failed and were skipped in a go test -json report, and fails when none
// passed: make test runs the acceptance suite against the fake every time,
// so a run without one passing has lost the suite.
//
//	acccount REPORT.json
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/sarvamai/terraform-provider-sarvam/scripts/internal/testjson"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: acccount REPORT.json")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "acccount:", err)
		os.Exit(2)
	}
	defer f.Close()
	counts, err := count(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "acccount:", err)
		os.Exit(2)
	}
	fmt.Printf("acceptance tests: %d passed, %d failed, %d skipped\n", counts["pass"], counts["fail"], counts["skip"])
	if counts["pass"] == 0 {
		fmt.Fprintln(os.Stderr, "acccount: no acceptance test passed")
		os.Exit(1)
	}
}

// count tallies the outcome of each top-level TestAcc test. go test's
// report may hold lines that are not events: they are passed over.
func count(f *os.File) (map[string]int, error) {
	counts := map[string]int{}
	_, err := testjson.ReadLines(f, func(e testjson.Event) {
		if o := e.Outcome(); o != "" && e.TopLevel() && strings.HasPrefix(e.Test, "TestAcc") {
			counts[o]++
		}
	})
	return counts, err
}
