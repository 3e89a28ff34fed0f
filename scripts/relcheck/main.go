// Command relcheck checks RELIABILITY.md against a go test -json report:
// every test the matrix names must have run, and passed, in that report. It
// also checks the file against the module's code, read from the file's own
// directory: every package.Name it names in backticks must be declared there
// (or, for another package, used there), with the value it gives, and every
// repository path must exist.
//
//	relcheck REPORT.json [RELIABILITY.md]
//
// make test writes the report and runs relcheck after the tests, so a row
// that names a test or subtest which does not exist, or did not pass, fails
// the build.
package main

import (
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: relcheck REPORT.json [RELIABILITY.md]")
		os.Exit(2)
	}
	docPath := "RELIABILITY.md"
	if len(os.Args) == 3 {
		docPath = os.Args[2]
	}
	report, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "relcheck:", err)
		os.Exit(2)
	}
	defer report.Close()
	results, err := readReport(report)
	if err != nil {
		fmt.Fprintf(os.Stderr, "relcheck: %s: %v\n", os.Args[1], err)
		os.Exit(2)
	}
	doc, err := os.ReadFile(docPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "relcheck:", err)
		os.Exit(2)
	}
	src, err := loadCode(os.DirFS(filepath.Dir(docPath)))
	if err != nil {
		fmt.Fprintln(os.Stderr, "relcheck: reading the code:", err)
		os.Exit(2)
	}
	summary, problems := check(docPath, string(doc), results, src)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(os.Stderr, "relcheck: %d problems in %s\n", len(problems), docPath)
		os.Exit(1)
	}
	fmt.Println(summary)
}
