package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// reliabilityDoc is the evidence file the tests below keep honest.
const reliabilityDoc = "RELIABILITY.md"

// reliabilityTables are the sections that must each hold a Case / Expected
// outcome / Test table, and the word RELIABILITY.md uses to count their rows.
var reliabilityTables = map[string]string{
	"Faults":    "fault",
	"Bad input": "bad-input",
	"Secrets":   "secrets",
	"Fuzzing":   "fuzzing",
}

var (
	backtickRE = regexp.MustCompile("`([^`]*)`")
	// A test reference: package.TestName or package.FuzzName, optionally
	// followed by /subtest as go test prints it (spaces become underscores).
	testRefRE   = regexp.MustCompile(`^([a-z][a-z0-9_]*)\.((?:Test|Fuzz)[A-Za-z0-9_]*)(?:/(.+))?$`)
	countRE     = regexp.MustCompile(`(\d+) (fault|bad-input|secrets|fuzzing) cases`)
	notTestedRE = regexp.MustCompile(`of which (\d+) (?:is|are) not tested`)
	separatorRE = regexp.MustCompile(`^:?-+:?$`)
)

const notTested = "not tested"

// TestReliabilityDoc fails when RELIABILITY.md names a test that does not
// exist in internal/<package>/*_test.go, has a row that names no test and
// does not say it is not tested, or states a count that differs from its
// tables.
func TestReliabilityDoc(t *testing.T) {
	doc, err := os.ReadFile(reliabilityDoc)
	if err != nil {
		t.Fatal(err)
	}
	problems, refs := checkReliabilityDoc(string(doc), readTestSources)
	for _, p := range problems {
		t.Error(p)
	}
	if refs == 0 {
		t.Fatalf("%s names no tests", reliabilityDoc)
	}
	t.Logf("%s: %d test references checked", reliabilityDoc, refs)
}

// TestReliabilityDocCheckCatchesMistakes shows the check can fail: each kind
// of mistake in a small document is reported, and the same document without
// them passes.
func TestReliabilityDocCheckCatchesMistakes(t *testing.T) {
	sources := func(pkg string) (string, error) {
		switch pkg {
		case "client":
			return "package client\n\nfunc TestReal(t *testing.T) {\n\tt.Run(\"some case\", nil)\n}\n\nfunc FuzzReal(f *testing.F) {}\n// func TestCommentedOut(t *testing.T) {}\n", nil
		default:
			return "", fmt.Errorf("no test files for package %s", pkg)
		}
	}
	doc := func(faultRows, count string) string {
		var b strings.Builder
		b.WriteString("# Doc\n\n" + count + "\n\n")
		for _, section := range []string{"Faults", "Bad input", "Secrets", "Fuzzing"} {
			rows := "| x | y | `client.TestReal` |\n"
			if section == "Faults" {
				rows = faultRows
			}
			fmt.Fprintf(&b, "## %s\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n%s\n", section, rows)
		}
		return b.String()
	}
	good := "| a | b | `client.TestReal`, `client.TestReal/some_case` |\n| c | d | `client.FuzzReal` |\n| e | f | not tested |\n"
	goodCount := "3 fault cases, 1 bad-input cases, 1 secrets cases and 1 fuzzing cases, of which 1 are not tested"
	if problems, refs := checkReliabilityDoc(doc(good, goodCount), sources); len(problems) != 0 || refs != 6 {
		t.Fatalf("a correct document: problems %q, %d refs; want none and 6", problems, refs)
	}
	for _, tc := range []struct {
		name, rows, count, want string
	}{
		{"missing test", "| a | b | `client.TestBogus` |\n", "", "client.TestBogus: no func TestBogus( in internal/client"},
		{"commented-out test", "| a | b | `client.TestCommentedOut` |\n", "", "client.TestCommentedOut: no func TestCommentedOut("},
		{"test named as a fuzzer", "| a | b | `client.FuzzBogus` |\n", "", "client.FuzzBogus: no func FuzzBogus("},
		{"missing package", "| a | b | `nopkg.TestReal` |\n", "", "nopkg.TestReal: no test files for package nopkg"},
		{"missing subtest", "| a | b | `client.TestReal/other_case` |\n", "", `client.TestReal/other_case: no subtest "other case"`},
		{"not a reference", "| a | b | `make test` |\n", "", "`make test` in the Test column is not a package.TestName reference"},
		{"no test and not marked", "| a | b | see above |\n", "", "names no test and does not say \"not tested\""},
		{"wrong row count", good, "5 fault cases", "states 5 fault cases, but the Faults table has 3 rows"},
		{"wrong not-tested count", good, "of which 2 are not tested", "states 2 cases not tested, but 1 rows say so"},
		{"wrong column count", "| a | b |\n", "", "has 2 columns, want 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			problems, _ := checkReliabilityDoc(doc(tc.rows, tc.count), sources)
			joined := strings.Join(problems, "\n")
			if !strings.Contains(joined, tc.want) {
				t.Fatalf("problems\n%s\ndo not report %q", joined, tc.want)
			}
		})
	}
	// A section whose table is missing is reported.
	problems, _ := checkReliabilityDoc("## Faults\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n| a | b | `client.TestReal` |\n", sources)
	if !strings.Contains(strings.Join(problems, "\n"), `no "Secrets" table`) {
		t.Fatalf("a missing table was not reported: %q", problems)
	}
}

// readTestSources returns the text of every _test.go file of
// internal/<pkg>.
func readTestSources(pkg string) (string, error) {
	files, err := filepath.Glob(filepath.Join("internal", pkg, "*_test.go"))
	if err != nil {
		return "", err
	}
	if len(files) == 0 {
		return "", fmt.Errorf("no test files for package %s in internal/%s", pkg, pkg)
	}
	var b strings.Builder
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		b.Write(src)
		b.WriteByte('\n')
	}
	return b.String(), nil
}

// checkReliabilityDoc checks doc against the test sources and returns its
// problems and the number of test references it checked.
func checkReliabilityDoc(doc string, sources func(pkg string) (string, error)) (problems []string, refs int) {
	type table struct {
		rows, notTested int
	}
	tables := map[string]*table{}
	sourceCache := map[string]string{}
	sourceErr := map[string]error{}
	source := func(pkg string) (string, error) {
		if _, ok := sourceCache[pkg]; !ok && sourceErr[pkg] == nil {
			src, err := sources(pkg)
			sourceCache[pkg], sourceErr[pkg] = src, err
		}
		return sourceCache[pkg], sourceErr[pkg]
	}
	checkRef := func(where, ref string) {
		m := testRefRE.FindStringSubmatch(ref)
		refs++
		pkg, name, sub := m[1], m[2], m[3]
		src, err := source(pkg)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s: %v", where, ref, err))
			return
		}
		if !regexp.MustCompile(`(?m)^func ` + regexp.QuoteMeta(name) + `\(`).MatchString(src) {
			problems = append(problems, fmt.Sprintf("%s: %s: no func %s( in internal/%s/*_test.go", where, ref, name, pkg))
			return
		}
		if sub == "" {
			return
		}
		// go test turns spaces in a subtest name into underscores; the
		// first level must appear as a string literal in the package's
		// tests.
		first := strings.SplitN(sub, "/", 2)[0]
		var pattern strings.Builder
		for _, r := range first {
			if r == '_' {
				pattern.WriteString(`[_ ]`)
			} else {
				pattern.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		if !regexp.MustCompile(`"` + pattern.String() + `"`).MatchString(src) {
			problems = append(problems, fmt.Sprintf("%s: %s: no subtest %q in internal/%s/*_test.go", where, ref, strings.ReplaceAll(first, "_", " "), pkg))
		}
	}

	section := ""
	inTable := false
	for i, line := range strings.Split(doc, "\n") {
		where := fmt.Sprintf("%s:%d", reliabilityDoc, i+1)
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "## ") {
			section = strings.TrimSpace(strings.TrimPrefix(trimmed, "## "))
			inTable = false
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
			if _, dup := tables[section]; dup {
				problems = append(problems, fmt.Sprintf("%s: a second table in section %q", where, section))
			}
			tables[section] = &table{}
			continue
		}
		if separatorRE.MatchString(cells[0]) && separatorRE.MatchString(cells[1]) && separatorRE.MatchString(cells[2]) {
			continue
		}
		tb := tables[section]
		tb.rows++

		// Every reference anywhere in the row must exist.
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
			tb.notTested++
		case named == 0:
			problems = append(problems, fmt.Sprintf("%s: row %q names no test and does not say %q", where, cells[0], notTested))
		}
	}

	for heading := range reliabilityTables {
		if tb, ok := tables[heading]; !ok || tb.rows == 0 {
			problems = append(problems, fmt.Sprintf("%s: no %q table with rows", reliabilityDoc, heading))
		}
	}
	label := map[string]string{}
	for heading, word := range reliabilityTables {
		label[word] = heading
	}
	for _, m := range countRE.FindAllStringSubmatch(doc, -1) {
		n, _ := strconv.Atoi(m[1])
		heading := label[m[2]]
		got := 0
		if tb := tables[heading]; tb != nil {
			got = tb.rows
		}
		if n != got {
			problems = append(problems, fmt.Sprintf("%s states %d %s cases, but the %s table has %d rows", reliabilityDoc, n, m[2], heading, got))
		}
	}
	totalNotTested := 0
	for _, tb := range tables {
		totalNotTested += tb.notTested
	}
	for _, m := range notTestedRE.FindAllStringSubmatch(doc, -1) {
		if n, _ := strconv.Atoi(m[1]); n != totalNotTested {
			problems = append(problems, fmt.Sprintf("%s states %d cases not tested, but %d rows say so", reliabilityDoc, n, totalNotTested))
		}
	}
	return problems, refs
}
