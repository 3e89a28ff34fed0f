package main

import (
	"fmt"
	"strings"
	"testing"
)

// report is a go test -json event stream in which client has TestReal with
// the subtest some_case, TestOther with the subtest no_answer, a failing, a
// skipped test and a fuzz target's seed corpus.
const report = `{"Action":"start","Package":"example.com/m/internal/client"}
{"Action":"run","Package":"example.com/m/internal/client","Test":"TestReal"}
{"Action":"output","Package":"example.com/m/internal/client","Test":"TestReal","Output":"=== RUN   TestReal\n"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestReal/some_case"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestReal"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestOther/no_answer"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestOther"}
{"Action":"fail","Package":"example.com/m/internal/client","Test":"TestBroken"}
{"Action":"skip","Package":"example.com/m/internal/client","Test":"TestSkipped"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"FuzzReal"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestFlat/hang/retries=0"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestFlat/hang/retries=1"}
{"Action":"pass","Package":"example.com/m/internal/client","Test":"TestFlat/stall/retries=0"}
{"Action":"fail","Package":"example.com/m/internal/client","Test":"TestFlat/stall/retries=1"}
{"Action":"fail","Package":"example.com/m/internal/client","Test":"TestFlat"}
{"Action":"fail","Package":"example.com/m/internal/client"}
{"Action":"pass","Package":"example.com/m/internal/twice","Test":"TestTwice"}
{"Action":"fail","Package":"example.com/m/cmd/twice","Test":"TestTwice"}
{"Action":"pass","Package":"example.com/m/internal/twice","Test":"TestTwice"}
`

func doc(faultRows string) string {
	var b strings.Builder
	b.WriteString("# Doc\n\n")
	for _, section := range sections {
		rows := "| x | y | `client.TestReal` |\n"
		if section == "Faults" {
			rows = faultRows
		}
		fmt.Fprintf(&b, "## %s\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n%s\n", section, rows)
	}
	return b.String()
}

func TestCheckPassesACorrectMatrix(t *testing.T) {
	res, err := readReport(strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	good := "| a | b | `client.TestReal`, `client.TestReal/some_case` |\n| c | d | `client.FuzzReal`, `client.TestFlat/hang` |\n| e | f | not tested |\n"
	summary, problems := check("R.md", doc(good), res)
	if len(problems) != 0 {
		t.Fatalf("a correct matrix: %q", problems)
	}
	if want := "R.md: 3 faults, 1 bad input, 1 secrets, 1 fuzzing cases (1 not tested); all 7 test references ran and passed"; summary != want {
		t.Fatalf("summary %q, want %q", summary, want)
	}
}

// Each kind of mistake is reported; above all, a subtest name that exists
// only under another test does not count for this one.
func TestCheckCatchesMistakes(t *testing.T) {
	res, err := readReport(strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, rows, want string }{
		{"subtest of another test", "| a | b | `client.TestReal/no_answer` |\n", "R.md:7: client.TestReal/no_answer did not run: no such test or subtest (client.TestReal has some_case)"},
		{"missing test", "| a | b | `client.TestBogus` |\n", "client.TestBogus did not run"},
		{"wrong package", "| a | b | `provider.TestReal` |\n", "provider.TestReal did not run"},
		{"failed test", "| a | b | `client.TestBroken` |\n", "client.TestBroken failed"},
		{"one name in two packages, failed in one", "| a | b | `twice.TestTwice` |\n", "twice.TestTwice failed"},
		{"a failed test below a name with a slash", "| a | b | `client.TestFlat/stall` |\n", "client.TestFlat/stall failed"},
		{"a name with a slash that is no prefix", "| a | b | `client.TestFlat/hang/retries` |\n", "client.TestFlat/hang/retries did not run"},
		{"skipped test", "| a | b | `client.TestSkipped` |\n", "client.TestSkipped was skipped, which proves nothing"},
		{"reference in the outcome", "| a | as `client.TestGone` shows | `client.TestReal` |\n", "client.TestGone did not run"},
		{"not a reference", "| a | b | `make test` |\n", "`make test` in the Test column is not a package.TestName reference"},
		{"no test and not marked", "| a | b | see above |\n", `names no test and does not say "not tested"`},
		{"both", "| a | b | `client.TestReal`, not tested |\n", `row both names tests and says "not tested"`},
		{"wrong column count", "| a | b |\n", "has 2 columns, want 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := check("R.md", doc(tc.rows), res)
			if joined := strings.Join(problems, "\n"); !strings.Contains(joined, tc.want) {
				t.Fatalf("problems\n%s\ndo not report %q", joined, tc.want)
			}
		})
	}
	_, problems := check("R.md", "## Faults\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n| a | b | `client.TestReal` |\n", res)
	if !strings.Contains(strings.Join(problems, "\n"), `no "Secrets" table`) {
		t.Fatalf("a missing table was not reported: %q", problems)
	}
	_, problems = check("R.md", doc("| a | b | `client.TestReal` |\n")+"## Faults\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n| a | b | `client.TestReal` |\n", res)
	if !strings.Contains(strings.Join(problems, "\n"), `a second table in section "Faults"`) {
		t.Fatalf("a second table was not reported: %q", problems)
	}
}

func TestReadReportRefusesOtherInput(t *testing.T) {
	for _, in := range []string{"", "ok  \texample.com/m\t0.1s\n", `{"Action":"start","Package":"p"}`} {
		if _, err := readReport(strings.NewReader(in)); err == nil {
			t.Errorf("readReport(%q) accepted it", in)
		}
	}
}
