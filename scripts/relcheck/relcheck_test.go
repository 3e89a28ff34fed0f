package main

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
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

// source is a module with a client package, and a command below it whose
// package has the same last element, for the code references.
var source = fstest.MapFS{
	"internal/client/retry.go": {Data: []byte(`package client

import (
	"crypto/tls"
	"time"
)

const maxTimedOutAttempts = 2

// DefaultBackoff is the first wait.
const DefaultBackoff = 1 * time.Second

var minTLS = &tls.Config{MinVersion: tls.VersionTLS12}

type TransportError struct {
	Timeout bool
	Err     error
}

func (e *TransportError) Error() string { return "" }

type ListResult[T any] struct{ Total *int64 }

func retryableStatus(status int) bool { return status >= 500 }
`)},
	"internal/client/testdata/fuzz/FuzzReal/seed": {Data: []byte("go test fuzz v1\n")},
	"internal/client/testdata/ignored.go":         {Data: []byte("package ignored\nfunc Hidden() {}\n")},
	"internal/client/retry_test.go":               {Data: []byte("package client\nfunc testOnly() {}\n")},
}

func loadSource(t *testing.T) *code {
	t.Helper()
	src, err := loadCode(source)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestCheckPassesACorrectMatrix(t *testing.T) {
	res, err := readReport(strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	good := "| a | b | `client.TestReal`, `client.TestReal/some_case` |\n| c | d | `client.FuzzReal`, `client.TestFlat/hang` |\n| e | f | not tested |\n"
	prose := "Retried: `client.retryableStatus`, at most `client.maxTimedOutAttempts = 2` time-outs, `client.DefaultBackoff = 1 * time.Second`, " +
		"`*client.TransportError` with `client.TransportError.Timeout`, `client.TransportError.Error`, `client.ListResult.Total`, `tls.VersionTLS12`, " +
		"`internal/client/testdata/fuzz/FuzzReal`; not code: `login.example.com`, `http.body_omitted`, `Monday`, `max_retries = 2`.\n"
	summary, problems := check("R.md", prose+doc(good), res, loadSource(t))
	if len(problems) != 0 {
		t.Fatalf("a correct matrix: %q", problems)
	}
	if want := "R.md: 3 faults, 1 bad input, 1 secrets, 1 hostile answers, 1 fuzzing cases (1 not tested); all 8 test references ran and passed; all 9 code references hold"; summary != want {
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
			_, problems := check("R.md", doc(tc.rows), res, loadSource(t))
			if joined := strings.Join(problems, "\n"); !strings.Contains(joined, tc.want) {
				t.Fatalf("problems\n%s\ndo not report %q", joined, tc.want)
			}
		})
	}
	_, problems := check("R.md", "## Faults\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n| a | b | `client.TestReal` |\n", res, loadSource(t))
	if !strings.Contains(strings.Join(problems, "\n"), `no "Secrets" table`) {
		t.Fatalf("a missing table was not reported: %q", problems)
	}
	_, problems = check("R.md", doc("| a | b | `client.TestReal` |\n")+"## Faults\n\n| Case | Expected outcome | Test |\n| --- | --- | --- |\n| a | b | `client.TestReal` |\n", res, loadSource(t))
	if !strings.Contains(strings.Join(problems, "\n"), `a second table in section "Faults"`) {
		t.Fatalf("a second table was not reported: %q", problems)
	}
}

// Each kind of mistake in naming code is reported, in prose or in a table:
// a name the package does not declare, a declared value that differs, a
// name of another package the code does not use, code without its package,
// a file without its directory, a path that does not exist. Test files and
// testdata do not count as code.
func TestCheckCatchesCodeMistakes(t *testing.T) {
	res, err := readReport(strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, prose, want string }{
		{"not declared", "checked by `client.retryablestatus`", "R.md:1: `client.retryablestatus`: package client declares no retryablestatus"},
		{"no such member", "`client.TransportError.TimedOut`", "package client declares no TransportError.TimedOut"},
		{"declared only in a test file", "`client.testOnly`", "package client declares no testOnly"},
		{"declared only in testdata", "`ignored.Hidden`", "`ignored.Hidden`: the code does not use ignored.Hidden"},
		{"other value", "`client.maxTimedOutAttempts = 3`", "`client.maxTimedOutAttempts = 3`: client.maxTimedOutAttempts is declared as \"2\""},
		{"another package's name the code does not use", "`int64validator.Between(0, maxRetriesLimit)`", "`int64validator.Between(0, maxRetriesLimit)`: the code does not use int64validator.Between"},
		{"unexported code without its package", "`retryableStatus`", "`retryableStatus` names code without its package; write client.retryableStatus so that it can be checked"},
		{"exported code without its package", "`DefaultBackoff`", "write client.DefaultBackoff"},
		{"code of no package, with a value", "`maxRetriesLimit = 10`", "`maxRetriesLimit = 10` names code without its package; write package.maxRetriesLimit"},
		{"a file without its directory", "`retry.go`", "`retry.go` names a file without its directory"},
		{"a path that does not exist", "`internal/client/testdata/fuzz/FuzzGone`", "`internal/client/testdata/fuzz/FuzzGone` does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, problems := check("R.md", tc.prose+"\n"+doc("| a | b | `client.TestReal` |\n"), res, loadSource(t))
			if joined := strings.Join(problems, "\n"); !strings.Contains(joined, tc.want) {
				t.Fatalf("problems\n%s\ndo not report %q", joined, tc.want)
			}
		})
	}
	// In a table's case or outcome too.
	_, problems := check("R.md", doc("| a | waits `client.DefaultBackof` | `client.TestReal` |\n"), res, loadSource(t))
	if joined := strings.Join(problems, "\n"); !strings.Contains(joined, "R.md:7: `client.DefaultBackof`: package client declares no DefaultBackof") {
		t.Fatalf("a code reference in a table was not checked: %q", problems)
	}
}

func TestReadReportRefusesOtherInput(t *testing.T) {
	for _, in := range []string{"", "ok  \texample.com/m\t0.1s\n", `{"Action":"start","Package":"p"}`} {
		if _, err := readReport(strings.NewReader(in)); err == nil {
			t.Errorf("readReport(%q) accepted it", in)
		}
	}
}
