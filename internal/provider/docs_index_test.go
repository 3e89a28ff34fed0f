package provider

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// docsIndex is the provider's page on the Registry, generated from
// templates/index.md.tmpl.
const docsIndex = "../../docs/index.md"

// registered is what the provider serves, by kind, as a user writes it:
// data sources and ephemeral resources by type name, functions as
// provider::sarvam::name. Ephemeral resources count once the provider
// implements provider.ProviderWithEphemeralResources.
func registered(p provider.Provider) map[string][]string {
	ctx := context.Background()
	kinds := map[string][]string{}
	for _, newDataSource := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		newDataSource().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &resp)
		kinds["Data sources"] = append(kinds["Data sources"], resp.TypeName)
	}
	if pe, ok := p.(provider.ProviderWithEphemeralResources); ok {
		for _, newEphemeral := range pe.EphemeralResources(ctx) {
			var resp ephemeral.MetadataResponse
			newEphemeral().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: providerTypeName}, &resp)
			kinds["Ephemeral resources"] = append(kinds["Ephemeral resources"], resp.TypeName)
		}
	}
	if pf, ok := p.(provider.ProviderWithFunctions); ok {
		for _, newFunction := range pf.Functions(ctx) {
			var resp function.MetadataResponse
			newFunction().Metadata(ctx, function.MetadataRequest{}, &resp)
			kinds["Functions"] = append(kinds["Functions"], "provider::"+providerTypeName+"::"+resp.Name)
		}
	}
	for kind := range kinds {
		slices.Sort(kinds[kind])
	}
	return kinds
}

// listedItem is a list item that names one thing: "- `name`: what it does".
var listedItem = regexp.MustCompile("^- `([^`]+)`")

// indexSections splits a page into its "## " sections and returns, for each
// heading, the names its list items begin with.
func indexSections(page string) map[string][]string {
	sections := map[string][]string{}
	heading := ""
	for _, line := range strings.Split(page, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			heading = strings.TrimSpace(h)
			continue
		}
		if m := listedItem.FindStringSubmatch(line); m != nil {
			sections[heading] = append(sections[heading], m[1])
		}
	}
	for heading := range sections {
		slices.Sort(sections[heading])
	}
	return sections
}

// docs/index.md lists every data source, ephemeral resource and function the
// provider registers, each under the heading of its kind, and nothing it does
// not: a new one must be added to templates/index.md.tmpl (then make
// generate), and a removed one taken out.
func TestDocsIndexListsEveryDataSourceEphemeralResourceAndFunction(t *testing.T) {
	page, err := os.ReadFile(docsIndex)
	if err != nil {
		t.Fatal(err)
	}
	listed := indexSections(string(page))
	kinds := registered(New("test")())
	if len(kinds["Data sources"]) == 0 || len(kinds["Functions"]) == 0 {
		t.Fatalf("the provider registers no data source or no function: %v", kinds)
	}
	for _, kind := range []string{"Data sources", "Ephemeral resources", "Functions"} {
		want, got := kinds[kind], listed[kind]
		for _, name := range want {
			if !slices.Contains(got, name) {
				t.Errorf("docs/index.md does not list the %s %q under \"## %s\" as a line \"- `%s`: …\" (templates/index.md.tmpl, then make generate)", kindSingular[kind], name, kind, name)
			}
		}
		for _, name := range got {
			if !slices.Contains(want, name) {
				t.Errorf("docs/index.md lists %q under \"## %s\", which the provider does not register", name, kind)
			}
		}
	}
}

// An ephemeral resource counts as soon as the provider registers one.
func TestRegisteredCountsEphemeralResources(t *testing.T) {
	kinds := registered(withEphemeral{&sarvamProvider{version: "test"}})
	if want := []string{"sarvam_stub"}; !slices.Equal(kinds["Ephemeral resources"], want) {
		t.Errorf("ephemeral resources: got %v, want %v", kinds["Ephemeral resources"], want)
	}
	if !slices.Contains(kinds["Data sources"], "sarvam_campaign") || !slices.Contains(kinds["Functions"], "provider::sarvam::calling_window_open") {
		t.Errorf("data sources and functions: got %v", kinds)
	}
}

type withEphemeral struct{ *sarvamProvider }

func (withEphemeral) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{func() ephemeral.EphemeralResource { return stubEphemeral{} }}
}

type stubEphemeral struct{}

func (stubEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_stub"
}
func (stubEphemeral) Schema(context.Context, ephemeral.SchemaRequest, *ephemeral.SchemaResponse) {}
func (stubEphemeral) Open(context.Context, ephemeral.OpenRequest, *ephemeral.OpenResponse)       {}

var kindSingular = map[string]string{"Data sources": "data source", "Ephemeral resources": "ephemeral resource", "Functions": "function"}

// docPage is the generated page of a registered name, as tfplugindocs
// writes it.
func docPage(kind, name string) string {
	short := strings.TrimPrefix(strings.TrimPrefix(name, "provider::"+providerTypeName+"::"), providerTypeName+"_")
	dir := map[string]string{"Data sources": "data-sources", "Ephemeral resources": "ephemeral-resources", "Functions": "functions"}[kind]
	return "docs/" + dir + "/" + short + ".md"
}

// The README links every data source, ephemeral resource and function to its
// page, and the page exists.
func TestReadmeLinksEveryDataSourceEphemeralResourceAndFunction(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for kind, names := range registered(New("test")()) {
		for _, name := range names {
			page := docPage(kind, name)
			if link := "[`" + name + "`](" + page + ")"; !strings.Contains(string(readme), link) {
				t.Errorf("README.md does not link the %s %q to its page: want %s", kindSingular[kind], name, link)
			}
			if _, err := os.Stat("../../" + page); err != nil {
				t.Errorf("the %s %q has no page: %v", kindSingular[kind], name, err)
			}
		}
	}
}

// The check above reads the page as a user does: a name under the wrong
// heading, or missing from it, is found.
func TestIndexSections(t *testing.T) {
	page := strings.Join([]string{
		"# Provider",
		"- `not_in_a_section`: ignored",
		"## Data sources",
		"- `sarvam_b`: second",
		"- `sarvam_a`: first, on",
		"  two lines",
		"Text that mentions `sarvam_c` is not a list item.",
		"## Functions",
		"- `provider::sarvam::f`: a function",
		"* `sarvam_d`: another bullet style is not counted",
	}, "\n")
	got := indexSections(page)
	want := map[string][]string{
		"":             {"not_in_a_section"},
		"Data sources": {"sarvam_a", "sarvam_b"},
		"Functions":    {"provider::sarvam::f"},
	}
	if len(got) != len(want) {
		t.Fatalf("sections: got %v, want %v", got, want)
	}
	for heading, names := range want {
		if !slices.Equal(got[heading], names) {
			t.Errorf("section %q: got %v, want %v", heading, got[heading], names)
		}
	}
}
