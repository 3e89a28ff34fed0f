// Command testcount reads a go test -json report.
//
//	testcount REPORT.json
//	testcount -profile N REPORT.json...
//	testcount -progress DURATION REPORT.json...
//
// With no flag, for make matrix's table, it prints the passed, skipped and
// failed counts on one line, then each distinct reason a test was skipped
// for, with how many tests it skipped. Every test and subtest counts once; a
// package that failed without a failed test (a build error, a panic, a
// timeout) counts as one failure.
//
// With -profile it prints how long each package took and the N slowest
// top-level tests, over every report named (make test-profile).
//
// With -progress it reads the reports every DURATION while go test is still
// writing it, and prints a line of what has run so far, until it is killed
// (make test, so that a long package never looks hung).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	slowest := flag.Int("profile", 0, "print each package's time and the `N` slowest tests")
	every := flag.Duration("progress", 0, "print a progress line every `DURATION` until killed")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: testcount REPORT.json | testcount -profile N REPORT.json... | testcount -progress DURATION REPORT.json...")
	}
	flag.Parse()
	args := flag.Args()
	switch {
	case *slowest > 0:
		if len(args) == 0 {
			flag.Usage()
			os.Exit(2)
		}
		readers := make([]io.Reader, 0, len(args))
		for _, name := range args {
			f, err := os.Open(name)
			if err != nil {
				fmt.Fprintln(os.Stderr, "testcount:", err)
				os.Exit(2)
			}
			defer f.Close()
			readers = append(readers, f)
		}
		p, err := readProfile(io.MultiReader(readers...), *slowest)
		if err != nil {
			fmt.Fprintln(os.Stderr, "testcount:", err)
			os.Exit(2)
		}
		p.print(os.Stdout)
	case *every > 0:
		if len(args) == 0 {
			flag.Usage()
			os.Exit(2)
		}
		start := time.Now()
		for range time.Tick(*every) {
			var all progress
			for _, name := range args {
				f, err := os.Open(name)
				if err != nil {
					continue // go test has not started writing it yet
				}
				all = all.add(readProgress(f))
				f.Close()
			}
			fmt.Println(all.line(time.Since(start)))
		}
	default:
		if len(args) != 1 {
			flag.Usage()
			os.Exit(2)
		}
		countReport(args[0])
	}
}

func countReport(name string) {
	f, err := os.Open(name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testcount:", err)
		os.Exit(2)
	}
	defer f.Close()
	c, err := count(f)
	if err != nil {
		fmt.Fprintf(os.Stderr, "testcount: %s: %v\n", name, err)
		os.Exit(2)
	}
	fmt.Println(c.Passed, c.Skipped, c.Failed)
	for _, r := range c.SkipReasons {
		if r.Reason == "" {
			r.Reason = "(no reason logged)"
		}
		fmt.Printf("%d skipped: %s\n", r.Tests, r.Reason)
	}
}
