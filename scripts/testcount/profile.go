package main

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/sarvamai/terraform-provider-sarvam/scripts/internal/testjson"
)

// timing is how long one package or one top-level test took.
type timing struct {
	Name    string
	Seconds float64
}

// profile is where the time of one or more runs went: each package's
// elapsed time (a package that ran twice, once with the race detector and
// once without, counts both) and the slowest top-level tests.
type profile struct {
	Packages []timing // slowest first
	Tests    []timing // slowest first, at most the number asked for
}

// readProfile reads the event stream of go test -json and keeps the n
// slowest top-level tests. Subtests are left out: their time is their
// parent's.
func readProfile(r io.Reader, n int) (profile, error) {
	pkgs := map[string]float64{}
	var tests []timing
	events, err := testjson.Read(r, func(ev testjson.Event) {
		switch {
		case ev.Outcome() == "":
		case ev.Test == "":
			pkgs[ev.Package] += ev.Elapsed
		case ev.TopLevel():
			tests = append(tests, timing{shortPackage(ev.Package) + " " + ev.Test, ev.Elapsed})
		}
	})
	if err != nil {
		return profile{}, err
	}
	if events == 0 {
		return profile{}, errors.New("the report is empty")
	}
	var p profile
	for name, s := range pkgs {
		p.Packages = append(p.Packages, timing{shortPackage(name), s})
	}
	slowestFirst(p.Packages)
	slowestFirst(tests)
	if len(tests) > n {
		tests = tests[:n]
	}
	p.Tests = tests
	return p, nil
}

func slowestFirst(ts []timing) {
	sort.Slice(ts, func(i, j int) bool {
		return ts[i].Seconds > ts[j].Seconds || ts[i].Seconds == ts[j].Seconds && ts[i].Name < ts[j].Name
	})
}

// shortPackage drops the module path, leaving the package's directory.
func shortPackage(pkg string) string {
	const module = "github.com/sarvamai/terraform-provider-sarvam"
	if pkg == module {
		return "."
	}
	return strings.TrimPrefix(pkg, module+"/")
}

func (p profile) print(w io.Writer) {
	fmt.Fprintln(w, "packages, by elapsed time:")
	for _, t := range p.Packages {
		fmt.Fprintf(w, "  %7.1f s  %s\n", t.Seconds, t.Name)
	}
	fmt.Fprintf(w, "the %d slowest tests:\n", len(p.Tests))
	for _, t := range p.Tests {
		fmt.Fprintf(w, "  %7.1f s  %s\n", t.Seconds, t.Name)
	}
}

// progress is what a run that is still going has done so far.
type progress struct {
	Passed, Failed, Skipped int
	Done                    []string // packages finished
	Running                 []string // packages started and not finished
}

// readProgress reads a report that may still be being written: a last,
// partial line is not an error.
func readProgress(r io.Reader) progress {
	var p progress
	started := map[string]bool{}
	var order []string
	// A last, partial line ends the events read so far and is no error.
	_, _ = testjson.Read(r, func(ev testjson.Event) {
		switch {
		case ev.Test != "":
			switch ev.Action {
			case "pass":
				p.Passed++
			case "fail":
				p.Failed++
			case "skip":
				p.Skipped++
			}
		case ev.Action == "start":
			if !started[ev.Package] {
				order = append(order, ev.Package)
			}
			started[ev.Package] = true
		case ev.Outcome() != "":
			started[ev.Package] = false
			p.Done = append(p.Done, shortPackage(ev.Package))
		}
	})
	for _, pkg := range order {
		if started[pkg] {
			p.Running = append(p.Running, shortPackage(pkg))
		}
	}
	return p
}

// add is the progress of two runs going on at once.
func (p progress) add(q progress) progress {
	return progress{
		Passed: p.Passed + q.Passed, Failed: p.Failed + q.Failed, Skipped: p.Skipped + q.Skipped,
		Done: append(p.Done, q.Done...), Running: append(p.Running, q.Running...),
	}
}

func (p progress) line(elapsed time.Duration) string {
	s := fmt.Sprintf("... %s: %d tests passed, %d failed, %d skipped so far; %d packages done",
		elapsed.Round(time.Second), p.Passed, p.Failed, p.Skipped, len(p.Done))
	if len(p.Running) > 0 {
		s += "; running " + strings.Join(p.Running, ", ")
	}
	return s
}
