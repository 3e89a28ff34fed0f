package fakeapi

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// fakeOnly are the fields the fake knows that the client does not read, by
// path: the API sends them, and the provider has no use for them.
var fakeOnly = map[string]string{
	"webhook.signing_secret": "sent only when a configuration is created; never stored by the provider",
}

// The fake's shapes and the client's types describe the same API: every
// field the client reads is one the fake checks fixtures for, of the same
// kind, and every field the fake knows the client reads, but for fakeOnly.
// A field added to the client's types fails this test until schema.go says
// what the API promises of it (required, null, an enum's values).
func TestShapesAreTheClientsTypes(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    shape
		typ  reflect.Type
	}{
		{"campaign", campaignShape, reflect.TypeFor[client.Campaign]()},
		{"cohort", cohortShape, reflect.TypeFor[client.Cohort]()},
		{"webhook", webhookShape, reflect.TypeFor[client.WebhookConfiguration]()},
	} {
		for _, p := range compareShape(tc.name, tc.s, tc.typ) {
			t.Error(p)
		}
	}
}

// The comparison itself finds a field on one side only and a kind that
// differs, at any depth.
func TestCompareShapeFindsDifferences(t *testing.T) {
	type inner struct {
		N *int64 `json:"n"`
	}
	type typ struct {
		A *string `json:"a"`
		B *inner  `json:"b"`
		C []*bool `json:"c"`
		D *string `json:"d"`
	}
	s := obj(opt("a", sString), opt("b", obj(opt("n", sString))), opt("c", listOf(sBool)), opt("e", sString))
	got := compareShape("x", s, reflect.TypeFor[typ]())
	want := []string{
		"x.b.n: the fake checks a string, the client reads int64",
		"x.e: the fake knows it, the client's type does not read it",
		"x.d: the client reads it (*string), the fake's shape does not know it",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := compareShape("x", obj(opt("a", sString), opt("b", obj(opt("n", sInteger))), opt("c", listOf(sBool)), opt("d", sTimestamp)), reflect.TypeFor[typ]()); len(got) != 0 {
		t.Fatalf("alike, but got %q", got)
	}
}

// compareShape lists where s and the Go type t the client decodes into
// disagree, at path.
func compareShape(path string, s shape, t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	mismatch := func() []string {
		return []string{path + ": the fake checks " + s.what() + ", the client reads " + t.String()}
	}
	switch s.kind {
	case kObject:
		if t.Kind() != reflect.Struct {
			return mismatch()
		}
		var out []string
		fields := jsonFields(t)
		for _, f := range s.fields {
			p := path + "." + f.name
			ft, ok := fields[f.name]
			switch {
			case ok:
				out = append(out, compareShape(p, f.shape, ft)...)
			case fakeOnly[p] == "":
				out = append(out, p+": the fake knows it, the client's type does not read it")
			}
		}
		for _, name := range slices.Sorted(maps.Keys(fields)) {
			if !slices.ContainsFunc(s.fields, func(f field) bool { return f.name == name }) {
				out = append(out, path+"."+name+": the client reads it ("+fields[name].String()+"), the fake's shape does not know it")
			}
		}
		return out
	case kList:
		if t.Kind() != reflect.Slice || t == reflect.TypeFor[json.RawMessage]() {
			return mismatch()
		}
		return compareShape(path+"[]", *s.elem, t.Elem())
	case kFree:
		if t != reflect.TypeFor[json.RawMessage]() && t.Kind() != reflect.Map {
			return mismatch()
		}
	case kStringMap:
		if t.Kind() != reflect.Map || strings.TrimLeft(t.Elem().String(), "*") != "string" {
			return mismatch()
		}
	case kIntegers:
		if t != reflect.TypeFor[client.IntegerList]() {
			return mismatch()
		}
	case kString, kTimestamp, kEnum:
		if t.Kind() != reflect.String {
			return mismatch()
		}
	case kInteger:
		if t.Kind() != reflect.Int64 && t.Kind() != reflect.Int {
			return mismatch()
		}
	case kNumber:
		if t.Kind() != reflect.Float64 {
			return mismatch()
		}
	case kBool:
		if t.Kind() != reflect.Bool {
			return mismatch()
		}
	}
	return nil
}

// jsonFields are the fields encoding/json decodes into struct t, by name,
// those of embedded structs included.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		switch name {
		case "-":
			continue
		case "":
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}
