package fakeapi

import (
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
)

// fixture is one checked file: its kind, parent (a cohort's campaign), id
// and body.
type fixture struct {
	file       string
	k          *kind
	parent, id string
	body       []byte
}

// FixtureError is every problem found in a fixtures directory, one line
// each, naming the file, the field and the problem.
type FixtureError struct {
	Problems []string
}

func (e *FixtureError) Error() string {
	return fmt.Sprintf("%s in the fixtures:\n  %s", countOf(len(e.Problems), "problem"), strings.Join(e.Problems, "\n  "))
}

// countOf is n of noun as words: "1 problem", "2 problems".
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// shapes says what each kind's bodies may be.
var shapes = map[*kind]shape{campaigns: campaignShape, cohorts: cohortShape, webhooks: webhookShape}

// readFixtures reads and checks every fixture in fsys, laid out as
// campaigns/*.json, cohorts/<campaign_id>/*.json and webhooks/*.json. Files
// not ending in .json are skipped. notes are values outside a documented
// enum and fields the API is not known to send, which are served as they
// are; strict makes the unknown fields problems.
func readFixtures(fsys fs.FS, strict bool) (found []fixture, notes []string, err error) {
	var problems []string
	report := func(file string, ps []problem) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = fmt.Sprintf("%s: %s: %s", file, p.path, p.msg)
		}
		return out
	}
	walkErr := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || path.Ext(p) != ".json" || p == faultsFile {
			return nil
		}
		f, msg := placeFixture(p)
		if msg != "" {
			problems = append(problems, p+": "+msg)
			return nil
		}
		if f.body, err = fs.ReadFile(fsys, p); err != nil {
			return err
		}
		v, err := decodeFixture(f.body)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: not JSON: %s", p, jsonErrorAt(f.body, err)))
			return nil
		}
		var bad, unusual []problem
		shapes[f.k].check("", v, &bad, &unusual)
		body, isObject := v.(map[string]any)
		if !isObject {
			bad = []problem{{path: "(the file)", msg: "want one JSON object, got " + describe(v)}}
		}
		if strict {
			for _, u := range unusual {
				if u.unknown {
					u.msg += " (refused by -strict)"
					bad = append(bad, u)
				}
			}
			unusual = slices.DeleteFunc(unusual, func(u problem) bool { return u.unknown })
		}
		problems = append(problems, report(p, bad)...)
		notes = append(notes, report(p, unusual)...)
		if len(bad) == 0 {
			// The check made sure the id is a string.
			f.id, _ = body[f.k.idField].(string)
			found = append(found, f)
		}
		return nil
	})
	if walkErr != nil {
		return nil, nil, walkErr
	}
	problems = append(problems, crossCheck(found)...)
	if len(problems) > 0 {
		slices.Sort(problems)
		return nil, notes, &FixtureError{Problems: problems}
	}
	return found, notes, nil
}

// placeFixture reads a file's kind and parent from where it lies, or says
// why it lies nowhere the layout knows.
func placeFixture(p string) (fixture, string) {
	parts := strings.Split(p, "/")
	for _, k := range kinds {
		if parts[0] != k.name {
			continue
		}
		switch {
		case k.parent == nil && len(parts) == 2:
			return fixture{file: p, k: k}, ""
		case k.parent != nil && len(parts) == 3:
			return fixture{file: p, k: k, parent: parts[1]}, ""
		case k.parent != nil:
			return fixture{}, fmt.Sprintf("(the file): a cohort belongs in %s/<%s>/, the folder named after its campaign", k.name, k.parent.idField)
		default:
			return fixture{}, fmt.Sprintf("(the file): belongs directly in %s/", k.name)
		}
	}
	return fixture{}, "(the file): not in campaigns/, cohorts/<campaign_id>/ or webhooks/"
}

// crossCheck finds ids given twice and cohorts of no campaign.
func crossCheck(found []fixture) []string {
	var problems []string
	seen := map[string]string{}
	campaignIDs := map[string]bool{}
	for _, f := range found {
		if f.k == campaigns {
			campaignIDs[f.id] = true
		}
	}
	for _, f := range found {
		key := f.k.name + "/" + f.parent + "/" + f.id
		if first, dup := seen[key]; dup {
			problems = append(problems, fmt.Sprintf("%s: %s: %q is also the %s of %s", f.file, f.k.idField, f.id, f.k.idField, first))
		} else {
			seen[key] = f.file
		}
		if f.k.parent != nil && !campaignIDs[f.parent] {
			problems = append(problems, fmt.Sprintf("%s: (the file): no campaign has campaign_id %q, the name of its folder", f.file, f.parent))
		}
	}
	return problems
}

// loadFixtures stores checked fixtures in the workspace sc.
func (st store) loadFixtures(found []fixture, sc scope) {
	for _, f := range found {
		at := sc
		at.parent = f.parent
		st.put(f.k, at, f.id, f.body)
	}
}

// demoFixtures are the bundled fixtures, read and checked once.
var demoFixtures = sync.OnceValue(func() []fixture {
	sub, err := fs.Sub(fixtures, "fixtures")
	if err != nil {
		panic(err)
	}
	found, _, err := readFixtures(sub, false)
	if err != nil {
		panic(err)
	}
	return found
})

// faultsFile is where a fixtures directory lists its path faults.
const faultsFile = "faults.json"
