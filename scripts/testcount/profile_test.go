package main

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// twoRuns is the same package run twice (as make test runs a package with
// and without the race detector) and one other package.
const twoRuns = `{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider"}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Test":"TestSlow/sub","Elapsed":9}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Test":"TestSlow","Elapsed":9.5}
{"Action":"fail","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Test":"TestFailed","Elapsed":2}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Elapsed":12}
{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider"}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Test":"TestRaced","Elapsed":3}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/provider","Elapsed":4}
{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam"}
{"Action":"skip","Package":"github.com/sarvamai/terraform-provider-sarvam","Test":"TestSkipped","Elapsed":0.5}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam","Elapsed":1}
`

func TestProfile(t *testing.T) {
	got, err := readProfile(strings.NewReader(twoRuns), 2)
	if err != nil {
		t.Fatal(err)
	}
	want := profile{
		Packages: []timing{{"internal/provider", 16}, {".", 1}},
		Tests:    []timing{{"internal/provider TestSlow", 9.5}, {"internal/provider TestRaced", 3}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
	var out bytes.Buffer
	got.print(&out)
	const printed = `packages, by elapsed time:
     16.0 s  internal/provider
      1.0 s  .
the 2 slowest tests:
      9.5 s  internal/provider TestSlow
      3.0 s  internal/provider TestRaced
`
	if out.String() != printed {
		t.Fatalf("printed:\n%s\nwant:\n%s", out.String(), printed)
	}
	if _, err := readProfile(strings.NewReader(""), 2); err == nil || err.Error() != "the report is empty" {
		t.Fatalf("an empty report: got error %v", err)
	}
}

func TestProgressOfARunStillGoing(t *testing.T) {
	// The first package is done, the second still running, and the last line
	// is cut off mid-write.
	report := twoRuns[:strings.Index(twoRuns, `{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam"}`)] +
		`{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/client"}
{"Action":"pass","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/client","Test":"TestA","Elapsed":1}
{"Action":"pass","Package":"github.com/sarvam`
	got := readProgress(strings.NewReader(report))
	const want = "... 1m5s: 4 tests passed, 1 failed, 0 skipped so far; 2 packages done; running internal/client"
	if line := got.line(65 * time.Second); line != want {
		t.Fatalf("got  %q\nwant %q", line, want)
	}
	other := readProgress(strings.NewReader(`{"Action":"start","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"}
{"Action":"skip","Package":"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi","Test":"TestB","Elapsed":1}
`))
	const both = "... 2m0s: 4 tests passed, 1 failed, 1 skipped so far; 2 packages done; running internal/client, internal/fakeapi"
	if line := got.add(other).line(2 * time.Minute); line != both {
		t.Fatalf("two runs at once: got  %q\nwant %q", line, both)
	}
}
