package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// conformanceIDs gives the required arguments of list data sources a value
// the fake lists items under. A list data source whose required argument is
// not here fails TestListDataSourcesConform, naming it.
var conformanceIDs = map[string]string{
	"campaign_id": fakeapi.LoanRemindersID,
}

// listDataSources are the registered data sources that take the list
// arguments (withListArguments): their type names and schemas.
func listDataSources(t *testing.T) map[string]schema.Schema {
	t.Helper()
	out := map[string]schema.Schema{}
	for _, f := range New("test")().DataSources(context.Background()) {
		ds := f()
		var meta datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
		s := schemaOf(ds)
		if _, ok := s.Attributes["max_results"]; ok {
			out[meta.TypeName] = s
		}
	}
	return out
}

// listShape is what a list data source's schema says of its list: the
// attribute holding the items, and its required arguments as HCL.
type listShape struct {
	typeName, items, args string
}

func shapeOf(t *testing.T, typeName string, s schema.Schema) listShape {
	t.Helper()
	shape := listShape{typeName: typeName}
	var args []string
	for _, name := range sortedKeys(s.Attributes) {
		a := s.Attributes[name]
		if a.IsRequired() {
			id, ok := conformanceIDs[name]
			if !ok {
				t.Fatalf("%s requires %s, which conformanceIDs gives no value", typeName, name)
			}
			args = append(args, fmt.Sprintf("%s = %q", name, id))
		}
		switch a := a.(type) {
		case schema.ListNestedAttribute:
			shape.items = name
		case schema.ListAttribute:
			if _, ok := a.ElementType.(basetypes.ObjectType); ok {
				shape.items = name
			}
		}
	}
	if shape.items == "" {
		t.Fatalf("%s has no list of objects", typeName)
	}
	shape.args = strings.Join(args, "\n  ")
	return shape
}

func (l listShape) block(extra ...string) string { return l.named("test", extra...) }

// named is the data source under another name than test, for several reads
// in one configuration.
func (l listShape) named(name string, extra ...string) string {
	return fmt.Sprintf("\ndata %q %q {\n  %s\n  %s\n}\n", l.typeName, name, l.args, strings.Join(extra, "\n  "))
}

// listRead is the state of one read of a list data source.
type listRead struct {
	attrs map[string]any
	ids   []string
	items []map[string]any
}

// capture is a state check that keeps the read of data.<typeName>.<name>,
// data.<typeName>.test when name is empty.
type capture struct {
	typeName string
	into     *listRead
	name     string
}

func (c capture) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	name := c.name
	if name == "" {
		name = "test"
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if r.Address != "data."+c.typeName+"."+name {
			continue
		}
		*c.into = listRead{attrs: r.AttributeValues}
		ids, _ := r.AttributeValues["ids"].([]any)
		for _, id := range ids {
			s, ok := id.(string)
			if !ok {
				resp.Error = fmt.Errorf("ids holds %v", id)
				return
			}
			c.into.ids = append(c.into.ids, s)
		}
		return
	}
	resp.Error = fmt.Errorf("no data.%s.%s in state", c.typeName, name)
}

// itemsOf fills r.items from the attribute that holds them; anything but
// objects there leaves an item nil, which no check passes.
func (r *listRead) itemsOf(attr string) {
	r.items = nil
	items, _ := r.attrs[attr].([]any)
	for _, it := range items {
		m, _ := it.(map[string]any)
		r.items = append(r.items, m)
	}
}

// idAttribute is the attribute of every item that ids repeats, in order.
func (r *listRead) idAttribute() (string, error) {
	if len(r.items) == 0 {
		return "", fmt.Errorf("no items to compare ids with")
	}
	var names []string
	for name := range r.items[0] {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if !strings.HasSuffix(name, "_id") {
			continue
		}
		same := len(r.ids) == len(r.items)
		for i := 0; same && i < len(r.items); i++ {
			same = r.items[i][name] == r.ids[i]
		}
		if same {
			return name, nil
		}
	}
	return "", fmt.Errorf("ids %v repeat no attribute of the items %v", r.ids, r.items)
}

// Every list data source the provider registers behaves as a list: the
// sort it sends is in state, ids repeat the items' own id in order, total
// is the API's, max_results and search reach the API, no match is empty
// lists, a missing total is null, and the errors of a list name it. A list
// data source added is tested here without a line of its own.
func TestListDataSourcesConform(t *testing.T) {
	t.Parallel()
	lists := listDataSources(t)
	if len(lists) < 3 {
		t.Fatalf("found %d list data sources, want at least sarvam_campaigns, sarvam_campaign_cohorts and sarvam_webhook_configs", len(lists))
	}
	for _, typeName := range sortedKeys(lists) {
		t.Run(typeName, func(t *testing.T) {
			t.Parallel()
			l := shapeOf(t, typeName, lists[typeName])
			testListConforms(t, l)
		})
	}
}

func testListConforms(t *testing.T, l listShape) {
	fake, base := startFake(t)
	// Three reads in one configuration: every item, one, and none.
	var all, one, none listRead
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config: providerBlock(base) + l.named("all") + l.named("one", "max_results = 1") +
				l.named("none", `search = "no such name anywhere"`, `sort_order = "asc"`),
			ConfigStateChecks: []statecheck.StateCheck{
				capture{l.typeName, &all, "all"}, capture{l.typeName, &one, "one"}, capture{l.typeName, &none, "none"},
			},
		}},
	})
	all.itemsOf(l.items)
	idAttr, err := all.idAttribute()
	if err != nil {
		t.Fatalf("a read of every item: %v", err)
	}
	if len(all.ids) < 2 {
		t.Fatalf("the fake lists %d items; the checks need at least 2", len(all.ids))
	}
	if all.attrs["sort_by"] != "created_at" || all.attrs["sort_order"] != "desc" {
		t.Errorf("state shows sort_by %v and sort_order %v, want the defaults sent, created_at and desc", all.attrs["sort_by"], all.attrs["sort_order"])
	}
	if total, ok := asInt(all.attrs["total"]); !ok || total != len(all.ids) {
		t.Errorf("total %v, want %d, the number the API listed", all.attrs["total"], len(all.ids))
	}
	if distinct := slices.Compact(slices.Sorted(slices.Values(all.ids))); len(distinct) != len(all.ids) {
		t.Errorf("ids repeat: %v", all.ids)
	}
	one.itemsOf(l.items)
	if len(one.ids) != 1 || one.ids[0] != all.ids[0] || len(one.items) != 1 {
		t.Errorf("max_results = 1 read ids %v, want [%s]", one.ids, all.ids[0])
	}
	none.itemsOf(l.items)
	if len(none.ids) != 0 || len(none.items) != 0 || fmt.Sprint(none.attrs["total"]) != "0" || none.attrs["sort_order"] != "asc" {
		t.Errorf("no match: ids %v, %d items, total %v, sort_order %v; want empty lists, 0 and asc", none.ids, len(none.items), none.attrs["total"], none.attrs["sort_order"])
	}
	// Terraform reads each data source more than once; each read sends the
	// same first request.
	firsts := map[string]url.Values{}
	for _, r := range fake.Requests() {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("offset") == "0" {
			firsts[q.Get("limit")+" "+q.Get("search")] = q
		}
	}
	for key, want := range map[string]string{
		"100 ":                      "limit=100&offset=0&sort_by=created_at&sort_order=desc",
		"1 ":                        "limit=1&offset=0&sort_by=created_at&sort_order=desc",
		"100 no such name anywhere": "limit=100&offset=0&search=no+such+name+anywhere&sort_by=created_at&sort_order=asc",
	} {
		q, ok := firsts[key]
		if !ok {
			t.Errorf("no first page asked with limit and search %q; asked %v", key, firsts)
			continue
		}
		delete(q, "campaign_status")
		if q.Encode() != want {
			t.Errorf("first page asked with %s, want %s", q.Encode(), want)
		}
	}

	// A total the API leaves out is null, and the list is read the same.
	fake.SetModes(fakeapi.Modes{Total: fakeapi.TotalOmitted})
	var noTotal listRead
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: providerBlock(base) + l.block(), ConfigStateChecks: []statecheck.StateCheck{capture{l.typeName, &noTotal, ""}}}},
	})
	if noTotal.attrs["total"] != nil || !slices.Equal(noTotal.ids, all.ids) {
		t.Errorf("without a total: total %v, ids %v; want null and %v", noTotal.attrs["total"], noTotal.ids, all.ids)
	}
	fake.SetModes(fakeapi.Modes{})

	// Errors name the list read: an item without its id, a 404 that is
	// not the API's, a key of another workspace.
	fake.Inject(fakeapi.Fault{Status: 200, Body: `{"items": [{"name": "x"}], "total": 1, "offset": 0, "next_page_uri": null}`})
	expectFailure(t, providerBlock(base)+l.block(), `Unexpected response from the Sarvam API.*Reading .*: HTTP 200 response could not be decoded at "items\[0\]\.`+idAttr+`": a required field is missing or null`, testKey)
	fake.Inject(fakeapi.Fault{Status: 404, Body: `{"detail":"Not Found"}`})
	expectFailure(t, providerBlock(base)+l.block(), `Not found: check base_url first.*Reading .* in workspace "`+fakeapi.WorkspaceID+`" of org "`+fakeapi.OrgID+`": the API answered HTTP 404 Not Found`, testKey)
	expectFailure(t, providerBlock(base)+l.block(`workspace_id = "ws-other"`), summaryForeignKey+`.*this key does not belong to workspace "ws-other"`, testKey)
}

// asInt is a number of the state as terraform-plugin-testing gives it.
func asInt(v any) (int, bool) {
	switch n := v.(type) {
	case json.Number:
		i, err := n.Int64()
		return int(i), err == nil
	case float64:
		return int(n), float64(int(n)) == n
	}
	return 0, false
}
