// Command testcount counts the results in a go test -json report, for make
// matrix's table.
//
//	testcount REPORT.json
//
// It prints the passed, skipped and failed counts on one line, then each
// distinct reason a test was skipped for, with how many tests it skipped.
// Every test and subtest counts once; a package that failed without a
// failed test (a build error, a panic, a timeout) counts as one failure.
package main

import (
	"fmt"
	"os"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: testcount REPORT.json")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "testcount:", err)
		os.Exit(2)
	}
	defer f.Close()
	c, err := count(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testcount: %s: %v\n", os.Args[1], err)
		os.Exit(2)
	}
	fmt.Println(c.Passed, c.Skipped, c.Failed)
	for _, r := range c.SkipReasons {
		if r.Reason == "" {
			r.Reason = "(no reason logged)"
		}
		fmt.Printf("%d skipped: %s\n", r.Tests, r.Reason)
	}
}
