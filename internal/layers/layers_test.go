package layers

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// doc is a package comment listing top.go and names.go above bottom.go.
const doc = `// Package p is a test package.
//
// Its files read from the top down:
//
//   - top.go,
//     name*.go: the top layer,
//     on two lines.
//   - bottom.go: the bottom layer.
//
// A paragraph after the list.
//
//   - after.go: not a layer.
package p
`

// writePackage writes the files, by name, into a new directory.
func writePackage(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// check runs Check on the files and wants exactly the problems given.
func check(t *testing.T, files map[string]string, want ...string) {
	t.Helper()
	got, err := Check(writePackage(t, files))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got %q,\nwant %q", got, want)
	}
}

func TestLayersPassAPackageInItsLayers(t *testing.T) {
	check(t, map[string]string{
		"doc.go":      doc,
		"top.go":      "package p\n\nfunc Top() int { return bottom() + len(topName) }\n",
		"names.go":    "package p\n\nconst topName = \"x\"\n",
		"bottom.go":   "package p\n\nimport \"strings\"\n\nfunc bottom() int { return len(strings.ToUpper(\"b\")) }\n",
		"top_test.go": "package p\n\nvar _ = Top\n",
	})
}

// A package whose bottom file uses a name of its top one is refused,
// naming both files, their layers and the name, once however often it is
// used.
func TestLayersRefuseAnUpwardReference(t *testing.T) {
	check(t, map[string]string{
		"doc.go":    doc,
		"top.go":    "package p\n\nfunc Top() int { return bottom() }\n",
		"bottom.go": "package p\n\nfunc bottom() int { return len(topName) + len(topName) }\n",
		"names.go":  "package p\n\nconst topName = \"x\"\n",
	}, "bottom.go (layer 2) uses topName, declared in names.go (layer 1) above it")
}

// Methods and fields count as much as top-level names.
func TestLayersRefuseAnUpwardMethodOrField(t *testing.T) {
	check(t, map[string]string{
		"doc.go":    doc,
		"top.go":    "package p\n\nfunc (b *Base) Top() int { return b.n }\n\nfunc (b *Base) Extra() int { return 0 }\n",
		"names.go":  "package p\n\ntype Wrapper struct{ Base; added int }\n",
		"bottom.go": "package p\n\ntype Base struct{ n int }\n\nfunc use(b *Base, w Wrapper) int { return b.Extra() + w.added + w.n }\n",
	},
		"bottom.go (layer 2) uses Extra, declared in top.go (layer 1) above it",
		"bottom.go (layer 2) uses Wrapper, declared in names.go (layer 1) above it",
		"bottom.go (layer 2) uses added, declared in names.go (layer 1) above it",
	)
}

// Every non-test file must be in a layer, and every plain name listed must
// be a file; a glob must match one.
func TestLayersRefuseAFileOutOfTheList(t *testing.T) {
	check(t, map[string]string{
		"doc.go":   doc,
		"top.go":   "package p\n",
		"extra.go": "package p\n",
	},
		"extra.go is in no layer of the package comment",
		"layer 1 of the package comment lists name*.go, which matches no file",
		"layer 2 of the package comment lists bottom.go, which is no file of the package",
	)
}

func TestLayersRefuseAFileInTwoLayers(t *testing.T) {
	check(t, map[string]string{
		"doc.go": strings.Replace(doc, "bottom.go: the bottom", "bottom.go, n*.go: the bottom", 1),
		"top.go": "package p\n", "names.go": "package p\n", "bottom.go": "package p\n",
	}, "names.go is in layers 1 and 2 of the package comment")
}

// The package comment's own file may be named, in a layer like any other.
func TestLayersTakeTheCommentsFileInAList(t *testing.T) {
	check(t, map[string]string{
		"doc.go":   strings.Replace(doc, "bottom.go: the", "bottom.go, doc.go: the", 1),
		"top.go":   "package p\n\nconst Top = 1\n",
		"names.go": "package p\n", "bottom.go": "package p\n",
	})
}

func TestLayersNeedAList(t *testing.T) {
	for _, tc := range []struct {
		doc, want string
	}{
		{"// Package p has no list.\npackage p\n",
			`no package comment has a paragraph beginning "Its files read from the top down"`},
		{"// Package p.\n//\n// Its files read from the top down.\n//\n// No bullets.\npackage p\n",
			`doc.go: no bullets follow "Its files read from the top down"`},
		{"// Package p.\n//\n// Its files read from the top down.\n//\n//   - top.go is here,\n//     on two lines.\npackage p\n",
			`doc.go: the bullet "top.go is here, on two lines." names no files before a colon`},
	} {
		_, err := Check(writePackage(t, map[string]string{"doc.go": tc.doc}))
		if err == nil || err.Error() != tc.want {
			t.Errorf("got %v, want %s", err, tc.want)
		}
	}
}

func TestLayersNeedAPackageThatCompiles(t *testing.T) {
	_, err := Check(writePackage(t, map[string]string{
		"doc.go": doc, "top.go": "package p\n\nvar x int = \"s\"\n",
	}))
	want := `top.go:3:13: cannot use "s" (untyped string constant) as int value in variable declaration`
	if err == nil || err.Error() != want {
		t.Fatalf("got %v, want %s", err, want)
	}
	empty := t.TempDir()
	if _, err := Check(empty); err == nil || err.Error() != empty+" holds no Go files" {
		t.Fatalf("an empty directory: got %v", err)
	}
}

// recorder is a testing.TB that keeps what Test reports instead of failing.
type recorder struct {
	testing.TB
	errors, fatals []string
}

func (r *recorder) Helper()           {}
func (r *recorder) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }
func (r *recorder) Fatal(args ...any) { r.fatals = append(r.fatals, fmt.Sprint(args...)) }

// Test reports each problem as an error of its own, and a package it cannot
// check as a fatal error.
func TestLayersTestReportsEachProblem(t *testing.T) {
	var r recorder
	Test(&r, writePackage(t, map[string]string{
		"doc.go":    doc,
		"top.go":    "package p\n\nfunc Top() int { return bottom() }\n",
		"bottom.go": "package p\n\nfunc bottom() int { return len(topName) }\n",
		"names.go":  "package p\n\nconst topName = \"x\"\n",
		"extra.go":  "package p\n",
	}))
	want := []string{"bottom.go (layer 2) uses topName, declared in names.go (layer 1) above it", "extra.go is in no layer of the package comment"}
	if !slices.Equal(r.errors, want) || r.fatals != nil {
		t.Fatalf("errors %q, fatal %q; want errors %q", r.errors, r.fatals, want)
	}

	r = recorder{}
	Test(&r, writePackage(t, map[string]string{"doc.go": "// Package p has no list.\npackage p\n"}))
	if want := []string{`no package comment has a paragraph beginning "Its files read from the top down"`}; !slices.Equal(r.fatals, want) || r.errors != nil {
		t.Fatalf("errors %q, fatal %q; want fatal %q", r.errors, r.fatals, want)
	}
}
