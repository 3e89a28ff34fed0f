package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/provider"

	sarvam "github.com/sarvamai/terraform-provider-sarvam/internal/provider"
)

// kind is one kind of thing the provider registers, as its block and its
// table name it.
type kind struct {
	block  string // the block of templates/index.md.tmpl that lists them
	dir    string // the directory of docs/ that holds their pages
	header string // the header row of their table in README.md
	what   string // one of them, in an error
	holder string // what holds the phrase, in an error
}

var (
	dataSources = kind{block: "data sources", dir: "data-sources", header: "| Data source | Reads |",
		what: "data source", holder: "schema"}
	ephemeralResources = kind{block: "ephemeral resources", dir: "ephemeral-resources", header: "| Ephemeral resource (Terraform 1.10, OpenTofu 1.11) | Reads, and never stores |",
		what: "ephemeral resource", holder: "schema"}
	functions = kind{block: "functions", dir: "functions", header: "| Function | Answers, offline |",
		what: "function", holder: "definition"}
)

// kinds are the kinds, in the order README.md's tables list them.
var kinds = []kind{dataSources, ephemeralResources, functions}

// entry is one thing the provider registers.
type entry struct {
	name   string // as a configuration writes it: sarvam_campaign, provider::sarvam::calling_window_open
	page   string // its page, from the repository's root
	phrase string // its Description
}

// registry is what the provider registers, by kind, in its order.
type registry map[kind][]entry

// registered reads what p registers (provider.Registrations), checking
// that each has a schema or definition and a phrase fit for a list.
func registered(ctx context.Context, p provider.Provider) (registry, error) {
	reg := registry{}
	dataSourceRegs, ephemeralRegs, functionRegs := sarvam.Registrations(ctx, p)
	for i, regs := range [][]sarvam.Registration{dataSourceRegs, ephemeralRegs, functionRegs} {
		k := kinds[i]
		for _, r := range regs {
			if r.Diagnostics.HasError() {
				return nil, fmt.Errorf("the %s %s has no schema: %v", k.what, r.Name, r.Diagnostics)
			}
			if err := checkPhrase(k, r.Name, r.Description); err != nil {
				return nil, err
			}
			reg[k] = append(reg[k], entry{name: r.Name, page: "docs/" + k.dir + "/" + r.Short + ".md", phrase: r.Description})
		}
	}
	return reg, nil
}

// checkPhrase refuses a phrase that cannot stand in a list item of
// docs/index.md, which adds the full stop, or in a cell of README.md.
func checkPhrase(k kind, name, phrase string) error {
	problem := ""
	switch {
	case phrase == "":
		problem = "has no Description"
	case strings.Contains(phrase, "\n"):
		problem = "has a Description of more than one line"
	case strings.TrimSpace(phrase) != phrase:
		problem = "has white space around its Description"
	case strings.HasSuffix(phrase, "."):
		problem = "has a Description that ends in a full stop"
	case strings.Contains(phrase, "|"):
		problem = "has a Description that holds a \"|\""
	default:
		return nil
	}
	return fmt.Errorf("the %s %s %s: its %s's Description is the phrase, on one line and with no final stop, "+
		"that README.md and docs/index.md describe it with, such as \"one campaign, by `campaign_id` or exact `name`\"", k.what, name, problem, k.holder)
}

// block is the lines a file's block NAME holds.
type block struct {
	name  string
	lines []string
}

// files are the files docsindex rewrites, from the repository's root, and
// their blocks.
var files = []struct {
	path   string
	blocks func(registry) []block
}{
	{"templates/index.md.tmpl", indexBlocks},
	{"README.md", readmeBlocks},
}

// indexWidth is the longest line of a list item of docs/index.md, as its
// prose is wrapped.
const indexWidth = 112

// indexBlocks are the lists of templates/index.md.tmpl, a block a kind:
// "- `name`: phrase.", wrapped.
func indexBlocks(reg registry) []block {
	var out []block
	for _, k := range kinds {
		b := block{name: k.block}
		for _, e := range reg[k] {
			b.lines = append(b.lines, wrap("- `"+e.name+"`: "+e.phrase+".", indexWidth, "  ")...)
		}
		out = append(out, b)
	}
	return out
}

// readmeBlocks is README.md's one block: a table of each kind the provider
// registers, each name linked to its page.
func readmeBlocks(reg registry) []block {
	b := block{name: "data sources, ephemeral resources and functions", lines: []string{""}}
	for _, k := range kinds {
		if len(reg[k]) == 0 {
			continue
		}
		b.lines = append(b.lines, k.header, "|---|---|")
		for _, e := range reg[k] {
			b.lines = append(b.lines, "| [`"+e.name+"`]("+e.page+") | "+e.phrase+" |")
		}
		b.lines = append(b.lines, "")
	}
	return []block{b}
}

// wrap breaks text into lines of at most width characters where it can,
// between words but never inside a code span, and indents every line after
// the first.
func wrap(text string, width int, indent string) []string {
	var lines []string
	line := ""
	for _, word := range words(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > width:
			lines = append(lines, line)
			line = indent + word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// words splits text at spaces, keeping a code span whole.
func words(text string) []string {
	var out []string
	open := false
	for _, w := range strings.Split(text, " ") {
		if open {
			out[len(out)-1] += " " + w
		} else {
			out = append(out, w)
		}
		if strings.Count(w, "`")%2 == 1 {
			open = !open
		}
	}
	return out
}

// rewrite returns text, the file at path, with each block's lines in place
// of those between its markers.
func rewrite(path, text string, blocks []block) (string, error) {
	lines := strings.Split(text, "\n")
	for _, b := range blocks {
		begin, end := "BEGIN generated: "+b.name, "END generated: "+b.name
		first, last := -1, -1
		for i, line := range lines {
			switch {
			case strings.Contains(line, begin) && first >= 0:
				return "", fmt.Errorf("%s: %q is on lines %d and %d: keep one", path, begin, first+1, i+1)
			case strings.Contains(line, begin):
				first = i
			case strings.Contains(line, end) && first >= 0 && last < 0:
				last = i
			}
		}
		switch {
		case first < 0:
			return "", fmt.Errorf("%s: no line holds %q, which begins the block make generate writes", path, begin)
		case last < 0:
			return "", fmt.Errorf("%s: no line after line %d holds %q, which ends the block make generate writes", path, first+1, end)
		}
		lines = append(lines[:first+1], append(append([]string{}, b.lines...), lines[last:]...)...)
	}
	return strings.Join(lines, "\n"), nil
}
