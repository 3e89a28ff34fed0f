package provider

import (
	"bufio"
	"bytes"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The package's layers, top to bottom (doc.go describes them). A file may
// use what its own layer and the layers below it declare, never what a
// layer above declares.
var layers = []struct {
	name  string
	files *regexp.Regexp
}{
	{"provider", regexp.MustCompile(`^(doc|provider|configure)\.go$`)},
	{"functions", regexp.MustCompile(`^(function_.*|calling_window)\.go$`)},
	{"data sources", regexp.MustCompile(`^.*(_data_source|_ephemeral_resource)\.go$`)},
	{"data source plumbing", regexp.MustCompile(`^(datasource.*|byname|state)\.go$`)},
	{"helpers", regexp.MustCompile(`^(model_helpers|schema_helpers|validators|diagnostics|log_levels|settings)\.go$`)},
}

// knownUpward are upward references that are known and left for a later
// change, each as "file uses identifier". There are none.
var knownUpward = map[string]bool{}

// layerOf is the index in layers of the file name, or -1.
func layerOf(name string) int {
	for i, l := range layers {
		if l.files.MatchString(name) {
			return i
		}
	}
	return -1
}

// upwardReference is a use, in a file, of what a file of a higher layer
// declares.
type upwardReference struct {
	pos, ident, declaredIn string
	from, to               int
}

func (u upwardReference) String() string {
	return fmt.Sprintf("%s (layer %q) uses %s, declared in %s (layer %q, above it)",
		u.pos, layers[u.from].name, u.ident, u.declaredIn, layers[u.to].name)
}

// exportLookup finds the compiled export data of the package's imports,
// through go list, for the type checker.
func exportLookup(dir string) (func(path string) (io.ReadCloser, error), error) {
	cmd := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", ".")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go list: %w: %s", err, stderr.String())
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if p, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
			exports[p] = file
		}
	}
	return func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(file)
	}, nil
}

// upwardReferences type-checks the non-test Go files of dir and returns
// every use of a package-level identifier, a method or a field declared in
// a file of a higher layer, and the files no layer takes.
func upwardReferences(dir string) ([]upwardReference, []string, error) {
	lookup, err := exportLookup(dir)
	if err != nil {
		return nil, nil, err
	}
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	var files []*ast.File
	var unplaced []string
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, nil, err
		}
		if layerOf(filepath.Base(name)) < 0 {
			unplaced = append(unplaced, filepath.Base(name))
		}
		files = append(files, f)
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	pkg, err := conf.Check("provider", fset, files, info)
	if err != nil {
		return nil, nil, err
	}
	var out []upwardReference
	seen := map[string]bool{}
	for ident, obj := range info.Uses {
		if obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		switch o := obj.(type) {
		case *types.Func, *types.Var, *types.TypeName, *types.Const:
			// A local, a parameter or a type parameter is declared in the
			// file that uses it.
			if o.Parent() != nil && o.Parent() != pkg.Scope() {
				continue
			}
		default:
			continue
		}
		use, decl := fset.Position(ident.Pos()), fset.Position(obj.Pos())
		from, to := layerOf(filepath.Base(use.Filename)), layerOf(filepath.Base(decl.Filename))
		if from < 0 || to < 0 || to >= from {
			continue
		}
		u := upwardReference{
			pos:   fmt.Sprintf("%s:%d", filepath.Base(use.Filename), use.Line),
			ident: obj.Name(), declaredIn: filepath.Base(decl.Filename), from: from, to: to,
		}
		if !seen[u.String()] {
			seen[u.String()] = true
			out = append(out, u)
		}
	}
	slices.SortFunc(out, func(a, b upwardReference) int { return strings.Compare(a.String(), b.String()) })
	return out, unplaced, nil
}

// TestLayers fails when a file of the package uses what a file of a higher
// layer declares, such as data source plumbing calling into a data
// source's file, or when a file is in no layer.
func TestLayers(t *testing.T) {
	refs, unplaced, err := upwardReferences(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range unplaced {
		t.Errorf("%s is in no layer: add it to layers in layers_test.go and to doc.go", name)
	}
	known := map[string]bool{}
	for _, u := range refs {
		key := strings.SplitN(u.pos, ":", 2)[0] + " uses " + u.ident
		if knownUpward[key] {
			known[key] = true
			continue
		}
		t.Error(u)
	}
	for key := range knownUpward {
		if !known[key] {
			t.Errorf("knownUpward lists %q, which is no longer an upward reference: remove it", key)
		}
	}
}
