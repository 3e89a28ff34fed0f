package main

import (
	"errors"
	"io"
	"regexp"
	"sort"
	"strings"

	"github.com/sarvamai/terraform-provider-sarvam/scripts/internal/testjson"
)

// counts are the results of one report.
type counts struct {
	Passed, Skipped, Failed int
	SkipReasons             []skipReason // most tests first
}

type skipReason struct {
	Reason string
	Tests  int
}

// sourcePrefix is what testing puts before a logged line: "file.go:12: ".
var sourcePrefix = regexp.MustCompile(`^\S+\.go:\d+: `)

// count reads the event stream of go test -json.
func count(r io.Reader) (counts, error) {
	var c counts
	lastLine := map[string]string{} // package and test -> its last logged line
	reasons := map[string]int{}
	failedTests := map[string]bool{} // packages with a failed test
	events, err := testjson.Read(r, func(ev testjson.Event) {
		key := ev.Package + " " + ev.Test
		switch ev.Action {
		case "output":
			if line := strings.TrimSpace(ev.Output); ev.Test != "" && !isFrame(line) {
				lastLine[key] = sourcePrefix.ReplaceAllString(line, "")
			}
		case "pass":
			if ev.Test != "" {
				c.Passed++
			}
		case "skip":
			if ev.Test != "" {
				c.Skipped++
				reasons[lastLine[key]]++
			}
		case "fail":
			if ev.Test != "" {
				c.Failed++
				failedTests[ev.Package] = true
			} else if !failedTests[ev.Package] {
				c.Failed++
			}
		}
	})
	if err != nil {
		return c, err
	}
	if events == 0 {
		return c, errors.New("the report is empty")
	}
	for reason, n := range reasons {
		c.SkipReasons = append(c.SkipReasons, skipReason{reason, n})
	}
	sort.Slice(c.SkipReasons, func(i, j int) bool {
		a, b := c.SkipReasons[i], c.SkipReasons[j]
		return a.Tests > b.Tests || a.Tests == b.Tests && a.Reason < b.Reason
	})
	return c, nil
}

// isFrame tells go test's own lines about a test from what the test logged.
func isFrame(line string) bool {
	for _, p := range []string{"=== ", "--- ", "PASS", "FAIL", "ok ", "SKIP"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return line == ""
}
