package provider

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// troubleshootingGuide is the template docs/guides/troubleshooting.md is
// rendered from.
const troubleshootingGuide = "../../templates/guides/troubleshooting.md.tmpl"

// validatorPaths gives, for each validator type of this package, the
// attribute paths of the provider and data source schemas it is attached
// to: what req.Path.String() can be in its Validate method.
func validatorPaths() map[string][]string {
	ctx := context.Background()
	out := map[string][]string{}
	note := func(p string, vs []any) {
		for _, v := range vs {
			name := strings.TrimPrefix(fmt.Sprintf("%T", v), "provider.")
			if !slices.Contains(out[name], p) {
				out[name] = append(out[name], p)
			}
		}
	}
	validators := func(a any) []any {
		var vs []any
		if s, ok := a.(interface{ StringValidators() []validator.String }); ok {
			for _, v := range s.StringValidators() {
				vs = append(vs, v)
			}
		}
		if n, ok := a.(interface{ NumberValidators() []validator.Number }); ok {
			for _, v := range n.NumberValidators() {
				vs = append(vs, v)
			}
		}
		return vs
	}
	var walk func(prefix string, attrs map[string]dsschema.Attribute)
	walk = func(prefix string, attrs map[string]dsschema.Attribute) {
		for name, a := range attrs {
			note(prefix+name, validators(a))
			if n, ok := a.(dsschema.SingleNestedAttribute); ok {
				walk(prefix+name+".", n.Attributes)
			}
		}
	}
	p := New("test")()
	var ps provider.SchemaResponse
	p.Schema(ctx, provider.SchemaRequest{}, &ps)
	for name, a := range ps.Schema.Attributes {
		note(name, validators(a))
	}
	for _, newDS := range p.DataSources(ctx) {
		var resp datasource.SchemaResponse
		newDS().Schema(ctx, datasource.SchemaRequest{}, &resp)
		walk("", resp.Schema.Attributes)
	}
	for _, paths := range out {
		slices.Sort(paths)
	}
	return out
}

var guideEntry = regexp.MustCompile(`^\*\*(Error|Warning|Message):\*\*(.*)$`)
var codeSpan = regexp.MustCompile("`([^`]+)`")

// guideListed reads the guide's entries: each line that starts with
// **Error:**, **Warning:** or **Message:** lists, in code spans, the
// summaries (or function messages) it explains, each keyed by its severity
// and text ("Error Invalid base_url").
func guideListed(text string) map[string]bool {
	listed := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		m := guideEntry.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		for _, c := range codeSpan.FindAllStringSubmatch(m[2], -1) {
			listed[m[1]+" "+c[1]] = true
		}
	}
	return listed
}

// declared is a constant of diagnostics.go that the guide must list.
type declared struct {
	name, severity, text string
}

// declaredSummaries parses file and returns its constants named summary…
// (errors), warning… (warnings) and message… (function messages), with the
// value each evaluates to; another constant may take part in a value.
func declaredSummaries(file string) ([]declared, error) {
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		return nil, err
	}
	exprs := map[string]ast.Expr{}
	var names []string
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, spec := range g.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			if len(vs.Values) != len(vs.Names) {
				return nil, fmt.Errorf("%s: every constant needs its own value", vs.Names[0].Name)
			}
			for i, n := range vs.Names {
				exprs[n.Name] = vs.Values[i]
				names = append(names, n.Name)
			}
		}
	}
	var eval func(e ast.Expr) (string, error)
	eval = func(e ast.Expr) (string, error) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind == token.STRING {
				return strconv.Unquote(e.Value)
			}
		case *ast.Ident:
			if x, ok := exprs[e.Name]; ok {
				return eval(x)
			}
		case *ast.ParenExpr:
			return eval(e.X)
		case *ast.BinaryExpr:
			if e.Op == token.ADD {
				x, err := eval(e.X)
				if err != nil {
					return "", err
				}
				y, err := eval(e.Y)
				return x + y, err
			}
		}
		return "", fmt.Errorf("cannot work out the value of %T at offset %d: build it from string literals and constants of diagnostics.go", e, e.Pos())
	}
	var out []declared
	for _, name := range names {
		var severity string
		switch {
		case strings.HasPrefix(name, "summary"):
			severity = "Error"
		case strings.HasPrefix(name, "warning"):
			severity = "Warning"
		case strings.HasPrefix(name, "message"):
			severity = "Message"
		default:
			continue
		}
		text, err := eval(exprs[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		out = append(out, declared{name, severity, text})
	}
	return out, nil
}

// placeholder is how the guide writes a value a message is formatted with.
var placeholder = `<[a-z]+>`

// drift compares the declared summaries with what the guide lists and
// returns one line per difference. A message's %s and %d match a
// placeholder of the guide's, such as <error> or <n>.
func drift(code []declared, listed map[string]bool) []string {
	var problems []string
	explained := map[string]bool{}
	for _, d := range code {
		found := false
		if d.severity == "Message" {
			pattern := regexp.MustCompile("^Message " + strings.NewReplacer(`%s`, placeholder, `%d`, `<n>`).Replace(regexp.QuoteMeta(d.text)) + "$")
			for key := range listed {
				if pattern.MatchString(key) {
					explained[key], found = true, true
				}
			}
		} else if key := d.severity + " " + d.text; listed[key] {
			explained[key], found = true, true
		}
		if !found {
			problems = append(problems, fmt.Sprintf("diagnostics.go declares %s, %s %q, which the troubleshooting guide does not list", d.name, strings.ToLower(d.severity), d.text))
		}
	}
	for _, key := range slices.Sorted(maps.Keys(listed)) {
		if !explained[key] {
			sev, text, _ := strings.Cut(key, " ")
			problems = append(problems, fmt.Sprintf("the troubleshooting guide lists %s %q, which diagnostics.go does not declare", strings.ToLower(sev), text))
		}
	}
	return problems
}

// TestTroubleshootingGuideListsEverySummary fails when diagnostics.go
// declares an error or warning summary, or a function message, that
// templates/guides/troubleshooting.md.tmpl does not list, or when the guide
// lists one diagnostics.go does not declare.
func TestTroubleshootingGuideListsEverySummary(t *testing.T) {
	code, err := declaredSummaries("diagnostics.go")
	if err != nil {
		t.Fatal(err)
	}
	if len(code) < 20 {
		t.Fatalf("found only %d summaries in diagnostics.go; the parse is broken", len(code))
	}
	guide, err := os.ReadFile(troubleshootingGuide)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range drift(code, guideListed(string(guide))) {
		t.Error(p)
	}
}

// TestDriftNamesEachDifference runs drift over a small guide: a summary
// the guide misses, one it lists in excess, and messages matched through
// their placeholders.
func TestDriftNamesEachDifference(t *testing.T) {
	code := []declared{
		{"summaryA", "Error", "Campaign not found"},
		{"summaryB", "Error", "Invalid org_id"},
		{"warningC", "Warning", "Could not read the campaign"},
		{"messageD", "Message", "a[%d] must not be null"},
		{"messageE", "Message", "no window within %d days after %s"},
		{"messageF", "Message", "b.%s"},
	}
	guide := "**Error:** `Campaign not found`, `Cohort not found`\n" +
		"**Warning:** `Could not read the campaign`\n" +
		"**Message:** `a[<n>] must not be null`, `no window within <n> days after <value>`, `b.<error>`, `b.c must not be null`\n"
	got := drift(code, guideListed(guide))
	want := []string{
		`diagnostics.go declares summaryB, error "Invalid org_id", which the troubleshooting guide does not list`,
		`the troubleshooting guide lists error "Cohort not found", which diagnostics.go does not declare`,
		`the troubleshooting guide lists message "b.c must not be null", which diagnostics.go does not declare`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("drift:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// frameworkValidators gives the summaries each validator of
// terraform-plugin-framework-validators that this provider uses reports
// (validatordiag, and "Missing Attribute Configuration" for none of several
// set).
var frameworkValidators = map[string][]string{
	"datasourcevalidator.ExactlyOneOf":     {summaryInvalidAttributeCombination, summaryMissingAttributeConfiguration},
	"datasourcevalidator.Conflicting":      {summaryInvalidAttributeCombination},
	"datasourcevalidator.AtLeastOneOf":     {summaryMissingAttributeConfiguration},
	"datasourcevalidator.RequiredTogether": {summaryInvalidAttributeCombination},
	"stringvalidator.OneOf":                {summaryInvalidAttributeValueMatch},
	"stringvalidator.NoneOf":               {summaryInvalidAttributeValueMatch},
	"stringvalidator.RegexMatches":         {summaryInvalidAttributeValueMatch},
	"stringvalidator.LengthAtLeast":        {summaryInvalidAttributeValueLength},
	"stringvalidator.LengthAtMost":         {summaryInvalidAttributeValueLength},
	"stringvalidator.LengthBetween":        {summaryInvalidAttributeValueLength},
	"stringvalidator.ExactlyOneOf":         {summaryInvalidAttributeCombination},
	"stringvalidator.ConflictsWith":        {summaryInvalidAttributeCombination},
}

// TestFrameworkValidatorsHaveSummaries fails when the package uses a
// validator of terraform-plugin-framework-validators that
// frameworkValidators does not give the summaries of, so that what it
// reports is declared in diagnostics.go and listed in the guide; and when
// diagnostics.go declares a framework summary no validator in use reports.
func TestFrameworkValidatorsHaveSummaries(t *testing.T) {
	fset := token.NewFileSet()
	files, err := nonTestFiles(fset)
	if err != nil {
		t.Fatal(err)
	}
	reported := map[string]bool{}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			sel, ok := n.(*ast.SelectorExpr)
			if !ok {
				return true
			}
			x, ok := sel.X.(*ast.Ident)
			if !ok || !strings.HasSuffix(x.Name, "validator") || x.Obj != nil {
				return true
			}
			name := x.Name + "." + sel.Sel.Name
			if !ast.IsExported(sel.Sel.Name) || strings.HasSuffix(sel.Sel.Name, "Request") || strings.HasSuffix(sel.Sel.Name, "Response") ||
				slices.Contains([]string{"String", "Number", "Int64", "Bool", "List", "Object", "Set", "Map", "Float64", "Dynamic"}, sel.Sel.Name) {
				return true
			}
			summaries, ok := frameworkValidators[name]
			if !ok {
				t.Errorf("%s: the framework validator %s is not in frameworkValidators: add the summaries it reports", fset.Position(sel.Pos()), name)
			}
			for _, s := range summaries {
				reported[s] = true
			}
			return true
		})
	}
	// exactlyOneOfValidator reports the first two in ExactlyOneOf's words.
	reported[summaryInvalidAttributeCombination] = true
	reported[summaryMissingAttributeConfiguration] = true
	for _, s := range []string{summaryInvalidAttributeCombination, summaryMissingAttributeConfiguration, summaryInvalidAttributeValueMatch, summaryInvalidAttributeValueLength} {
		if !reported[s] {
			t.Errorf("diagnostics.go declares the framework's %q, which no validator in use reports", s)
		}
	}
}

// TestSummaryTablesAreComplete fails when a summary that depends on what
// was read would be missing from diagnostics.go's tables: for an attribute
// a validator of this package checks, a data source or ephemeral resource
// with no scope, or a kind a target or a lookup names.
func TestSummaryTablesAreComplete(t *testing.T) {
	for v, paths := range validatorPaths() {
		if strings.Contains(v, ".") {
			continue // the framework's, in frameworkValidators
		}
		for _, p := range paths {
			if invalidSummaries[p] == "" {
				t.Errorf("%s checks %s, which invalidSummaries has no summary for", v, p)
			}
		}
	}
	ctx := context.Background()
	p := New("test")()
	var names []string
	for _, newDS := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDS().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &resp)
		names = append(names, resp.TypeName)
	}
	withEphemeral, ok := p.(provider.ProviderWithEphemeralResources)
	if !ok {
		t.Fatal("the provider has no ephemeral resources")
	}
	for _, newER := range withEphemeral.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		newER().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: providerTypeName}, &resp)
		names = append(names, resp.TypeName)
	}
	for _, name := range names {
		for _, attr := range []string{"org_id", "workspace_id"} {
			if noScopeSummaries[name][attr] == "" {
				t.Errorf("noScopeSummaries has no summary for %s without %s", name, attr)
			}
		}
	}

	// Every kind given to a target or a lookup, as a literal.
	fset := token.NewFileSet()
	files, err := nonTestFiles(fset)
	if err != nil {
		t.Fatal(err)
	}
	kinds := 0
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			kv, ok := n.(*ast.KeyValueExpr)
			if !ok {
				return true
			}
			key, ok := kv.Key.(*ast.Ident)
			lit, isLit := kv.Value.(*ast.BasicLit)
			if !ok || !isLit || (key.Name != "kind" && key.Name != "item") {
				return true
			}
			kind, _ := strconv.Unquote(lit.Value)
			kinds++
			s, ok := summariesOf[kind]
			switch {
			case !ok:
				t.Errorf("%s: summariesOf has no summaries for the kind %q", fset.Position(lit.Pos()), kind)
			case s.notFound == "" || s.unexpected == "" || s.unread == "":
				t.Errorf("%s: summariesOf lacks a summary of the kind %q", fset.Position(lit.Pos()), kind)
			}
			return true
		})
	}
	if kinds < 10 {
		t.Errorf("found only %d kinds in the source; the scan is broken", kinds)
	}
	for kind, s := range summariesOf {
		if strings.HasSuffix(kind, " list") == (s.several != "") {
			t.Errorf("summariesOf[%q]: a lookup by name has several, a list does not", kind)
		}
	}
}

// nonTestFiles parses the package's Go files but its tests.
func nonTestFiles(fset *token.FileSet) ([]*ast.File, error) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		return nil, err
	}
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}
