package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// duplicateWindow is how many consecutive lines two data source files may
// not share: what they share that long belongs in the data source plumbing.
const duplicateWindow = 6

var (
	stringLiteral = regexp.MustCompile("\"(\\\\.|[^\"\\\\])*\"|`[^`]*`")
	identifier    = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	// goWords stay as they are: two lines that differ in them differ.
	goWords = map[string]bool{}
)

func init() {
	for _, w := range strings.Fields("break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var nil true false") {
		goWords[w] = true
	}
}

// sourceLine is one line of a file as compared: its number and its text.
type sourceLine struct {
	n    int
	text string
}

// comparedLines are the lines of a Go file as duplicates are looked for in
// them: without blank lines, the package clause and the imports; a string
// split over lines with + is one line, at its first, and one string
// literal; a comment is compared
// as it is, and code with every identifier and string literal made the
// same, so that lines the same but for names are the same.
func comparedLines(src string) []sourceLine {
	var out []sourceLine
	inImports := false
	pending, start := "", 0
	for i, raw := range strings.Split(src, "\n") {
		t := strings.TrimSpace(raw)
		if pending != "" {
			t, pending = pending+" "+t, ""
		} else {
			start = i + 1
		}
		switch {
		case inImports:
			inImports = t != ")"
			continue
		case strings.HasPrefix(t, "import ("):
			inImports = true
			continue
		case t == "" || strings.HasPrefix(t, "package ") || strings.HasPrefix(t, "import "):
			continue
		case strings.HasSuffix(t, "+"):
			pending = t
			continue
		case strings.HasPrefix(t, "//"):
			out = append(out, sourceLine{start, t})
			continue
		}
		t = stringLiteral.ReplaceAllString(t, "\x01")
		for strings.Contains(t, "\x01 + \x01") {
			t = strings.ReplaceAll(t, "\x01 + \x01", "\x01")
		}
		t = identifier.ReplaceAllStringFunc(t, func(w string) string {
			if goWords[w] {
				return w
			}
			return "\x02"
		})
		out = append(out, sourceLine{start, t})
	}
	return out
}

// duplicates returns, for files (name → source), each run of at least
// window compared lines that two files share, as "a.go:3-9 and b.go:10-15"
// (their first and last lines).
func duplicates(files map[string]string, window int) []string {
	type at struct {
		file  string
		first int // index into the file's compared lines
	}
	lines := map[string][]sourceLine{}
	seen := map[string][]at{}
	for name, src := range files {
		ls := comparedLines(src)
		lines[name] = ls
		for i := 0; i+window <= len(ls); i++ {
			var key strings.Builder
			for _, l := range ls[i : i+window] {
				key.WriteString(l.text)
				key.WriteByte('\n')
			}
			seen[key.String()] = append(seen[key.String()], at{name, i})
		}
	}
	// Each pair of files, and where in each a shared window begins.
	type pair struct{ a, b string }
	starts := map[pair][][2]int{}
	for _, ats := range seen {
		for _, x := range ats {
			for _, y := range ats {
				if x.file < y.file {
					p := pair{x.file, y.file}
					starts[p] = append(starts[p], [2]int{x.first, y.first})
				}
			}
		}
	}
	var out []string
	for p, ss := range starts {
		slices.SortFunc(ss, func(x, y [2]int) int {
			if d := (x[0] - x[1]) - (y[0] - y[1]); d != 0 {
				return d
			}
			return x[0] - y[0]
		})
		// Windows that follow each other in both files are one run.
		la, lb := lines[p.a], lines[p.b]
		for i := 0; i < len(ss); {
			j := i
			for j+1 < len(ss) && ss[j+1][0] == ss[j][0]+1 && ss[j+1][1] == ss[j][1]+1 {
				j++
			}
			out = append(out, fmt.Sprintf("%s:%d-%d and %s:%d-%d", p.a, la[ss[i][0]].n, la[ss[j][0]+window-1].n, p.b, lb[ss[i][1]].n, lb[ss[j][1]+window-1].n))
			i = j + 1
		}
	}
	slices.Sort(out)
	return out
}

// TestDataSourcesShareNoCode fails when two data source files
// (*_data_source.go, *_ephemeral_resource.go) have duplicateWindow
// consecutive lines the same, or the same but for names and strings: what
// they share belongs in the data source plumbing (datasource*.go,
// byname.go) or the helpers.
func TestDataSourcesShareNoCode(t *testing.T) {
	files := map[string]string{}
	for _, pattern := range []string{"*_data_source.go", "*_ephemeral_resource.go"} {
		names, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range names {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			files[name] = string(src)
		}
	}
	if len(files) < 7 {
		t.Fatalf("found only %d data source files", len(files))
	}
	for _, d := range duplicates(files, duplicateWindow) {
		t.Errorf("%s are the same but for names: move what they share into the data source plumbing", d)
	}
}

// TestDuplicatesNamesBothFiles runs duplicates over two small files that
// share six lines but for names and strings, and a third that shares five.
func TestDuplicatesNamesBothFiles(t *testing.T) {
	a := "package p\n\nimport \"fmt\"\n\nfunc a() {\n\tx := 1\n\ty := \"a\" +\n\t\t\"b\"\n\tfmt.Println(x, y)\n\tif x > 0 {\n\t\treturn\n\t}\n}\n"
	b := "package p\n\n// b is b.\nfunc b() {\n\tz := 1\n\tw := \"c\"\n\tfmt.Printf(z, w)\n\tif z > 0 {\n\t\treturn\n\t}\n}\n"
	c := "package p\n\nfunc c() {\n\tz := 1\n\tw := \"c\"\n\tfmt.Printf(z, w)\n\tif z > 0 {\n\t\tpanic(z)\n\t}\n}\n"
	got := duplicates(map[string]string{"a.go": a, "b.go": b, "c.go": c}, 6)
	want := []string{"a.go:5-13 and b.go:4-11"}
	if !slices.Equal(got, want) {
		t.Errorf("duplicates: %q, want %q", got, want)
	}
}
