// Command clitests prints a go test -run pattern that matches the tests of
// the named package directories that drive a Terraform or OpenTofu CLI, so
// that make matrix runs those once per CLI and leaves the unit tests beside
// them to make test.
//
//	clitests DIR...
//
// A test drives a CLI when its body, or a function of its package that it
// names (called or passed on, however deep), calls resource.Test,
// resource.UnitTest or resource.ParallelTest of terraform-plugin-testing, or
// starts a process with exec.Command or exec.CommandContext. The functions
// are matched by name alone, methods included, so the pattern may hold a
// test that drives no CLI; it never lacks one that does.
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: clitests DIR...")
		os.Exit(2)
	}
	var all []string
	for _, dir := range os.Args[1:] {
		tests, err := cliTests(dir)
		if err != nil {
			fmt.Fprintln(os.Stderr, "clitests:", err)
			os.Exit(2)
		}
		if len(tests) == 0 {
			fmt.Fprintf(os.Stderr, "clitests: %s has no test that drives a CLI\n", dir)
			os.Exit(1)
		}
		all = append(all, tests...)
	}
	fmt.Println(pattern(all))
}

// pattern matches exactly the named top-level tests and their subtests.
func pattern(tests []string) string {
	sort.Strings(tests)
	tests = compact(tests)
	return "^(" + strings.Join(tests, "|") + ")$"
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// drivers are the calls that drive a CLI, as package.Function.
var drivers = map[string]bool{
	"resource.Test": true, "resource.UnitTest": true, "resource.ParallelTest": true,
	"exec.Command": true, "exec.CommandContext": true,
}

// cliTests lists the top-level tests of the package in dir (its _test.go
// files) that drive a CLI.
func cliTests(dir string) ([]string, error) {
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(dir, "*_test.go"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s has no test files", dir)
	}
	names := map[string][]string{} // function or method name -> names it uses
	drives := map[string]bool{}
	var tests []string
	for _, path := range files {
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			name := fn.Name.Name
			if fn.Recv == nil && strings.HasPrefix(name, "Test") && name != "TestMain" {
				tests = append(tests, name)
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if pkg, ok := n.X.(*ast.Ident); ok && drivers[pkg.Name+"."+n.Sel.Name] {
						drives[name] = true
					}
					names[name] = append(names[name], n.Sel.Name)
				case *ast.Ident:
					names[name] = append(names[name], n.Name)
				}
				return true
			})
		}
	}
	// Spread "drives a CLI" from the functions that call a driver to every
	// function that names one of them, until nothing changes.
	for changed := true; changed; {
		changed = false
		for fn, used := range names {
			if drives[fn] {
				continue
			}
			for _, u := range used {
				if drives[u] {
					drives[fn] = true
					changed = true
					break
				}
			}
		}
	}
	var out []string
	for _, t := range tests {
		if drives[t] {
			out = append(out, t)
		}
	}
	return out, nil
}
