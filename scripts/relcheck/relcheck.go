package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"
)

// sections are the matrix's sections, each holding one Case | Expected
// outcome | Test table.
var sections = []string{"Faults", "Bad input", "Secrets", "Fuzzing"}

var (
	backtickRE = regexp.MustCompile("`([^`]*)`")
	// A test reference: package.TestName or package.FuzzName, optionally
	// followed by /subtest exactly as go test names it (spaces become
	// underscores).
	testRefRE   = regexp.MustCompile(`^([a-z][a-z0-9_-]*)\.((?:Test|Fuzz)[A-Za-z0-9_]*)(?:/(.+))?$`)
	separatorRE = regexp.MustCompile(`^:?-+:?$`)
)

const notTested = "not tested"

// results maps "package.Test" and "package.Test/subtest", package being the
// last element of its import path, to the test's final action in a report:
// pass, fail or skip.
type results map[string]string

// outcome is ref's result. A subtest named with a slash, such as
// "no_answer/retries=0", has no result of its own for "no_answer": a
// reference to it passes when every test below it passed.
func (res results) outcome(ref string) string {
	if o, ok := res[ref]; ok {
		return o
	}
	below := ""
	for name, o := range res {
		if strings.HasPrefix(name, ref+"/") && below != "fail" && (below != "skip" || o == "fail") {
			below = o
		}
	}
	return below
}

// rank orders results from best to worst.
var rank = map[string]int{"": 0, "pass": 1, "skip": 2, "fail": 3}

// readReport reads the event stream of go test -json.
func readReport(r io.Reader) (results, error) {
	res := results{}
	dec := json.NewDecoder(r)
	for {
		var ev struct{ Action, Package, Test string }
		err := dec.Decode(&ev)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not a go test -json report: %w", err)
		}
		switch ev.Action {
		case "pass", "fail", "skip":
			// Two packages whose paths end alike (a command below a
			// package of the same name) share a prefix: the worse
			// result of a test name stands.
			key := path.Base(ev.Package) + "." + ev.Test
			if ev.Test != "" && rank[ev.Action] > rank[res[key]] {
				res[key] = ev.Action
			}
		}
	}
	if len(res) == 0 {
		return nil, errors.New("the report holds no test results")
	}
	return res, nil
}

// check checks every table of doc, and every test reference in it against
// res. It returns a summary and the problems found.
func check(docName, doc string, res results) (string, []string) {
	var problems []string
	rows := map[string]int{}
	notTestedRows := 0
	refs := 0
	seenTable := map[string]bool{}
	checkRef := func(where, ref string) {
		refs++
		switch res.outcome(ref) {
		case "pass":
		case "fail":
			problems = append(problems, fmt.Sprintf("%s: %s failed", where, ref))
		case "skip":
			problems = append(problems, fmt.Sprintf("%s: %s was skipped, which proves nothing", where, ref))
		default:
			problems = append(problems, fmt.Sprintf("%s: %s did not run: no such test or subtest%s", where, ref, nearest(ref, res)))
		}
	}

	section, inTable := "", false
	for i, line := range strings.Split(doc, "\n") {
		where := fmt.Sprintf("%s:%d", docName, i+1)
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "## ") {
			section, inTable = strings.TrimSpace(strings.TrimPrefix(trimmed, "## ")), false
			continue
		}
		if !strings.HasPrefix(trimmed, "|") {
			inTable = false
			continue
		}
		cells := strings.Split(strings.Trim(trimmed, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) != 3 {
			problems = append(problems, fmt.Sprintf("%s: table row has %d columns, want 3 (Case | Expected outcome | Test)", where, len(cells)))
			continue
		}
		if !inTable {
			// The first row of a table is its header.
			inTable = true
			if cells[0] != "Case" || cells[1] != "Expected outcome" || cells[2] != "Test" {
				problems = append(problems, fmt.Sprintf("%s: table header is %q, want Case | Expected outcome | Test", where, cells))
			}
			if seenTable[section] {
				problems = append(problems, fmt.Sprintf("%s: a second table in section %q", where, section))
			}
			seenTable[section] = true
			continue
		}
		if separatorRE.MatchString(cells[0]) && separatorRE.MatchString(cells[1]) && separatorRE.MatchString(cells[2]) {
			continue
		}
		rows[section]++
		// References in the case or outcome must hold too.
		for _, cell := range cells[:2] {
			for _, m := range backtickRE.FindAllStringSubmatch(cell, -1) {
				if testRefRE.MatchString(m[1]) {
					checkRef(where, m[1])
				}
			}
		}
		// The Test column holds references and nothing else in backticks.
		named := 0
		for _, m := range backtickRE.FindAllStringSubmatch(cells[2], -1) {
			if !testRefRE.MatchString(m[1]) {
				problems = append(problems, fmt.Sprintf("%s: `%s` in the Test column is not a package.TestName reference", where, m[1]))
				continue
			}
			named++
			checkRef(where, m[1])
		}
		marked := strings.Contains(cells[2], notTested)
		switch {
		case marked && named > 0:
			problems = append(problems, fmt.Sprintf("%s: row both names tests and says %q", where, notTested))
		case marked:
			notTestedRows++
		case named == 0:
			problems = append(problems, fmt.Sprintf("%s: row %q names no test and does not say %q", where, cells[0], notTested))
		}
	}
	var counts []string
	for _, s := range sections {
		if rows[s] == 0 {
			problems = append(problems, fmt.Sprintf("%s: no %q table with rows", docName, s))
		}
		counts = append(counts, fmt.Sprintf("%d %s", rows[s], strings.ToLower(s)))
	}
	return fmt.Sprintf("%s: %s cases (%d not tested); all %d test references ran and passed",
		docName, strings.Join(counts, ", "), notTestedRows, refs), problems
}

// nearest names the tests of the same top-level test, to point at a typo.
func nearest(ref string, res results) string {
	top := strings.SplitN(ref, "/", 2)[0]
	var subs []string
	for name := range res {
		if strings.HasPrefix(name, top+"/") {
			subs = append(subs, strings.TrimPrefix(name, top+"/"))
		}
	}
	if len(subs) == 0 {
		return ""
	}
	sort.Strings(subs)
	if len(subs) > 5 {
		subs = append(subs[:5], "…")
	}
	return fmt.Sprintf(" (%s has %s)", top, strings.Join(subs, ", "))
}
