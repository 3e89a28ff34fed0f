package provider

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// This file lists, from the source of this package, every diagnostic
// summary the provider can emit and every message its functions can
// return, so that the troubleshooting guide can be checked against them.
// A summary built at run time ("Invalid "+attr, a kind + " not found") is
// expanded into each value it can take: a parameter into the arguments of
// every call, a struct field into every value a composite literal gives it,
// a local into what is assigned to it, a method into what it returns. The
// same expression used twice in one summary takes the same value in both.

// emitted is one diagnostic the code can produce.
type emitted struct {
	severity string // "Error" or "Warning"; "Function" for a function's message
	text     string // the summary, or the function's message
	pos      string // file:line of the call
	hole     bool   // part of text could not be worked out
}

// value is one string an expression can evaluate to, with the choice made
// for each expression it depends on, so that combinations stay consistent.
type value struct {
	s    string
	hole bool
	bind map[string]string
}

// diagCalls maps a method or function name to the index of its summary (or
// message) argument and the severity it reports.
var diagCalls = map[string]struct {
	arg      int
	severity string
}{
	"AddError":                      {0, "Error"},
	"AddWarning":                    {0, "Warning"},
	"AddAttributeError":             {1, "Error"},
	"AddAttributeWarning":           {1, "Warning"},
	"NewErrorDiagnostic":            {0, "Error"},
	"NewWarningDiagnostic":          {0, "Warning"},
	"NewAttributeErrorDiagnostic":   {1, "Error"},
	"NewAttributeWarningDiagnostic": {1, "Warning"},
	"NewArgumentFuncError":          {1, "Function"},
	"NewFuncError":                  {0, "Function"},
}

// frameworkValidators gives the summaries each validator of
// terraform-plugin-framework-validators reports (validatordiag, and
// "Missing Attribute Configuration" for none of several set); a validator
// used here and missing from this table fails the scan.
var frameworkValidators = map[string][]string{
	"datasourcevalidator.ExactlyOneOf":     {"Invalid Attribute Combination", "Missing Attribute Configuration"},
	"datasourcevalidator.Conflicting":      {"Invalid Attribute Combination"},
	"datasourcevalidator.AtLeastOneOf":     {"Missing Attribute Configuration"},
	"datasourcevalidator.RequiredTogether": {"Invalid Attribute Combination"},
	"stringvalidator.OneOf":                {"Invalid Attribute Value Match"},
	"stringvalidator.NoneOf":               {"Invalid Attribute Value Match"},
	"stringvalidator.RegexMatches":         {"Invalid Attribute Value Match"},
	"stringvalidator.LengthAtLeast":        {"Invalid Attribute Value Length"},
	"stringvalidator.LengthAtMost":         {"Invalid Attribute Value Length"},
	"stringvalidator.LengthBetween":        {"Invalid Attribute Value Length"},
	"stringvalidator.ExactlyOneOf":         {"Invalid Attribute Combination"},
	"stringvalidator.ConflictsWith":        {"Invalid Attribute Combination"},
	"int64validator.Between":               {"Invalid Attribute Value"},
	"int64validator.AtLeast":               {"Invalid Attribute Value"},
	"int64validator.AtMost":                {"Invalid Attribute Value"},
	"listvalidator.SizeAtLeast":            {"Invalid Attribute Value"},
	"listvalidator.SizeAtMost":             {"Invalid Attribute Value"},
}

type site struct {
	call *ast.CallExpr
	fn   *ast.FuncDecl
}

type fieldValue struct {
	expr ast.Expr
	fn   *ast.FuncDecl
}

// scanner evaluates string expressions of one package's source.
type scanner struct {
	fset   *token.FileSet
	files  map[string]*ast.File
	funcs  map[string][]*ast.FuncDecl
	consts map[string]ast.Expr
	calls  map[string][]site                  // callee name → call sites
	fields map[string]map[string][]fieldValue // struct type → field → values
	// paths gives the attribute paths a validator type is attached to,
	// for req.Path.String() in its Validate method.
	paths map[string][]string
	// args binds the parameters of a function evaluated for one call.
	args  []map[string][]value
	depth int
}

// newScanner parses the non-test Go files of dir.
func newScanner(dir string, paths map[string][]string) (*scanner, error) {
	s := &scanner{fset: token.NewFileSet(), files: map[string]*ast.File{}, funcs: map[string][]*ast.FuncDecl{},
		consts: map[string]ast.Expr{}, calls: map[string][]site{}, fields: map[string]map[string][]fieldValue{}, paths: paths}
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(s.fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		s.files[name] = f
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				s.funcs[d.Name.Name] = append(s.funcs[d.Name.Name], d)
				s.index(d)
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok && len(vs.Values) == len(vs.Names) {
						for i, n := range vs.Names {
							s.consts[n.Name] = vs.Values[i]
						}
					}
				}
			}
		}
	}
	return s, nil
}

// index records fn's call sites and composite literal fields.
func (s *scanner) index(fn *ast.FuncDecl) {
	if fn.Body == nil {
		return
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			fun := n.Fun
			// A generic function called with its type arguments: f[A, B](…).
			switch f := fun.(type) {
			case *ast.IndexExpr:
				fun = f.X
			case *ast.IndexListExpr:
				fun = f.X
			}
			switch f := fun.(type) {
			case *ast.Ident:
				s.calls[f.Name] = append(s.calls[f.Name], site{n, fn})
			case *ast.SelectorExpr:
				s.calls[f.Sel.Name] = append(s.calls[f.Sel.Name], site{n, fn})
			}
		case *ast.CompositeLit:
			typ := baseType(n.Type)
			for _, e := range n.Elts {
				kv, ok := e.(*ast.KeyValueExpr)
				if !ok || typ == "" {
					continue
				}
				key, ok := kv.Key.(*ast.Ident)
				if !ok {
					continue
				}
				if s.fields[typ] == nil {
					s.fields[typ] = map[string][]fieldValue{}
				}
				s.fields[typ][key.Name] = append(s.fields[typ][key.Name], fieldValue{kv.Value, fn})
			}
		}
		return true
	})
}

// baseType names the type in a type expression: T, *T, T[A, B], pkg.T.
func baseType(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.StarExpr:
		return baseType(e.X)
	case *ast.IndexExpr:
		return baseType(e.X)
	case *ast.IndexListExpr:
		return baseType(e.X)
	}
	return ""
}

func (s *scanner) where(n ast.Node) string {
	p := s.fset.Position(n.Pos())
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// emitted lists every diagnostic of the package, and the framework
// validators it uses that the table does not know.
func (s *scanner) emitted() (out []emitted, unknown []string) {
	for _, name := range slices.Sorted(maps.Keys(s.files)) {
		f := s.files[name]
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				if sel, ok := n.(*ast.SelectorExpr); ok {
					if pkg, ok := sel.X.(*ast.Ident); ok && strings.HasSuffix(pkg.Name, "validator") && pkg.Name != "validator" {
						name := pkg.Name + "." + sel.Sel.Name
						if summaries, ok := frameworkValidators[name]; ok {
							for _, summary := range summaries {
								out = append(out, emitted{"Error", summary, s.where(sel), false})
							}
						} else {
							unknown = append(unknown, name+" at "+s.where(sel))
						}
					}
				}
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				sel, ok := call.Fun.(*ast.SelectorExpr)
				if !ok {
					return true
				}
				dc, ok := diagCalls[sel.Sel.Name]
				if !ok || len(call.Args) <= dc.arg {
					return true
				}
				for _, v := range s.eval(call.Args[dc.arg], fn) {
					out = append(out, emitted{dc.severity, v.s, s.where(call), v.hole})
				}
				return true
			})
		}
	}
	return out, unknown
}

func hole(what string) []value { return []value{{s: "<" + what + ">", hole: true}} }

// bound tags each value with key, so that every use of key in one
// expression takes the same value.
func bound(key string, vs []value) []value {
	out := make([]value, 0, len(vs))
	for _, v := range vs {
		b := maps.Clone(v.bind)
		if b == nil {
			b = map[string]string{}
		}
		b[key] = v.s
		out = append(out, value{v.s, v.hole, b})
	}
	return out
}

// join is every consistent concatenation of a value of xs and one of ys.
func join(xs, ys []value) []value {
	var out []value
	seen := map[string]bool{}
	for _, x := range xs {
	next:
		for _, y := range ys {
			b := maps.Clone(x.bind)
			if b == nil {
				b = map[string]string{}
			}
			for k, v := range y.bind {
				if w, ok := b[k]; ok && w != v {
					continue next
				}
				b[k] = v
			}
			v := value{x.s + y.s, x.hole || y.hole, b}
			if k := fmt.Sprint(v.s, v.bind); !seen[k] {
				seen[k] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func mapValues(vs []value, f func(string) string) []value {
	out := make([]value, len(vs))
	for i, v := range vs {
		out[i] = value{f(v.s), v.hole, v.bind}
	}
	return out
}

// eval lists the strings e can evaluate to inside fn.
func (s *scanner) eval(e ast.Expr, fn *ast.FuncDecl) []value {
	if s.depth > 30 {
		return hole("value")
	}
	s.depth++
	defer func() { s.depth-- }()
	switch e := e.(type) {
	case *ast.BasicLit:
		if e.Kind == token.STRING {
			if u, err := strconv.Unquote(e.Value); err == nil {
				return []value{{s: u}}
			}
		}
		return []value{{s: e.Value}}
	case *ast.ParenExpr:
		return s.eval(e.X, fn)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return join(s.eval(e.X, fn), s.eval(e.Y, fn))
		}
	case *ast.Ident:
		return s.ident(e.Name, fn)
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			if typ := s.typeOf(x.Name, fn); typ != "" {
				var vs []value
				for _, fv := range s.fields[typ][e.Sel.Name] {
					vs = append(vs, s.eval(fv.expr, fv.fn)...)
				}
				if len(vs) > 0 {
					return bound(fn.Name.Name+"."+x.Name+"."+e.Sel.Name, vs)
				}
			}
		}
		return hole(e.Sel.Name)
	case *ast.SliceExpr:
		lo, hi := intLit(e.Low, 0), intLit(e.High, -1)
		return mapValues(s.eval(e.X, fn), func(v string) string {
			h := hi
			if h < 0 || h > len(v) {
				h = len(v)
			}
			return v[min(lo, h):h]
		})
	case *ast.CallExpr:
		return s.call(e, fn)
	}
	return hole("value")
}

func intLit(e ast.Expr, def int) int {
	if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.INT {
		n, _ := strconv.Atoi(lit.Value)
		return n
	}
	return def
}

// ident evaluates a name: a parameter of fn, a local of fn, or a constant.
func (s *scanner) ident(name string, fn *ast.FuncDecl) []value {
	if n := len(s.args); n > 0 {
		if vs, ok := s.args[n-1][name]; ok {
			return vs
		}
	}
	key := fn.Name.Name + "." + name
	if i, ok := paramIndex(fn, name); ok {
		var vs []value
		for _, c := range s.calls[fn.Name.Name] {
			if i < len(c.call.Args) {
				vs = append(vs, s.eval(c.call.Args[i], c.fn)...)
			}
		}
		if len(vs) == 0 {
			return hole(name)
		}
		return bound(key, vs)
	}
	var vs []value
	if fn.Body != nil {
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.AssignStmt:
				for i, l := range n.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name && len(n.Rhs) == len(n.Lhs) {
						if n.Tok == token.ADD_ASSIGN {
							// x += y: x as it was, or with y added.
							vs = append(vs, join(slices.Clone(vs), s.eval(n.Rhs[i], fn))...)
						} else {
							vs = append(vs, s.eval(n.Rhs[i], fn)...)
						}
					}
				}
			case *ast.RangeStmt:
				if id, ok := n.Value.(*ast.Ident); ok && id.Name == name {
					if lit, ok := n.X.(*ast.CompositeLit); ok {
						for _, el := range lit.Elts {
							vs = append(vs, s.eval(el, fn)...)
						}
					} else {
						vs = append(vs, hole(name)...)
					}
				}
			}
			return true
		})
	}
	if len(vs) > 0 {
		return bound(key, vs)
	}
	if c, ok := s.consts[name]; ok {
		return s.eval(c, nil)
	}
	return hole(name)
}

// paramIndex is the position of name among fn's parameters.
func paramIndex(fn *ast.FuncDecl, name string) (int, bool) {
	if fn == nil {
		return 0, false
	}
	i := 0
	for _, f := range fn.Type.Params.List {
		for _, n := range f.Names {
			if n.Name == name {
				return i, true
			}
			i++
		}
	}
	return 0, false
}

// typeOf names the type of a receiver or parameter of fn.
func (s *scanner) typeOf(name string, fn *ast.FuncDecl) string {
	if fn == nil {
		return ""
	}
	var lists []*ast.Field
	if fn.Recv != nil {
		lists = append(lists, fn.Recv.List...)
	}
	lists = append(lists, fn.Type.Params.List...)
	for _, f := range lists {
		for _, n := range f.Names {
			if n.Name == name {
				return baseType(f.Type)
			}
		}
	}
	// A local set from a composite literal: t := target{...}.
	typ := ""
	if fn.Body != nil {
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			if as, ok := n.(*ast.AssignStmt); ok && len(as.Lhs) == len(as.Rhs) {
				for i, l := range as.Lhs {
					if id, ok := l.(*ast.Ident); ok && id.Name == name {
						if lit, ok := as.Rhs[i].(*ast.CompositeLit); ok {
							typ = baseType(lit.Type)
						}
					}
				}
			}
			return true
		})
	}
	return typ
}

// call evaluates a call: a string function, fmt.Sprintf, err.Error(),
// req.Path.String() in a validator, or a method of this package that
// returns one expression.
func (s *scanner) call(e *ast.CallExpr, fn *ast.FuncDecl) []value {
	if id, ok := e.Fun.(*ast.Ident); ok {
		return s.callFunc(id.Name, e.Args, fn)
	}
	sel, ok := e.Fun.(*ast.SelectorExpr)
	if !ok {
		return hole("value")
	}
	if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "strings" && len(e.Args) == 1 {
		switch sel.Sel.Name {
		case "ToUpper":
			return mapValues(s.eval(e.Args[0], fn), strings.ToUpper)
		case "ToLower":
			return mapValues(s.eval(e.Args[0], fn), strings.ToLower)
		case "TrimSpace":
			return mapValues(s.eval(e.Args[0], fn), strings.TrimSpace)
		}
	}
	if pkg, ok := sel.X.(*ast.Ident); ok && pkg.Name == "fmt" && sel.Sel.Name == "Sprintf" && len(e.Args) > 0 {
		return s.sprintf(e.Args[0], e.Args[1:], fn)
	}
	switch sel.Sel.Name {
	case "Error":
		return hole("error")
	case "String":
		if inner, ok := sel.X.(*ast.SelectorExpr); ok && inner.Sel.Name == "Path" && fn != nil && fn.Recv != nil {
			typ := baseType(fn.Recv.List[0].Type)
			if paths := s.paths[typ]; len(paths) > 0 {
				var vs []value
				for _, p := range paths {
					vs = append(vs, value{s: p})
				}
				return bound(fn.Name.Name+".path", vs)
			}
			return hole("attribute")
		}
	}
	if len(e.Args) == 0 {
		for _, m := range s.funcs[sel.Sel.Name] {
			if m.Recv != nil && len(m.Body.List) == 1 {
				if ret, ok := m.Body.List[0].(*ast.ReturnStmt); ok && len(ret.Results) == 1 {
					return s.eval(ret.Results[0], m)
				}
			}
		}
	}
	return hole("value")
}

// callFunc evaluates a call of a function of this package whose body
// returns one expression, its parameters bound to this call's arguments.
func (s *scanner) callFunc(name string, args []ast.Expr, fn *ast.FuncDecl) []value {
	for _, f := range s.funcs[name] {
		if f.Recv != nil || f.Body == nil || len(f.Body.List) != 1 {
			continue
		}
		ret, ok := f.Body.List[0].(*ast.ReturnStmt)
		if !ok || len(ret.Results) != 1 {
			continue
		}
		bind := map[string][]value{}
		i := 0
		for _, p := range f.Type.Params.List {
			for _, n := range p.Names {
				if i < len(args) {
					bind[n.Name] = s.eval(args[i], fn)
				}
				i++
			}
		}
		s.args = append(s.args, bind)
		defer func() { s.args = s.args[:len(s.args)-1] }()
		return s.eval(ret.Results[0], f)
	}
	return hole(name)
}

// sprintf fills format's %s, %v and %q with the arguments' values; any
// other verb is a hole.
func (s *scanner) sprintf(format ast.Expr, args []ast.Expr, fn *ast.FuncDecl) []value {
	var out []value
	for _, f := range s.eval(format, fn) {
		acc := []value{{bind: f.bind, hole: f.hole}}
		rest, arg := f.s, 0
		for {
			i := strings.IndexByte(rest, '%')
			if i < 0 || i == len(rest)-1 {
				acc = join(acc, []value{{s: rest}})
				break
			}
			acc = join(acc, []value{{s: rest[:i]}})
			verb := rest[i+1]
			rest = rest[i+2:]
			if verb == '%' {
				acc = join(acc, []value{{s: "%"}})
				continue
			}
			var vs []value
			switch {
			case arg >= len(args):
				vs = hole("value")
			case verb == 's' || verb == 'v':
				vs = s.eval(args[arg], fn)
			case verb == 'q':
				vs = mapValues(s.eval(args[arg], fn), strconv.Quote)
			case verb == 'd':
				vs = hole("n")
			default:
				vs = hole("value")
			}
			arg++
			acc = join(acc, vs)
		}
		out = append(out, acc...)
	}
	return out
}
