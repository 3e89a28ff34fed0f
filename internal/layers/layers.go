// Package layers checks that a package's files use only what the files below
// them declare, in the order its package comment lists them.
//
// The list is the bullet list after a paragraph that begins "Its files read
// from the top down". Each bullet begins with the files of one layer, plain
// names or globs separated by commas (a.go, *_data_source.go), then a colon
// and what they hold:
//
//	// Its files read from the top down. ...:
//	//
//	//   - top.go, *_top.go: what they hold.
//	//   - bottom.go: what it holds.
//
// The top bullet is the top layer. A file may use what the files of its own
// layer and of the layers below declare, top-level names, methods and fields
// alike, and never one from a layer above. The file holding the package
// comment declares nothing and sits above every layer unless a bullet names
// it. Test files are not checked.
package layers

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
	"slices"
	"strings"
	"testing"
)

// listIntro begins the paragraph the list of layers follows.
const listIntro = "Its files read from the top down"

// layer is one bullet of the list: its file names and globs.
type layer struct {
	patterns []string
}

// Test fails t with each problem Check finds in the package in dir, or
// with its error: the whole of a package's TestLayers.
func Test(t testing.TB, dir string) {
	t.Helper()
	problems, err := Check(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// Check reads the package comment of the package in dir and type-checks the
// package's non-test files. Its problems are each use, in a file, of a name
// declared in a file of a layer above, once per file, name and declaring
// file ("bottom.go (layer 2) uses X, declared in top.go (layer 1) above
// it"); each file in no layer or in two; each plain name listed that is no
// file; and each glob that matches none. An error is a package that cannot
// be read, has no list or does not type-check.
func Check(dir string) (problems []string, err error) {
	fset := token.NewFileSet()
	files, err := parseDir(fset, dir)
	if err != nil {
		return nil, err
	}
	layers, docFile, err := readList(files)
	if err != nil {
		return nil, err
	}
	layerOf, problems := assign(files, layers, docFile)
	ups, err := upwardReferences(fset, dir, files, layerOf)
	if err != nil {
		return nil, err
	}
	problems = append(problems, ups...)
	slices.Sort(problems)
	return slices.Compact(problems), nil
}

// file is one parsed non-test file of the package, by its base name.
type file struct {
	name string
	ast  *ast.File
}

// parseDir parses the non-test Go files of dir, with their comments.
func parseDir(fset *token.FileSet, dir string) ([]file, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	var files []file
	for _, path := range names {
		name := filepath.Base(path)
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		files = append(files, file{name, f})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no Go files", dir)
	}
	return files, nil
}

// readList finds the package comment with the list of layers and reads its
// bullets, top first: a bullet is a line "  - a.go, *_b.go: what they
// hold", the names may run onto its indented continuation lines, and the
// list ends at the first line of text not indented.
func readList(files []file) ([]layer, string, error) {
	for _, f := range files {
		if f.ast.Doc == nil {
			continue
		}
		lines := strings.Split(f.ast.Doc.Text(), "\n")
		start := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, listIntro) })
		if start < 0 {
			continue
		}
		// Each bullet with its continuation lines, which the file names
		// may run onto.
		var items []string
		for _, line := range lines[start+1:] {
			if item, ok := strings.CutPrefix(line, "  - "); ok {
				items = append(items, item)
			} else if strings.HasPrefix(line, "    ") && len(items) > 0 {
				items[len(items)-1] += " " + strings.TrimSpace(line)
			} else if line != "" && len(items) > 0 {
				break
			}
		}
		var layers []layer
		for _, item := range items {
			names, _, ok := strings.Cut(item, ":")
			if !ok {
				return nil, "", fmt.Errorf("%s: the bullet %q names no files before a colon", f.name, item)
			}
			var l layer
			for _, name := range strings.Split(names, ",") {
				l.patterns = append(l.patterns, strings.TrimSpace(name))
			}
			layers = append(layers, l)
		}
		if len(layers) == 0 {
			return nil, "", fmt.Errorf("%s: no bullets follow %q", f.name, listIntro)
		}
		return layers, f.name, nil
	}
	return nil, "", fmt.Errorf("no package comment has a paragraph beginning %q", listIntro)
}

// assign numbers each file with its layer, 1 for the top bullet and 0 for
// the package comment's own file when no bullet names it, and names what
// does not add up: a file in no layer or in two, a plain name that is no
// file, a glob that matches none.
func assign(files []file, layers []layer, docFile string) (map[string]int, []string) {
	var problems []string
	layerOf := map[string]int{}
	matched := map[string]bool{}
	for _, f := range files {
		var in []int
		for i, l := range layers {
			for _, p := range l.patterns {
				if ok, _ := filepath.Match(p, f.name); ok {
					matched[p] = true
					if !slices.Contains(in, i+1) {
						in = append(in, i+1)
					}
				}
			}
		}
		switch {
		case len(in) == 1:
			layerOf[f.name] = in[0]
		case len(in) > 1:
			layerOf[f.name] = in[0]
			problems = append(problems, fmt.Sprintf("%s is in layers %d and %d of the package comment", f.name, in[0], in[1]))
		case f.name == docFile:
			layerOf[f.name] = 0
		default:
			problems = append(problems, fmt.Sprintf("%s is in no layer of the package comment", f.name))
		}
	}
	for i, l := range layers {
		for _, p := range l.patterns {
			switch {
			case matched[p]:
			case strings.ContainsAny(p, `*?[\`):
				problems = append(problems, fmt.Sprintf("layer %d of the package comment lists %s, which matches no file", i+1, p))
			default:
				problems = append(problems, fmt.Sprintf("layer %d of the package comment lists %s, which is no file of the package", i+1, p))
			}
		}
	}
	return layerOf, problems
}

// upwardReferences type-checks the files and names every use, in a file of
// a lower layer (a higher number), of a name declared in a file of a higher
// one.
func upwardReferences(fset *token.FileSet, dir string, files []file, layerOf map[string]int) ([]string, error) {
	var asts []*ast.File
	for _, f := range files {
		asts = append(asts, f.ast)
	}
	lookup, err := exportLookup(dir, asts)
	if err != nil {
		return nil, err
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.ForCompiler(fset, "gc", lookup)}
	pkg, err := conf.Check(asts[0].Name.Name, fset, asts, info)
	if err != nil {
		return nil, err
	}
	var problems []string
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
	return problems, nil
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

// exportLookup finds, through go list run in dir, the compiled export data
// of the files' imports and of what they import, for the type checker.
func exportLookup(dir string, files []*ast.File) (func(path string) (io.ReadCloser, error), error) {
	var imports []string
	for _, f := range files {
		for _, spec := range f.Imports {
			imports = append(imports, strings.Trim(spec.Path.Value, `"`))
		}
	}
	slices.Sort(imports)
	imports = slices.Compact(imports)
	exports := map[string]string{}
	if len(imports) > 0 {
		cmd := exec.Command("go", append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, imports...)...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go list: %w: %s", err, stderr.String())
		}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if p, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
				exports[p] = file
			}
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
