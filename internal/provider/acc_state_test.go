package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
)

// accState is the state after a step, read as plain values for checks that
// compare one data source with another.
type accState struct{ s *tfjson.State }

// stateCheck runs f over the state; each problem it reports fails the step.
type stateCheck func(st accState) []string

func (f stateCheck) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil || req.State.Values.RootModule == nil {
		resp.Error = errors.New("no state")
		return
	}
	if problems := f(accState{req.State}); len(problems) > 0 {
		resp.Error = errors.New(strings.Join(problems, "\n"))
	}
}

// one is the attributes of the data source at addr, nil if absent.
func (st accState) one(addr string) map[string]any {
	for _, r := range st.s.Values.RootModule.Resources {
		if r.Address == addr {
			return r.AttributeValues
		}
	}
	return nil
}

// each is the attributes of every instance of a counted data source,
// keyed by the attribute idAttr. (The test framework refuses for_each.)
func (st accState) each(addr, idAttr string) map[string]map[string]any {
	out := map[string]map[string]any{}
	for _, r := range st.s.Values.RootModule.Resources {
		if strings.HasPrefix(r.Address, addr+"[") {
			out[str(r.AttributeValues, idAttr)] = r.AttributeValues
		}
	}
	return out
}

// output is the value of an output, nil if absent.
func (st accState) output(name string) any {
	if o := st.s.Values.Outputs[name]; o != nil {
		return o.Value
	}
	return nil
}

// items is a list attribute of objects.
func items(attrs map[string]any, name string) []map[string]any {
	raw, _ := attrs[name].([]any)
	out := make([]map[string]any, 0, len(raw))
	for _, v := range raw {
		m, _ := v.(map[string]any)
		out = append(out, m)
	}
	return out
}

// strList is a list attribute of strings.
func strList(attrs map[string]any, name string) []string {
	raw, _ := attrs[name].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		s, _ := v.(string)
		out = append(out, s)
	}
	return out
}

func str(attrs map[string]any, name string) string {
	s, _ := attrs[name].(string)
	return s
}

// listProblems checks what holds for any list a data source read: ids are
// unique and match its items' id attribute, and total, when the API
// reported one, is at least the length of the list.
func listProblems(addr string, attrs map[string]any, itemsAttr, idAttr string) []string {
	if attrs == nil {
		return []string{addr + " is not in the state"}
	}
	var problems []string
	ids, its := strList(attrs, "ids"), items(attrs, itemsAttr)
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			problems = append(problems, fmt.Sprintf("%s: id %q is listed twice", addr, id))
		}
		seen[id] = true
		if i < len(its) && str(its[i], idAttr) != id {
			problems = append(problems, fmt.Sprintf("%s: ids[%d] is %q but %s[%d].%s is %q", addr, i, id, itemsAttr, i, idAttr, str(its[i], idAttr)))
		}
	}
	if len(ids) != len(its) {
		problems = append(problems, fmt.Sprintf("%s: %d ids for %d %s", addr, len(ids), len(its), itemsAttr))
	}
	if total, ok := attrs["total"].(float64); ok && int(total) < len(ids) {
		problems = append(problems, fmt.Sprintf("%s: total %v is less than the %d items listed", addr, total, len(ids)))
	}
	return problems
}

// timestampProblems checks that each named attribute, when set, is an RFC
// 3339 timestamp (the provider normalises what the API sends).
func timestampProblems(at string, attrs map[string]any, names ...string) []string {
	var problems []string
	for _, n := range names {
		v, ok := attrs[n].(string)
		if !ok {
			continue
		}
		if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
			problems = append(problems, fmt.Sprintf("%s.%s = %q does not parse as RFC 3339", at, n, v))
		}
	}
	return problems
}

// sameFields reports the fields of want that got holds differently.
func sameFields(at string, want, got map[string]any, fields ...string) []string {
	var problems []string
	for _, f := range fields {
		if fmt.Sprint(want[f]) != fmt.Sprint(got[f]) {
			problems = append(problems, fmt.Sprintf("%s.%s: listed %v, read back %v", at, f, want[f], got[f]))
		}
	}
	return problems
}

// readBack checks a list data source at listAddr, whose items' ids are in
// idAttr, against the counted data source at eachAddr that read each of
// them by id: every listed item must have been read, and check compares the
// two. A list with nothing in it is a problem when it must hold something.
func (st accState) readBack(listAddr, itemsAttr, idAttr, eachAddr string, mustHold bool, check func(at string, listed, read map[string]any) []string) []string {
	list := st.one(listAddr)
	problems := listProblems(listAddr, list, itemsAttr, idAttr)
	if mustHold && len(strList(list, "ids")) == 0 {
		problems = append(problems, listAddr+" lists nothing, but a read before found an item")
	}
	read := st.each(eachAddr, idAttr)
	for _, item := range items(list, itemsAttr) {
		at := fmt.Sprintf("%s[%q]", eachAddr, str(item, idAttr))
		got, ok := read[str(item, idAttr)]
		if !ok {
			problems = append(problems, at+" was listed but not read")
			continue
		}
		problems = append(problems, check(at, item, got)...)
	}
	return problems
}
