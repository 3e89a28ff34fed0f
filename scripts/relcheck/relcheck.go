package main

import (
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"sort"
	"strings"

	"github.com/sarvamai/terraform-provider-sarvam/scripts/internal/testjson"
)

// sections are the matrix's sections, each holding one Case | Expected
// outcome | Test table.
var sections = []string{"Faults", "Bad input", "Secrets", "Hostile answers", "Fuzzing"}

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
	_, err := testjson.Read(r, func(ev testjson.Event) {
		// Two packages whose paths end alike (a command below a package
		// of the same name) share a prefix: the worse result of a test
		// name stands.
		key := path.Base(ev.Package) + "." + ev.Test
		if o := ev.Outcome(); o != "" && ev.Test != "" && rank[o] > rank[res[key]] {
			res[key] = o
		}
	})
	if err != nil {
		return nil, err
	}
	if len(res) == 0 {
		return nil, errors.New("the report holds no test results")
	}
	return res, nil
}

// check checks doc against res and the module's code: the shape of its
// tables, every test reference they hold, and every code reference in the
// whole file. It returns a summary and the problems found.
func check(docName, doc string, res results, src *code) (string, []string) {
	rows, problems := readTables(docName, doc)
	refs, notTestedRows, refProblems := checkTests(rows, res)
	counts, sectionProblems := countRows(docName, rows)
	codeRefs, codeProblems := checkCode(docName, doc, src)
	problems = append(append(append(problems, refProblems...), sectionProblems...), codeProblems...)
	return fmt.Sprintf("%s: %s cases (%d not tested); all %d test references ran and passed; all %d code references hold",
		docName, counts, notTestedRows, refs, codeRefs), problems
}

// row is one body row of a table: where it is, its section and its three
// cells.
type row struct {
	where, section string
	cells          []string
}

// readTables returns the body rows of every table in doc, and the problems
// with the tables' shape: a row without three cells, a header other than
// Case | Expected outcome | Test, a second table in one section.
func readTables(docName, doc string) ([]row, []string) {
	var rows []row
	var problems []string
	seenTable := map[string]bool{}
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
		switch {
		case len(cells) != 3:
			problems = append(problems, fmt.Sprintf("%s: table row has %d columns, want 3 (Case | Expected outcome | Test)", where, len(cells)))
		case !inTable:
			// The first row of a table is its header.
			inTable = true
			if cells[0] != "Case" || cells[1] != "Expected outcome" || cells[2] != "Test" {
				problems = append(problems, fmt.Sprintf("%s: table header is %q, want Case | Expected outcome | Test", where, cells))
			}
			if seenTable[section] {
				problems = append(problems, fmt.Sprintf("%s: a second table in section %q", where, section))
			}
			seenTable[section] = true
		case separatorRE.MatchString(cells[0]) && separatorRE.MatchString(cells[1]) && separatorRE.MatchString(cells[2]):
		default:
			rows = append(rows, row{where: where, section: section, cells: cells})
		}
	}
	return rows, problems
}

// checkTests checks the test references of every row against res: each
// must have run and passed, the Test column must hold references and
// nothing else in backticks, and a row names a test or says "not tested",
// not both. It returns the references checked and the rows not tested.
func checkTests(rows []row, res results) (refs, notTestedRows int, problems []string) {
	checkRef := func(where, ref string) {
		refs++
		if p := res.problem(ref); p != "" {
			problems = append(problems, fmt.Sprintf("%s: %s", where, p))
		}
	}
	for _, r := range rows {
		// References in the case or outcome must hold too.
		for _, cell := range r.cells[:2] {
			for _, m := range backtickRE.FindAllStringSubmatch(cell, -1) {
				if testRefRE.MatchString(m[1]) {
					checkRef(r.where, m[1])
				}
			}
		}
		named := 0
		for _, m := range backtickRE.FindAllStringSubmatch(r.cells[2], -1) {
			if !testRefRE.MatchString(m[1]) {
				problems = append(problems, fmt.Sprintf("%s: `%s` in the Test column is not a package.TestName reference", r.where, m[1]))
				continue
			}
			named++
			checkRef(r.where, m[1])
		}
		marked := strings.Contains(r.cells[2], notTested)
		switch {
		case marked && named > 0:
			problems = append(problems, fmt.Sprintf("%s: row both names tests and says %q", r.where, notTested))
		case marked:
			notTestedRows++
		case named == 0:
			problems = append(problems, fmt.Sprintf("%s: row %q names no test and does not say %q", r.where, r.cells[0], notTested))
		}
	}
	return refs, notTestedRows, problems
}

// problem says what is wrong with the result of ref, or "" if it passed.
func (res results) problem(ref string) string {
	switch res.outcome(ref) {
	case "pass":
		return ""
	case "fail":
		return ref + " failed"
	case "skip":
		return ref + " was skipped, which proves nothing"
	default:
		return ref + " did not run: no such test or subtest" + nearest(ref, res)
	}
}

// countRows counts the rows of each section, which must each have a table
// with rows.
func countRows(docName string, rows []row) (string, []string) {
	perSection := map[string]int{}
	for _, r := range rows {
		perSection[r.section]++
	}
	var counts, problems []string
	for _, s := range sections {
		if perSection[s] == 0 {
			problems = append(problems, fmt.Sprintf("%s: no %q table with rows", docName, s))
		}
		counts = append(counts, fmt.Sprintf("%d %s", perSection[s], strings.ToLower(s)))
	}
	return strings.Join(counts, ", "), problems
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
