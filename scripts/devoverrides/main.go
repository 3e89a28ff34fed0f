// Command devoverrides writes a Terraform or OpenTofu CLI configuration
// that installs each named provider from a local directory (dev_overrides)
// and every other from its registry, as the Go tests write theirs.
//
//	devoverrides FILE SOURCE=DIR...
//
// For example: devoverrides "$tmp/terraformrc" sarvamai/sarvam="$tmp/bin"
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/sarvamai/terraform-provider-sarvam/internal/clitest"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: devoverrides FILE SOURCE=DIR...")
		os.Exit(2)
	}
	dirs, err := parse(os.Args[2:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "devoverrides:", err)
		os.Exit(2)
	}
	if err := clitest.WriteDevOverrides(os.Args[1], dirs); err != nil {
		fmt.Fprintln(os.Stderr, "devoverrides:", err)
		os.Exit(1)
	}
}

// parse reads SOURCE=DIR arguments.
func parse(args []string) (map[string]string, error) {
	dirs := map[string]string{}
	for _, a := range args {
		src, dir, ok := strings.Cut(a, "=")
		if !ok || src == "" || dir == "" {
			return nil, fmt.Errorf("%q is not SOURCE=DIR", a)
		}
		if _, dup := dirs[src]; dup {
			return nil, fmt.Errorf("%s is named twice", src)
		}
		dirs[src] = dir
	}
	return dirs, nil
}
