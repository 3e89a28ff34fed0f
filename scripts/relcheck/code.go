package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

var (
	// A code reference: package.Name or package.Type.Member, with an
	// optional leading * for a pointer type, optional call arguments, and an
	// optional " = value" for a constant's or variable's declared value. For
	// a package of the module (the last element of its directory, as for
	// tests) the name must be declared there; for another package, such as
	// tls or http, the module's code must use it.
	codeRefRE = regexp.MustCompile(`^\*?([a-z][a-z0-9]*)\.([A-Za-z_][A-Za-z0-9_]*)(?:\.([A-Za-z_][A-Za-z0-9_]*))?(?:\(.*\))?(?: = (.+))?$`)
	// A bare name, perhaps with a value: code that names no package, so it
	// cannot be checked. In lower camel case it is always taken for code; in
	// upper camel case when a package of the module declares it.
	bareCodeRE = regexp.MustCompile(`^([a-z]+[A-Z][A-Za-z0-9]*|[A-Z][A-Za-z0-9]*)(?: = .+)?$`)
	// A Go file named without its directory.
	bareFileRE = regexp.MustCompile(`^[A-Za-z0-9_]+\.go$`)
	// A path into the repository.
	repoPathRE = regexp.MustCompile(`^(?:internal|scripts|examples|templates|docs)/[A-Za-z0-9_./-]*$`)
)

// code is what the module's non-test Go files declare and use.
type code struct {
	fsys fs.FS
	// declared maps a package to its declared names: top-level names, and
	// Type.Method and Type.Field.
	declared map[string]map[string]bool
	// values maps package.Name to the text of its declared value.
	values map[string]string
	// used holds every pkg.Name selector on an imported package.
	used map[string]bool
}

// loadCode parses every non-test Go file of fsys, outside testdata and
// hidden directories.
func loadCode(fsys fs.FS) (*code, error) {
	c := &code{fsys: fsys, declared: map[string]map[string]bool{}, values: map[string]string{}, used: map[string]bool{}}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != "." && (name == "testdata" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || path.Dir(p) == "." {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, src, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		c.add(path.Base(path.Dir(p)), f)
		return nil
	})
	return c, err
}

// add records what file f of package pkg declares and uses.
func (c *code) add(pkg string, f *ast.File) {
	names := c.declared[pkg]
	if names == nil {
		names = map[string]bool{}
		c.declared[pkg] = names
	}
	for _, decl := range f.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Recv != nil && len(decl.Recv.List) == 1 {
				names[receiverType(decl.Recv.List[0].Type)+"."+decl.Name.Name] = true
			} else {
				names[decl.Name.Name] = true
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				c.addSpec(pkg, names, spec)
			}
		}
	}
	imports := map[string]bool{}
	for _, imp := range f.Imports {
		name := path.Base(strings.Trim(imp.Path.Value, `"`))
		if imp.Name != nil {
			name = imp.Name.Name
		}
		imports[name] = true
	}
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && imports[x.Name] {
				c.used[x.Name+"."+sel.Sel.Name] = true
			}
		}
		return true
	})
}

func (c *code) addSpec(pkg string, names map[string]bool, spec ast.Spec) {
	switch spec := spec.(type) {
	case *ast.TypeSpec:
		names[spec.Name.Name] = true
		if st, ok := spec.Type.(*ast.StructType); ok {
			for _, field := range st.Fields.List {
				for _, n := range field.Names {
					names[spec.Name.Name+"."+n.Name] = true
				}
				if len(field.Names) == 0 {
					// An embedded type's name is the field's.
					names[spec.Name.Name+"."+receiverType(field.Type)] = true
				}
			}
		}
	case *ast.ValueSpec:
		for i, n := range spec.Names {
			names[n.Name] = true
			if i < len(spec.Values) {
				c.values[pkg+"."+n.Name] = types.ExprString(spec.Values[i])
			}
		}
	}
}

// receiverType is the name of a receiver or embedded type: T for T, *T,
// T[P] or pkg.T.
func receiverType(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.StarExpr:
		return receiverType(e.X)
	case *ast.IndexExpr:
		return receiverType(e.X)
	case *ast.IndexListExpr:
		return receiverType(e.X)
	case *ast.SelectorExpr:
		return e.Sel.Name
	case *ast.Ident:
		return e.Name
	}
	return ""
}

// checkCode checks every code reference and repository path in backticks
// anywhere in doc, tables and prose alike. It returns how many it checked
// and the problems found.
func checkCode(docName, doc string, c *code) (int, []string) {
	var problems []string
	refs := 0
	for i, line := range strings.Split(doc, "\n") {
		where := fmt.Sprintf("%s:%d", docName, i+1)
		for _, m := range backtickRE.FindAllStringSubmatch(line, -1) {
			span := m[1]
			if testRefRE.MatchString(span) {
				continue
			}
			problem, checked := c.checkSpan(span)
			if checked {
				refs++
			}
			if problem != "" {
				problems = append(problems, fmt.Sprintf("%s: %s", where, problem))
			}
		}
	}
	return refs, problems
}

// checkSpan checks one span in backticks, reporting whether it names code
// or a path, and what is wrong with it.
func (c *code) checkSpan(span string) (problem string, checked bool) {
	switch {
	case repoPathRE.MatchString(span):
		if _, err := fs.Stat(c.fsys, strings.TrimSuffix(span, "/")); err != nil {
			return fmt.Sprintf("`%s` does not exist", span), true
		}
		return "", true
	case bareFileRE.MatchString(span):
		return fmt.Sprintf("`%s` names a file without its directory; give its path from the repository root", span), false
	case bareCodeRE.MatchString(span):
		name := bareCodeRE.FindStringSubmatch(span)[1]
		if pkg := c.declaring(name); pkg != "" || !isExported(name) {
			if pkg == "" {
				pkg = "package"
			}
			return fmt.Sprintf("`%s` names code without its package; write %s.%s so that it can be checked", span, pkg, name), false
		}
		return "", false
	}
	m := codeRefRE.FindStringSubmatch(span)
	if m == nil {
		return "", false
	}
	pkg, name, member, value := m[1], m[2], m[3], m[4]
	declared, inModule := c.declared[pkg]
	if !inModule {
		if !isExported(name) {
			// A host name such as login.example.com, or a field path.
			return "", false
		}
		if !c.used[pkg+"."+name] {
			return fmt.Sprintf("`%s`: the code does not use %s.%s", span, pkg, name), true
		}
		return "", true
	}
	full := name
	if member != "" {
		full += "." + member
	}
	if !declared[full] {
		return fmt.Sprintf("`%s`: package %s declares no %s", span, pkg, full), true
	}
	if value != "" && c.values[pkg+"."+full] != value {
		return fmt.Sprintf("`%s`: %s.%s is declared as %q", span, pkg, full, c.values[pkg+"."+full]), true
	}
	return "", true
}

// declaring returns a package of the module that declares name at the top
// level, or "".
func (c *code) declaring(name string) string {
	var pkgs []string
	for pkg, names := range c.declared {
		if names[name] {
			pkgs = append(pkgs, pkg)
		}
	}
	sort.Strings(pkgs)
	if len(pkgs) == 0 {
		return ""
	}
	return pkgs[0]
}

func isExported(name string) bool {
	return name != "" && name[0] >= 'A' && name[0] <= 'Z'
}
