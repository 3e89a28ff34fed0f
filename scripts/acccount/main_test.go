package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCount(t *testing.T) {
	report := `{"Action":"run","Test":"TestAccA"}
{"Action":"pass","Test":"TestAccA"}
{"Action":"pass","Test":"TestAccA/sub"}
{"Action":"fail","Test":"TestAccB"}
{"Action":"skip","Test":"TestAccC"}
{"Action":"pass","Test":"TestOther"}
{"Action":"pass"}
not an event
`
	p := filepath.Join(t.TempDir(), "r.json")
	if err := os.WriteFile(p, []byte(report), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := count(f)
	if err != nil {
		t.Fatal(err)
	}
	if got["pass"] != 1 || got["fail"] != 1 || got["skip"] != 1 {
		t.Fatalf("counts %v, want one each", got)
	}
}
