package provider

import (
	"context"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/provider"
)

// docsIndex is the provider's page on the Registry, generated from
// templates/index.md.tmpl.
const docsIndex = "../../docs/index.md"

// registration is one thing the provider serves, as a user writes it
// (data sources and ephemeral resources by type name, functions as
// provider::sarvam::name), and the Description of its schema or
// definition, the phrase README.md and docs/index.md describe it with.
type registration struct{ name, description string }

// registered is what the provider serves (Registrations), by kind, sorted
// by name.
func registered(p provider.Provider) map[string][]registration {
	dataSources, ephemeralResources, functions := Registrations(context.Background(), p)
	kinds := map[string][]registration{}
	for kind, regs := range map[string][]Registration{"Data sources": dataSources, "Ephemeral resources": ephemeralResources, "Functions": functions} {
		for _, r := range regs {
			kinds[kind] = append(kinds[kind], registration{r.Name, r.Description})
		}
		slices.SortFunc(kinds[kind], func(a, b registration) int { return strings.Compare(a.name, b.name) })
	}
	return kinds
}

// names are the names of rs, in their order.
func names(rs []registration) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.name)
	}
	return out
}

// listedItem is a list item that names one thing: "- `name`: what it does".
var listedItem = regexp.MustCompile("^- `([^`]+)`(?:: )?(.*)$")

// listItem is a list item of a page: the name it begins with and the text
// after "name: ", its lines joined.
type listItem struct{ name, text string }

// indexSections splits a page into its "## " sections and returns, for each
// heading, the items of its lists, sorted by name. A line indented by two
// spaces continues the item above it.
func indexSections(page string) map[string][]listItem {
	sections := map[string][]listItem{}
	heading := ""
	var last *listItem
	for _, line := range strings.Split(page, "\n") {
		if h, ok := strings.CutPrefix(line, "## "); ok {
			heading = strings.TrimSpace(h)
			last = nil
			continue
		}
		if m := listedItem.FindStringSubmatch(line); m != nil {
			sections[heading] = append(sections[heading], listItem{m[1], m[2]})
			last = &sections[heading][len(sections[heading])-1]
			continue
		}
		if rest, ok := strings.CutPrefix(line, "  "); ok && last != nil && strings.TrimSpace(rest) != "" {
			last.text += " " + strings.TrimSpace(rest)
			continue
		}
		last = nil
	}
	for heading := range sections {
		slices.SortFunc(sections[heading], func(a, b listItem) int { return strings.Compare(a.name, b.name) })
	}
	return sections
}

// docs/index.md lists every data source, ephemeral resource and function the
// provider registers, each under the heading of its kind with the
// Description of its schema or definition, and nothing it does not. make
// generate writes those lists (scripts/docsindex), so a new one needs only
// its Description and make generate.
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
		for _, r := range want {
			if r.description == "" {
				t.Errorf("the %s %q has no Description: give its %s one, the phrase docs/index.md and README.md describe it with, then make generate", kindSingular[kind], r.name, kindHolder[kind])
			}
			i := slices.IndexFunc(got, func(it listItem) bool { return it.name == r.name })
			switch {
			case i < 0:
				t.Errorf("docs/index.md does not list the %s %q under \"## %s\" as a line \"- `%s`: …\" (make generate)", kindSingular[kind], r.name, kind, r.name)
			case got[i].text != r.description+".":
				t.Errorf("docs/index.md describes the %s %q as %q, not by its Description %q and a full stop (make generate)", kindSingular[kind], r.name, got[i].text, r.description)
			}
		}
		for _, it := range got {
			if !slices.Contains(names(want), it.name) {
				t.Errorf("docs/index.md lists %q under \"## %s\", which the provider does not register", it.name, kind)
			}
		}
	}
}

// An ephemeral resource counts as soon as the provider registers one.
func TestRegisteredCountsEphemeralResources(t *testing.T) {
	kinds := registered(withEphemeral{&sarvamProvider{version: "test"}})
	if want := []registration{{"sarvam_stub", "a stub"}}; !slices.Equal(kinds["Ephemeral resources"], want) {
		t.Errorf("ephemeral resources: got %v, want %v", kinds["Ephemeral resources"], want)
	}
	if !slices.Contains(names(kinds["Data sources"]), "sarvam_campaign") || !slices.Contains(names(kinds["Functions"]), "provider::sarvam::calling_window_open") {
		t.Errorf("data sources and functions: got %v", kinds)
	}
	campaign := kinds["Data sources"][slices.Index(names(kinds["Data sources"]), "sarvam_campaign")]
	if want := "one campaign, by `campaign_id` or exact `name`, with every field of Get Campaign"; campaign.description != want {
		t.Errorf("sarvam_campaign's description: got %q, want %q", campaign.description, want)
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
func (stubEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema.Description = "a stub"
}
func (stubEphemeral) Open(context.Context, ephemeral.OpenRequest, *ephemeral.OpenResponse) {}

var kindSingular = map[string]string{"Data sources": "data source", "Ephemeral resources": "ephemeral resource", "Functions": "function"}

// kindHolder is what holds the Description of each kind.
var kindHolder = map[string]string{"Data sources": "schema", "Ephemeral resources": "schema", "Functions": "function definition"}

// docPage is the generated page of a registered name, as tfplugindocs
// writes it.
func docPage(kind, name string) string {
	short := strings.TrimPrefix(strings.TrimPrefix(name, "provider::"+providerTypeName+"::"), providerTypeName+"_")
	dir := map[string]string{"Data sources": "data-sources", "Ephemeral resources": "ephemeral-resources", "Functions": "functions"}[kind]
	return "docs/" + dir + "/" + short + ".md"
}

// The README links every data source, ephemeral resource and function to its
// page, in a row that describes it by its Description, and the page exists.
func TestReadmeLinksEveryDataSourceEphemeralResourceAndFunction(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for kind, rs := range registered(New("test")()) {
		for _, r := range rs {
			page := docPage(kind, r.name)
			if link := "[`" + r.name + "`](" + page + ")"; !strings.Contains(string(readme), link) {
				t.Errorf("README.md does not link the %s %q to its page: want %s (make generate)", kindSingular[kind], r.name, link)
			} else if row := "\n| " + link + " | " + r.description + " |\n"; !strings.Contains(string(readme), row) {
				t.Errorf("README.md does not describe the %s %q by its Description: want the row %s (make generate)", kindSingular[kind], r.name, strings.TrimSpace(row))
			}
			if _, err := os.Stat("../../" + page); err != nil {
				t.Errorf("the %s %q has no page: %v", kindSingular[kind], r.name, err)
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
	want := map[string][]listItem{
		"":             {{"not_in_a_section", "ignored"}},
		"Data sources": {{"sarvam_a", "first, on two lines"}, {"sarvam_b", "second"}},
		"Functions":    {{"provider::sarvam::f", "a function"}},
	}
	if len(got) != len(want) {
		t.Fatalf("sections: got %v, want %v", got, want)
	}
	for heading, listed := range want {
		if !slices.Equal(got[heading], listed) {
			t.Errorf("section %q: got %v, want %v", heading, got[heading], listed)
		}
	}
}
