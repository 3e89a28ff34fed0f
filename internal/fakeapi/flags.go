package fakeapi

import (
	"flag"
	"fmt"
	"slices"
	"strings"
)

// enumFlag is a mode on the command line: its values in the order of the
// mode's constants, the first being the default.
type enumFlag struct {
	name, usage string
	values      []string
	set         func(i int)
}

// RegisterFlags adds a command-line flag for each of m's modes and for the
// list mode lm, with the values the package documentation lists, written
// in words: -search exact, -total omitted, -list-mode endless.
func RegisterFlags(fs *flag.FlagSet, m *Modes, lm *ListMode) {
	for _, f := range []enumFlag{
		{"foreign", "answer to a key used on another workspace", []string{"forbidden", "not-found", "hidden", "open"},
			func(i int) { m.Foreign = ForeignMode(i) }},
		{"missing", "answer to an id that does not exist", []string{"documented", "detail", "bare"},
			func(i int) { m.Missing = MissingMode(i) }},
		{"search", "how search matches names", []string{"fold-substring", "substring", "exact", "fold-prefix", "ignored"},
			func(i int) { m.Search = SearchMode(i) }},
		{"total", "how lists report total", []string{"reported", "omitted", "null"},
			func(i int) { m.Total = TotalMode(i) }},
		{"links", "how lists write next_page_uri and prev_page_uri", []string{"from-root", "absolute", "from-base", "omitted"},
			func(i int) { m.Links = LinkMode(i) }},
		{"unknown-status", "answer to a campaign_status outside the documented five", []string{"filtered", "empty", "rejected"},
			func(i int) { m.UnknownStatus = UnknownStatusMode(i) }},
		{"unknown-sort-by", "answer to an unknown sort_by", []string{"rejected", "ignored"},
			func(i int) { m.UnknownSortBy = UnknownSortByMode(i) }},
		{"list-mode", "paging misbehaviour of every list", []string{"normal", "repeat-page", "ignore-offset", "growing-total", "shift", "endless"},
			func(i int) { *lm = ListMode(i) }},
	} {
		fs.Func(f.name, fmt.Sprintf("%s: %s (default %s)", f.usage, strings.Join(f.values, ", "), f.values[0]), func(v string) error {
			i := slices.Index(f.values, v)
			if i < 0 {
				return fmt.Errorf("want one of %s", strings.Join(f.values, ", "))
			}
			f.set(i)
			return nil
		})
	}
	fs.BoolVar(&m.ExtraFields, "extra-fields", false, "add the field "+ExtraField+" to every object served, as an API that grew new fields would")
}
