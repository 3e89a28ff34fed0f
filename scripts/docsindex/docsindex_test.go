package main

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/function"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/sarvamai/terraform-provider-sarvam/internal/provider"
)

// The README and the template hold what make generate writes: a data
// source, ephemeral resource or function registered without them, or a
// Description changed, fails here until make generate has run.
func TestRepositoryIsCurrent(t *testing.T) {
	reg, err := registered(context.Background(), provider.New("test")())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		text, err := os.ReadFile("../../" + f.path)
		if err != nil {
			t.Fatal(err)
		}
		out, err := rewrite(f.path, string(text), f.blocks(reg))
		if err != nil {
			t.Fatal(err)
		}
		if out != string(text) {
			t.Errorf("%s is not what make generate writes from the provider's registrations: run make generate\n%s", f.path, firstDifference(string(text), out))
		}
	}
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		gl, wl := "(none)", "(none)"
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d\nhas:  %s\nwant: %s", i+1, gl, wl)
		}
	}
	return ""
}

// Every kind the provider registers is read, in its order, each with its
// page and its Description.
func TestRegistered(t *testing.T) {
	reg, err := registered(context.Background(), provider.New("test")())
	if err != nil {
		t.Fatal(err)
	}
	names := func(k kind) []string {
		var out []string
		for _, e := range reg[k] {
			out = append(out, e.name)
		}
		return out
	}
	if got, want := names(dataSources), []string{"sarvam_campaign", "sarvam_campaigns", "sarvam_campaign_cohort", "sarvam_campaign_cohorts", "sarvam_webhook_config", "sarvam_webhook_configs"}; !slices.Equal(got, want) {
		t.Errorf("data sources: got %v, want %v", got, want)
	}
	if got, want := names(ephemeralResources), []string{"sarvam_webhook_config"}; !slices.Equal(got, want) {
		t.Errorf("ephemeral resources: got %v, want %v", got, want)
	}
	if got, want := names(functions), []string{"provider::sarvam::calling_window_open", "provider::sarvam::next_calling_window"}; !slices.Equal(got, want) {
		t.Errorf("functions: got %v, want %v", got, want)
	}
	want := map[kind]entry{
		dataSources: {name: "sarvam_campaign", page: "docs/data-sources/campaign.md", phrase: "one campaign, by `campaign_id` or exact `name`, with every field of Get Campaign"},
		ephemeralResources: {name: "sarvam_webhook_config", page: "docs/ephemeral-resources/webhook_config.md", phrase: "the same webhook configuration as the data source, by `webhook_id` or exact `name`, without storing it, " +
			"so that its `custom_headers` can reach another provider's configuration, a write-only argument or a local value and never state"},
		functions: {name: "provider::sarvam::calling_window_open", page: "docs/functions/calling_window_open.md", phrase: "whether a time is inside a campaign's calling window (`allowed_schedule`)"},
	}
	for k, e := range want {
		if got := reg[k][0]; got != e {
			t.Errorf("the first %s: got %+v, want %+v", k.what, got, e)
		}
	}
}

// A data source registered without a Description stops make generate, and
// the error says what to write.
func TestRegisteredRefusesAMissingDescription(t *testing.T) {
	_, err := registered(context.Background(), stubProvider{dataSource: stubDataSource{}})
	want := "the data source stub_thing has no Description: its schema's Description is the phrase, on one line and with no final stop, " +
		"that README.md and docs/index.md describe it with, such as \"one campaign, by `campaign_id` or exact `name`\""
	if err == nil || err.Error() != want {
		t.Errorf("got %v,\nwant %s", err, want)
	}
}

func TestRegisteredRefusesAFunctionsDescriptionEndingInAStop(t *testing.T) {
	_, err := registered(context.Background(), stubProvider{dataSource: stubDataSource{description: "one thing"}, function: stubFunction{description: "an answer."}})
	want := "the function provider::stub::answer has a Description that ends in a full stop: its definition's Description is the phrase, on one line and with no final stop, " +
		"that README.md and docs/index.md describe it with, such as \"one campaign, by `campaign_id` or exact `name`\""
	if err == nil || err.Error() != want {
		t.Errorf("got %v,\nwant %s", err, want)
	}
}

type stubProvider struct {
	dataSource stubDataSource
	function   function.Function
}

func (stubProvider) Metadata(_ context.Context, _ fwprovider.MetadataRequest, resp *fwprovider.MetadataResponse) {
	resp.TypeName = "stub"
}
func (stubProvider) Schema(context.Context, fwprovider.SchemaRequest, *fwprovider.SchemaResponse) {}
func (stubProvider) Configure(context.Context, fwprovider.ConfigureRequest, *fwprovider.ConfigureResponse) {
}
func (stubProvider) Resources(context.Context) []func() resource.Resource { return nil }
func (p stubProvider) DataSources(context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{func() datasource.DataSource { return p.dataSource }}
}
func (p stubProvider) Functions(context.Context) []func() function.Function {
	if p.function == nil {
		return nil
	}
	return []func() function.Function{func() function.Function { return p.function }}
}

type stubDataSource struct{ description string }

func (stubDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_thing"
}
func (d stubDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{Description: d.description, MarkdownDescription: "Reads a thing."}
}
func (stubDataSource) Read(context.Context, datasource.ReadRequest, *datasource.ReadResponse) {}

type stubFunction struct{ description string }

func (stubFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "answer"
}
func (f stubFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{Description: f.description, Return: function.BoolReturn{}}
}
func (stubFunction) Run(context.Context, function.RunRequest, *function.RunResponse) {}

func TestCheckPhrase(t *testing.T) {
	const rest = ": its schema's Description is the phrase, on one line and with no final stop, " +
		"that README.md and docs/index.md describe it with, such as \"one campaign, by `campaign_id` or exact `name`\""
	for _, tc := range []struct{ phrase, want string }{
		{"one thing, by `id`", ""},
		{"", "the data source sarvam_x has no Description" + rest},
		{"one thing,\nby id", "the data source sarvam_x has a Description of more than one line" + rest},
		{" one thing", "the data source sarvam_x has white space around its Description" + rest},
		{"one thing ", "the data source sarvam_x has white space around its Description" + rest},
		{"one thing.", "the data source sarvam_x has a Description that ends in a full stop" + rest},
		{"one thing | another", "the data source sarvam_x has a Description that holds a \"|\"" + rest},
	} {
		err := checkPhrase(dataSources, "sarvam_x", tc.phrase)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v", tc.phrase, err)
		case tc.want != "" && (err == nil || err.Error() != tc.want):
			t.Errorf("%q: got %v,\nwant %s", tc.phrase, err, tc.want)
		}
	}
}

// A list item is wrapped between words, never inside a code span, and the
// lines after the first are indented.
func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		text  string
		width int
		want  []string
	}{
		{"- `a`: short.", 20, []string{"- `a`: short."}},
		{"- `a`: one two three four", 12, []string{"- `a`: one", "  two three", "  four"}},
		{"- `a`: as `{ x, y }`.", 14, []string{"- `a`: as", "  `{ x, y }`."}},
		{"- `a`: averyveryverylongword", 10, []string{"- `a`:", "  averyveryverylongword"}},
		{"exactly ten", 11, []string{"exactly ten"}},
		{"exactly ten", 10, []string{"exactly", "  ten"}},
	} {
		if got := wrap(tc.text, tc.width, "  "); !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %d): got %q, want %q", tc.text, tc.width, got, tc.want)
		}
	}
}

func TestIndexBlocks(t *testing.T) {
	reg := registry{
		dataSources: {
			{name: "sarvam_a", phrase: "one a"},
			{name: "sarvam_b", phrase: "the b's of a workspace, " + strings.Repeat("every page ", 10) + "and more"},
		},
		functions: {{name: "provider::sarvam::f", phrase: "an answer"}},
	}
	got := indexBlocks(reg)
	want := []block{
		{name: "data sources", lines: []string{
			"- `sarvam_a`: one a.",
			"- `sarvam_b`: the b's of a workspace, every page every page every page every page every page every page every",
			"  page every page every page every page and more.",
		}},
		{name: "ephemeral resources"},
		{name: "functions", lines: []string{"- `provider::sarvam::f`: an answer."}},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d blocks, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if got[i].name != want[i].name || !slices.Equal(got[i].lines, want[i].lines) {
			t.Errorf("block %d: got %q %q, want %q %q", i, got[i].name, got[i].lines, want[i].name, want[i].lines)
		}
	}
}

// The README has a table of each kind the provider registers, and none of a
// kind it registers none of.
func TestReadmeBlocks(t *testing.T) {
	reg := registry{
		dataSources: {{name: "sarvam_a", page: "docs/data-sources/a.md", phrase: "one a"}},
		functions:   {{name: "provider::sarvam::f", page: "docs/functions/f.md", phrase: "an answer"}},
	}
	got := readmeBlocks(reg)
	want := []string{
		"",
		"| Data source | Reads |",
		"|---|---|",
		"| [`sarvam_a`](docs/data-sources/a.md) | one a |",
		"",
		"| Function | Answers, offline |",
		"|---|---|",
		"| [`provider::sarvam::f`](docs/functions/f.md) | an answer |",
		"",
	}
	if len(got) != 1 || got[0].name != "data sources, ephemeral resources and functions" || !slices.Equal(got[0].lines, want) {
		t.Errorf("got %q,\nwant one block \"data sources, ephemeral resources and functions\" of %q", got, want)
	}
}

// Only the lines between a block's markers change; the marker lines and
// every other line stay as they are.
func TestRewrite(t *testing.T) {
	text := strings.Join([]string{
		"# Page",
		"{{/* BEGIN generated: things, by make generate */ -}}",
		"- old",
		"- older",
		"{{- /* END generated: things */}}",
		"",
		"<!-- BEGIN generated: others -->",
		"<!-- END generated: others -->",
		"tail",
	}, "\n")
	got, err := rewrite("page.md", text, []block{{name: "things", lines: []string{"- new"}}, {name: "others", lines: []string{"", "| a |", ""}}})
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"# Page",
		"{{/* BEGIN generated: things, by make generate */ -}}",
		"- new",
		"{{- /* END generated: things */}}",
		"",
		"<!-- BEGIN generated: others -->",
		"",
		"| a |",
		"",
		"<!-- END generated: others -->",
		"tail",
	}, "\n")
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	again, err := rewrite("page.md", got, []block{{name: "things", lines: []string{"- new"}}, {name: "others", lines: []string{"", "| a |", ""}}})
	if err != nil || again != got {
		t.Errorf("a second rewrite changed the page: %v\n%s", err, again)
	}
}

func TestRewriteRefusesMissingOrRepeatedMarkers(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"# Page\n- old\n", `page.md: no line holds "BEGIN generated: things", which begins the block make generate writes`},
		{"# Page\n<!-- END generated: things -->\n<!-- BEGIN generated: things -->\n- old\n", `page.md: no line after line 3 holds "END generated: things", which ends the block make generate writes`},
		{"<!-- BEGIN generated: things -->\n<!-- END generated: things -->\n<!-- BEGIN generated: things -->\n", `page.md: "BEGIN generated: things" is on lines 1 and 3: keep one`},
	} {
		_, err := rewrite("page.md", tc.text, []block{{name: "things", lines: []string{"- new"}}})
		if err == nil || err.Error() != tc.want {
			t.Errorf("%q: got %v,\nwant %s", tc.text, err, tc.want)
		}
	}
}

// run rewrites a copy of the repository's files, writing only those that
// change, and leaves them as make generate would.
func TestRun(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(root+"/templates", 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		text, err := os.ReadFile("../../" + f.path)
		if err != nil {
			t.Fatal(err)
		}
		// An entry of the block, renamed, as if the data source had been.
		entry := map[string]string{"README.md": "[`sarvam_campaign`](", "templates/index.md.tmpl": "- `sarvam_campaign`: "}[f.path]
		stale := strings.Replace(string(text), entry, strings.Replace(entry, "campaign", "campaign_old", 1), 1)
		if stale == string(text) {
			t.Fatalf("%s holds no %q", f.path, entry)
		}
		if err := os.WriteFile(root+"/"+f.path, []byte(stale), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(context.Background(), root); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, err := os.ReadFile(root + "/" + f.path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile("../../" + f.path)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("%s after run:\n%s", f.path, firstDifference(string(got), string(want)))
		}
	}
}
