// Package testjson reads the event stream that go test -json writes, for
// the commands below scripts that count, time and check a run's tests.
package testjson

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Event is one line of a go test -json report. An event with no Test is
// about its package as a whole.
type Event struct {
	Action  string
	Package string
	Test    string
	Output  string
	Elapsed float64 // seconds, on an outcome
}

// Outcome is the test's (or, without Test, the package's) result when the
// event ends it: "pass", "fail" or "skip"; otherwise "".
func (e Event) Outcome() string {
	switch e.Action {
	case "pass", "fail", "skip":
		return e.Action
	}
	return ""
}

// TopLevel tells a test from a subtest and from its package's own events.
func (e Event) TopLevel() bool {
	return e.Test != "" && !strings.Contains(e.Test, "/")
}

// Read calls fn with each event of r in order and returns how many there
// were. It stops at the first thing that is not an event and says so; a
// report that is still being written may end in half a line.
func Read(r io.Reader, fn func(Event)) (int, error) {
	n := 0
	dec := json.NewDecoder(r)
	for {
		var ev Event
		err := dec.Decode(&ev)
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, fmt.Errorf("not a go test -json report: %w", err)
		}
		n++
		fn(ev)
	}
}

// ReadLines is Read for a report that may hold lines that are not events,
// such as a build's output written beside them: it passes over them.
func ReadLines(r io.Reader, fn func(Event)) (int, error) {
	n := 0
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var ev Event
		if err := json.Unmarshal(sc.Bytes(), &ev); err != nil {
			continue
		}
		n++
		fn(ev)
	}
	return n, sc.Err()
}
