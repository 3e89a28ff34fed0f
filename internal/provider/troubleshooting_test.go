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

// placeholder is how the guide writes a value a summary or message is
// formatted with, such as <error>, <Kind> or <data source>.
var placeholder = `<[A-Za-z][a-z ]*>`

// drift compares the declared summaries with what the guide lists and
// returns one line per difference. A constant without %s or %d is listed as
// it is; in one with them the guide writes a placeholder in the place of
// each, such as <error> or <kind>, and <n> for %d.
func drift(code []declared, listed map[string]bool) []string {
	var problems []string
	explained := map[string]bool{}
	for _, d := range code {
		found := false
		if strings.Contains(d.text, "%s") || strings.Contains(d.text, "%d") {
			pattern := regexp.MustCompile("^" + regexp.QuoteMeta(d.severity+" ") + strings.NewReplacer(`%s`, placeholder, `%d`, `<n>`).Replace(regexp.QuoteMeta(d.text)) + "$")
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
// the guide misses, one it lists in excess, and summaries and messages
// matched through their placeholders, which a value in their place does not
// stand for.
func TestDriftNamesEachDifference(t *testing.T) {
	code := []declared{
		{"summaryA", "Error", "Campaign not found"},
		{"summaryB", "Error", "Invalid org_id"},
		{"warningC", "Warning", "Could not read the campaign"},
		{"messageD", "Message", "a[%d] must not be null"},
		{"messageE", "Message", "no window within %d days after %s"},
		{"messageF", "Message", "b.%s"},
		{"summaryG", "Error", "%s gone"},
		{"summaryH", "Error", "No org_id for sarvam_%s"},
		{"summaryI", "Error", "Could not store the %s"},
		{"summaryJ", "Error", "Invalid %s"},
	}
	guide := "**Error:** `Campaign not found`, `Cohort not found`\n" +
		"**Warning:** `Could not read the campaign`\n" +
		"**Message:** `a[<n>] must not be null`, `no window within <n> days after <value>`, `b.<error>`, `b.c must not be null`\n" +
		"**Error:** `<Kind> gone`, `No org_id for sarvam_<data source>`, `Could not store the campaign`, `Invalid <argument>`, `Invalid <argument`\n"
	got := drift(code, guideListed(guide))
	want := []string{
		`diagnostics.go declares summaryB, error "Invalid org_id", which the troubleshooting guide does not list`,
		`diagnostics.go declares summaryI, error "Could not store the %s", which the troubleshooting guide does not list`,
		`the troubleshooting guide lists error "Cohort not found", which diagnostics.go does not declare`,
		`the troubleshooting guide lists error "Could not store the campaign", which diagnostics.go does not declare`,
		`the troubleshooting guide lists error "Invalid <argument", which diagnostics.go does not declare`,
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

// todaysSummaries are the summaries that name an argument, a data source
// or a kind, as users read them since before they were formatted: each must
// stay exactly this.
var todaysSummaries = []string{
	"Invalid base_url", "Invalid org_id", "Invalid workspace_id", "Invalid request_timeout", "Invalid max_retries", "Invalid SARVAM_MAX_RETRIES",
	"Invalid campaign_id", "Invalid cohort_id", "Invalid webhook_id", "Invalid max_results",

	"No org_id for sarvam_campaign", "No workspace_id for sarvam_campaign",
	"No org_id for sarvam_campaigns", "No workspace_id for sarvam_campaigns",
	"No org_id for sarvam_campaign_cohort", "No workspace_id for sarvam_campaign_cohort",
	"No org_id for sarvam_campaign_cohorts", "No workspace_id for sarvam_campaign_cohorts",
	"No org_id for sarvam_webhook_config", "No workspace_id for sarvam_webhook_config",
	"No org_id for sarvam_webhook_configs", "No workspace_id for sarvam_webhook_configs",

	"Campaign not found", "Unexpected campaign from the Sarvam API", "Could not read the campaign", "Several campaigns have this name", "Could not store the campaign",
	"Cohort not found", "Unexpected cohort from the Sarvam API", "Could not read the cohort", "Several cohorts have this name", "Could not store the cohort",
	"Webhook configuration not found", "Unexpected webhook configuration from the Sarvam API", "Could not read the webhook configuration",
	"Several webhook configurations have this name", "Could not store the webhook configuration",
	"Campaign list not found", "Unexpected campaign list from the Sarvam API", "Could not read the campaign list", "Could not store the campaign list",
	"Webhook configuration list not found", "Unexpected webhook configuration list from the Sarvam API", "Could not read the webhook configuration list",
}

// TestSummariesKeepTheirTexts fails when a summary formatted with what
// the provider has (each argument a validator of this package checks, each
// data source and ephemeral resource, each kind a target or a lookup names)
// is no longer one of todaysSummaries exactly, or when a kind would not read
// as the guide's <kind> does: lower case, with its capital only where
// summaryAbout puts one.
func TestSummariesKeepTheirTexts(t *testing.T) {
	got := map[string]bool{}
	add := func(format, what string) { got[summaryAbout(format, what)] = true }

	for v, paths := range validatorPaths() {
		if strings.Contains(v, ".") {
			continue // the framework's, in frameworkValidators
		}
		for _, p := range paths {
			add(summaryInvalid, p)
		}
	}
	add(summaryInvalid, EnvMaxRetries)

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
		short, ok := strings.CutPrefix(name, providerTypeName+"_")
		if !ok {
			t.Errorf("%s does not begin with %s_, which summaryNoOrgID and summaryNoWorkspaceID write", name, providerTypeName)
		}
		add(summaryNoOrgID, short)
		add(summaryNoWorkspaceID, short)
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
			if !ok || !isLit || (key.Name != "kind" && key.Name != "item" && key.Name != "kinds") {
				return true
			}
			kind, _ := strconv.Unquote(lit.Value)
			kinds++
			if !regexp.MustCompile(`^[a-z]+( [a-z]+)*$`).MatchString(kind) {
				t.Errorf("%s: the kind %q is not lower-case words", fset.Position(lit.Pos()), kind)
			}
			if key.Name == "kinds" {
				add(summarySeveral, kind)
				return true
			}
			for _, format := range []string{summaryNotFound, summaryUnexpected, summaryCouldNotRead, summaryCouldNotStore} {
				add(format, kind)
			}
			return true
		})
	}
	if kinds < 10 {
		t.Errorf("found only %d kinds in the source; the scan is broken", kinds)
	}

	for _, want := range todaysSummaries {
		if !got[want] {
			t.Errorf("no argument, data source or kind of the provider gives the summary %q any more", want)
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
