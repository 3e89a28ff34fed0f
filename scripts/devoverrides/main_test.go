package main

import (
	"reflect"
	"testing"
)

func TestParse(t *testing.T) {
	got, err := parse([]string{"sarvamai/sarvam=/tmp/bin", "hashicorp/http=/tmp/a=b"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"sarvamai/sarvam": "/tmp/bin", "hashicorp/http": "/tmp/a=b"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for _, bad := range [][]string{{"sarvamai/sarvam"}, {"=/tmp"}, {"a/b="}, {"a/b=/x", "a/b=/y"}} {
		if _, err := parse(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
