package main

import (
	"reflect"
	"strings"
	"testing"
)

// report is go test -json's stream for two packages: one with a pass, a
// skipped test, a test whose two subtests skip for another reason and a
// failed test; one that did not build.
const report = `{"Action":"start","Package":"example.com/a"}
{"Action":"run","Package":"example.com/a","Test":"TestOK"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"=== RUN   TestOK\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"    ok_test.go:9: logged, not a skip\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOK","Output":"--- PASS: TestOK (0.00s)\n"}
{"Action":"pass","Package":"example.com/a","Test":"TestOK","Elapsed":0}
{"Action":"run","Package":"example.com/a","Test":"TestOld"}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"=== RUN   TestOld\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"    tfversion_checks.go:27: OpenTofu 1.6.3 has no provider functions (OpenTofu has them from 1.7.0): skipping test\n"}
{"Action":"output","Package":"example.com/a","Test":"TestOld","Output":"--- SKIP: TestOld (0.01s)\n"}
{"Action":"skip","Package":"example.com/a","Test":"TestOld","Elapsed":0.01}
{"Action":"run","Package":"example.com/a","Test":"TestSubs"}
{"Action":"run","Package":"example.com/a","Test":"TestSubs/one"}
{"Action":"output","Package":"example.com/a","Test":"TestSubs/one","Output":"    subs_test.go:5: needs a network\n"}
{"Action":"output","Package":"example.com/a","Test":"TestSubs/one","Output":"    --- SKIP: TestSubs/one (0.00s)\n"}
{"Action":"skip","Package":"example.com/a","Test":"TestSubs/one","Elapsed":0}
{"Action":"run","Package":"example.com/a","Test":"TestSubs/two"}
{"Action":"output","Package":"example.com/a","Test":"TestSubs/two","Output":"    subs_test.go:5: needs a network\n"}
{"Action":"skip","Package":"example.com/a","Test":"TestSubs/two","Elapsed":0}
{"Action":"pass","Package":"example.com/a","Test":"TestSubs","Elapsed":0}
{"Action":"run","Package":"example.com/a","Test":"TestBad"}
{"Action":"output","Package":"example.com/a","Test":"TestBad","Output":"    bad_test.go:3: got 1, want 2\n"}
{"Action":"fail","Package":"example.com/a","Test":"TestBad","Elapsed":0}
{"Action":"fail","Package":"example.com/a","Elapsed":0.5}
{"Action":"start","Package":"example.com/b"}
{"Action":"output","Package":"example.com/b","Output":"FAIL\texample.com/b [build failed]\n"}
{"Action":"fail","Package":"example.com/b","Elapsed":0}
`

func TestCount(t *testing.T) {
	got, err := count(strings.NewReader(report))
	if err != nil {
		t.Fatal(err)
	}
	want := counts{
		Passed: 2, Skipped: 3, Failed: 2,
		SkipReasons: []skipReason{
			{"needs a network", 2},
			{"OpenTofu 1.6.3 has no provider functions (OpenTofu has them from 1.7.0): skipping test", 1},
		},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestCountRefusesWhatIsNotAReport(t *testing.T) {
	for in, want := range map[string]string{
		"":                            "the report is empty",
		"ok  \texample.com/a\t0.1s\n": "not a go test -json report: invalid character 'o' looking for beginning of value",
		`{"Action":"pass","Package":"example.com/a","Test":"T"`: "not a go test -json report: unexpected EOF",
	} {
		if _, err := count(strings.NewReader(in)); err == nil || err.Error() != want {
			t.Errorf("%q: got error %v, want %q", in, err, want)
		}
	}
}
