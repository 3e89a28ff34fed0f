package client

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// TestLayers holds the package to the order of its files in the package
// comment (doc.go): a file may use the names the files listed after it
// declare, top-level names, methods and fields alike, and never one from a
// file listed before it. Every file must be listed.
func TestLayers(t *testing.T) {
	layerOf, err := docLayers("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	for name := range layerOf {
		if _, err := os.Stat(name); err != nil {
			t.Errorf("the package comment lists %s: %v", name, err)
		}
	}
	ups, err := upwardReferences(".", layerOf)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d files in %d layers, %d upward references", len(layerOf), maxLayer(layerOf), len(ups))
	for _, u := range ups {
		t.Error(u)
	}
}

// The check itself: a package whose bottom file uses a name of its top one
// is refused, naming both files, their layers and the name.
func TestLayersRefuseAnUpwardReference(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"top.go":    "package client\n\nfunc Top() int { return bottom() }\n",
		"bottom.go": "package client\n\nfunc bottom() int { return len(topName) }\n",
		"names.go":  "package client\n\nconst topName = \"x\"\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ups, err := upwardReferences(dir, map[string]int{"top.go": 1, "names.go": 1, "bottom.go": 2})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"bottom.go (layer 2) uses topName, declared in names.go (layer 1) above it"}
	if !slices.Equal(ups, want) {
		t.Fatalf("got %q, want %q", ups, want)
	}
}

// docLayers numbers the files of the package comment's list, 1 for the
// first item: an item is a line "  - a.go, b.go: what they hold".
func docLayers(docFile string) (map[string]int, error) {
	f, err := parser.ParseFile(token.NewFileSet(), docFile, nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	if f.Doc == nil {
		return nil, fmt.Errorf("%s has no package comment", docFile)
	}
	layerOf := map[string]int{}
	layer := 0
	for _, line := range strings.Split(f.Doc.Text(), "\n") {
		item, ok := strings.CutPrefix(line, "  - ")
		if !ok {
			continue
		}
		names, _, ok := strings.Cut(item, ":")
		if !ok {
			return nil, fmt.Errorf("%s: the item %q names no files before a colon", docFile, item)
		}
		layer++
		for _, name := range strings.Split(names, ",") {
			layerOf[strings.TrimSpace(name)] = layer
		}
	}
	// The package comment's own file declares nothing: it sits above all.
	layerOf[docFile] = 0
	return layerOf, nil
}

// maxLayer is the number of the lowest layer.
func maxLayer(layerOf map[string]int) int {
	n := 0
	for _, l := range layerOf {
		n = max(n, l)
	}
	return n
}

// upwardReferences type-checks the package's non-test files in dir and
// names every use, in a file of a lower layer (a higher number), of a name
// declared in a file of a higher one, once per file, name and declaring
// file; and every file without a layer.
func upwardReferences(dir string, layerOf map[string]int) ([]string, error) {
	fset := token.NewFileSet()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	var problems []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, filepath.Base(name), src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		if _, ok := layerOf[filepath.Base(name)]; !ok {
			problems = append(problems, fmt.Sprintf("%s has no layer", filepath.Base(name)))
		}
		files = append(files, f)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: &moduleImporter{fset: fset, std: importer.Default(), done: map[string]*types.Package{}}}
	pkg, err := conf.Check("client", fset, files, info)
	if err != nil {
		return nil, err
	}
	for id, obj := range info.Uses {
		if obj.Pkg() != pkg || !packageLevel(pkg, obj) {
			continue
		}
		obj = genericOrigin(obj)
		user, decl := fset.Position(id.Pos()).Filename, fset.Position(obj.Pos()).Filename
		if layerOf[user] > layerOf[decl] {
			problems = append(problems, fmt.Sprintf("%s (layer %d) uses %s, declared in %s (layer %d) above it",
				user, layerOf[user], obj.Name(), decl, layerOf[decl]))
		}
	}
	sort.Strings(problems)
	return slices.Compact(problems), nil
}

// packageLevel reports whether obj is declared at the package's top level,
// or is a method or field of a type declared there: a name one file may
// take from another.
func packageLevel(pkg *types.Package, obj types.Object) bool {
	switch o := obj.(type) {
	case *types.Func:
		sig, _ := o.Type().(*types.Signature)
		return o.Parent() == pkg.Scope() || (sig != nil && sig.Recv() != nil)
	case *types.Var:
		return o.Parent() == pkg.Scope() || o.IsField()
	default:
		return obj.Parent() == pkg.Scope()
	}
}

// genericOrigin is the declared method or field behind one of an
// instantiated generic type, which is where its position is.
func genericOrigin(obj types.Object) types.Object {
	switch o := obj.(type) {
	case *types.Func:
		return o.Origin()
	case *types.Var:
		return o.Origin()
	}
	return obj
}

// modulePath is this module's path, and moduleRoot its directory from here.
const (
	modulePath = "github.com/sarvamai/terraform-provider-sarvam"
	moduleRoot = "../.."
)

// moduleImporter type-checks the module's own packages from source and
// leaves the standard library to std.
type moduleImporter struct {
	fset *token.FileSet
	std  types.Importer
	done map[string]*types.Package
}

func (m *moduleImporter) Import(path string) (*types.Package, error) {
	rest, ok := strings.CutPrefix(path, modulePath+"/")
	if !ok {
		return m.std.Import(path)
	}
	if pkg, ok := m.done[path]; ok {
		return pkg, nil
	}
	names, err := filepath.Glob(filepath.Join(moduleRoot, rest, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(m.fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	pkg, err := (&types.Config{Importer: m}).Check(path, m.fset, files, nil)
	m.done[path] = pkg
	return pkg, err
}
