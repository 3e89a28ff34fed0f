// Command docsindex writes the lists of the provider's data sources,
// ephemeral resources and functions in templates/index.md.tmpl and the
// tables of them in README.md, from what the provider registers: each one's
// name (in README.md, linked to its page) and its phrase, the plain
// Description of its schema or, for a function, of its definition. make
// generate runs it before tfplugindocs renders the template into
// docs/index.md, so that a new data source, ephemeral resource or function
// needs no line written by hand. It is a command of its own, beside the
// other scripts, because only make generate needs it and the provider's
// package holds no code for its documentation alone.
//
//	docsindex [ROOT]
//
// ROOT is the repository's root, by default the working directory. In each
// file it rewrites only the lines between the line that holds
// "BEGIN generated: NAME" and the next that holds "END generated: NAME",
// for each block NAME the file has. A missing marker, or a phrase that is
// empty, spans lines, has white space around it, ends in a full stop or
// holds a "|", is an error that names it, and then no file is written.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/sarvamai/terraform-provider-sarvam/internal/provider"
)

func main() {
	root := "."
	switch len(os.Args) {
	case 1:
	case 2:
		root = os.Args[1]
	default:
		fmt.Fprintln(os.Stderr, "usage: docsindex [ROOT]")
		os.Exit(2)
	}
	if err := run(context.Background(), root); err != nil {
		fmt.Fprintln(os.Stderr, "docsindex:", err)
		os.Exit(1)
	}
}

// run rewrites the blocks of every file under root from the provider's
// registrations, writing only the files that change.
func run(ctx context.Context, root string) error {
	reg, err := registered(ctx, provider.New("docs")())
	if err != nil {
		return err
	}
	rewritten := map[string]string{}
	for _, f := range files {
		path := root + "/" + f.path
		text, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out, err := rewrite(f.path, string(text), f.blocks(reg))
		if err != nil {
			return err
		}
		if out != string(text) {
			rewritten[path] = out
		}
	}
	for path, out := range rewritten {
		if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
			return err
		}
	}
	return nil
}
