package provider

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
// summaries (or function messages) it explains.
func guideListed(text string) map[string]bool {
	listed := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		m := guideEntry.FindStringSubmatch(strings.TrimSpace(line))
		if m == nil {
			continue
		}
		sev := m[1]
		if sev == "Message" {
			sev = "Function"
		}
		for _, c := range codeSpan.FindAllStringSubmatch(m[2], -1) {
			listed[sev+" "+c[1]] = true
		}
	}
	return listed
}

// drift compares what the code can emit with what the guide lists and
// returns one line per difference.
func drift(code []emitted, unknown []string, listed map[string]bool) []string {
	var problems []string
	for _, u := range unknown {
		problems = append(problems, "the framework validator "+u+" is not in frameworkValidators: add the summary it reports")
	}
	emittedKeys := map[string]bool{}
	for _, e := range code {
		key := e.severity + " " + e.text
		if e.hole && e.severity != "Function" {
			problems = append(problems, fmt.Sprintf("%s: cannot work out every value of the summary %q; build it from literals, or teach diagscan_test.go", e.pos, e.text))
			continue
		}
		if !emittedKeys[key] && !listed[key] {
			problems = append(problems, fmt.Sprintf("%s: the code can emit %s %q, which the troubleshooting guide does not list", e.pos, strings.ToLower(e.severity), e.text))
		}
		emittedKeys[key] = true
	}
	for _, key := range slices.Sorted(func(yield func(string) bool) {
		for k := range listed {
			if !yield(k) {
				return
			}
		}
	}) {
		if !emittedKeys[key] {
			sev, text, _ := strings.Cut(key, " ")
			problems = append(problems, fmt.Sprintf("the troubleshooting guide lists %s %q, which the code no longer emits", strings.ToLower(sev), text))
		}
	}
	return problems
}

// TestTroubleshootingGuideListsEverySummary fails when the provider can
// emit an error or warning summary, or a function can return a message,
// that templates/guides/troubleshooting.md.tmpl does not list, or when the
// guide lists one the code no longer emits.
func TestTroubleshootingGuideListsEverySummary(t *testing.T) {
	s, err := newScanner(".", validatorPaths())
	if err != nil {
		t.Fatal(err)
	}
	code, unknown := s.emitted()
	if len(code) < 20 {
		t.Fatalf("found only %d diagnostics in the source; the scan is broken", len(code))
	}
	guide, err := os.ReadFile(troubleshootingGuide)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range drift(code, unknown, guideListed(string(guide))) {
		t.Error(p)
	}
}
