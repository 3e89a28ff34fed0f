package provider

import (
	"slices"
	"strings"
	"testing"
)

// TestDiagScan runs the scan over testdata/diagscan: every computed summary
// is expanded into exactly the values it can take, a summary it cannot
// work out is marked, and drift reports what the guide misses or no longer
// needs.
func TestDiagScan(t *testing.T) {
	s, err := newScanner("testdata/diagscan", nil)
	if err != nil {
		t.Fatal(err)
	}
	code, unknown := s.emitted()
	var got []string
	for _, e := range code {
		h := ""
		if e.hole {
			h = " (hole)"
		}
		got = append(got, e.severity+" "+e.text+h)
	}
	slices.Sort(got)
	want := []string{
		"Error <error> (hole)",
		"Error Campaign not found",
		"Error Invalid Attribute Value Match",
		"Error Invalid org_id",
		"Error Invalid workspace_id",
		"Error Webhook configuration not found",
		"Function a[<n>] must not be null (hole)",
		"Function b[<n>] must not be null (hole)",
		"Warning Could not read the campaign",
		"Warning Could not read the webhook configuration",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scan found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(unknown) != 1 || unknown[0] != "stringvalidator.Unheard at sample.go:28" {
		t.Errorf("unknown validators %q", unknown)
	}

	guide := "**Error:** `Campaign not found`, `Invalid org_id`, `Invalid workspace_id`, `Invalid Attribute Value Match`, `Cohort not found`\n" +
		"**Warning:** `Could not read the campaign`, `Could not read the webhook configuration`\n" +
		"**Message:** `a[<n>] must not be null`, `b[<n>] must not be null`\n"
	problems := drift(code, nil, guideListed(guide))
	wantProblems := []string{
		`sample.go:11: cannot work out every value of the summary "<error>"; build it from literals, or teach diagscan_test.go`,
		`sample.go:9: the code can emit error "Webhook configuration not found", which the troubleshooting guide does not list`,
		`the troubleshooting guide lists error "Cohort not found", which the code no longer emits`,
	}
	slices.Sort(problems)
	slices.Sort(wantProblems)
	if strings.Join(problems, "\n") != strings.Join(wantProblems, "\n") {
		t.Errorf("drift:\n%s\nwant:\n%s", strings.Join(problems, "\n"), strings.Join(wantProblems, "\n"))
	}
}
