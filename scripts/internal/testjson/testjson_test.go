package testjson

import (
	"strings"
	"testing"
)

const report = `{"Action":"run","Package":"p","Test":"TestA"}
{"Action":"output","Package":"p","Test":"TestA","Output":"hello\n"}
{"Action":"pass","Package":"p","Test":"TestA/sub","Elapsed":0.5}
{"Action":"fail","Package":"p","Test":"TestA","Elapsed":1.5}
{"Action":"skip","Package":"p"}
`

func TestRead(t *testing.T) {
	var got []string
	n, err := Read(strings.NewReader(report), func(e Event) {
		got = append(got, e.Action+" "+e.Test+" "+e.Outcome()+" "+strings.TrimSpace(e.Output))
		if e.Action == "fail" && (e.Elapsed != 1.5 || !e.TopLevel()) {
			t.Errorf("fail event %+v: want Elapsed 1.5, top level", e)
		}
		if e.Test == "TestA/sub" && e.TopLevel() {
			t.Error("a subtest is not top level")
		}
		if e.Test == "" && e.TopLevel() {
			t.Error("a package's event is not a test's")
		}
	})
	if err != nil || n != 5 {
		t.Fatalf("Read = %d, %v; want 5 events", n, err)
	}
	want := []string{"run TestA  ", "output TestA  hello", "pass TestA/sub pass ", "fail TestA fail ", "skip  skip "}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("events\n%q\nwant\n%q", got, want)
	}
}

func TestReadStopsAtNonEvent(t *testing.T) {
	n, err := Read(strings.NewReader(report+"not an event\n"+report), func(Event) {})
	if n != 5 || err == nil || !strings.Contains(err.Error(), "not a go test -json report") {
		t.Fatalf("Read = %d, %v; want 5 events and an error", n, err)
	}
	n, err = Read(strings.NewReader(report+`{"Action":"pa`), func(Event) {})
	if n != 5 || err == nil {
		t.Fatalf("a half-written last line: Read = %d, %v; want 5 events and an error", n, err)
	}
}

func TestReadLinesPassesOverNonEvents(t *testing.T) {
	n, err := ReadLines(strings.NewReader(report+"not an event\n"+report), func(Event) {})
	if err != nil || n != 10 {
		t.Fatalf("ReadLines = %d, %v; want 10 events", n, err)
	}
}
