package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// singleReader is a data source made by newSingleDataSource, which says
// what a read of a configuration asks for.
type singleReader interface {
	datasource.DataSource
	asks(ctx context.Context, config tfsdk.Config) (target, diag.Diagnostics)
}

// singleDataSources are the registered data sources that read one object,
// by type name.
func singleDataSources(t *testing.T) map[string]singleReader {
	t.Helper()
	out := map[string]singleReader{}
	for _, f := range New("test")().DataSources(context.Background()) {
		ds, ok := f().(singleReader)
		if !ok {
			continue
		}
		var meta datasource.MetadataResponse
		ds.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
		out[meta.TypeName] = ds
	}
	return out
}

// singleShape is what a single-object data source says of itself: its
// kind and id argument (from what its read asks for), its required
// arguments, whether it reads by name, and the list data source whose items
// it reads one of.
type singleShape struct {
	typeName string
	ds       singleReader
	kind     string
	idAttr   string
	// required are the required arguments, given conformanceIDs' values.
	required map[string]string
	byName   bool
	list     listShape
}

func singleShapeOf(t *testing.T, typeName string, ds singleReader) singleShape {
	t.Helper()
	s := schemaOf(ds)
	shape := singleShape{typeName: typeName, ds: ds, required: map[string]string{}}
	for name, a := range s.Attributes {
		if a.IsRequired() {
			id, ok := conformanceIDs[name]
			if !ok {
				t.Fatalf("%s requires %s, which conformanceIDs gives no value", typeName, name)
			}
			shape.required[name] = id
		}
	}
	if name, ok := s.Attributes["name"]; ok && name.IsOptional() {
		shape.byName = true
	}
	about := shape.target(t, nil)
	shape.kind, shape.idAttr = about.kind, about.idAttr
	if _, ok := s.Attributes[shape.idAttr]; !ok || shape.kind == "" {
		t.Fatalf("%s reads a %q by %s, which it has no argument of", typeName, shape.kind, shape.idAttr)
	}
	// The list whose items carry the id argument and are made of the
	// single object's attributes.
	lists := listDataSources(t)
	for _, listName := range sortedKeys(lists) {
		l := shapeOf(t, listName, lists[listName])
		item := itemAttributes(lists[listName], l.items)
		if _, ok := item[shape.idAttr]; !ok {
			continue
		}
		all := true
		for name := range item {
			_, has := s.Attributes[name]
			all = all && has
		}
		if all {
			shape.list = l
		}
	}
	if shape.list.typeName == "" {
		t.Fatalf("no list data source lists the items %s reads, with %s", typeName, shape.idAttr)
	}
	return shape
}

// itemAttributes are the attributes of each item of a list's attribute
// items.
func itemAttributes(s schema.Schema, items string) map[string]bool {
	out := map[string]bool{}
	switch a := s.Attributes[items].(type) {
	case schema.ListNestedAttribute:
		for name := range a.NestedObject.Attributes {
			out[name] = true
		}
	case schema.ListAttribute:
		if o, ok := a.ElementType.(basetypes.ObjectType); ok {
			for name := range o.AttrTypes {
				out[name] = true
			}
		}
	}
	return out
}

// block is the data source named name with its required arguments and
// args, each "attr = value".
func (s singleShape) block(name string, args map[string]string) string {
	var lines []string
	for _, a := range sortedKeys(s.required) {
		if _, set := args[a]; !set {
			lines = append(lines, fmt.Sprintf("%s = %q", a, s.required[a]))
		}
	}
	for _, a := range sortedKeys(args) {
		lines = append(lines, fmt.Sprintf("%s = %q", a, args[a]))
	}
	return fmt.Sprintf("\ndata %q %q {\n  %s\n}\n", s.typeName, name, strings.Join(lines, "\n  "))
}

// target is what a read with the required arguments and args asks for,
// in the fake's org and workspace unless args names others.
func (s singleShape) target(t *testing.T, args map[string]string) target {
	t.Helper()
	values := map[string]tftypes.Value{
		"org_id":       tftypes.NewValue(tftypes.String, fakeapi.OrgID),
		"workspace_id": tftypes.NewValue(tftypes.String, fakeapi.WorkspaceID),
	}
	for a, v := range s.required {
		values[a] = tftypes.NewValue(tftypes.String, v)
	}
	for a, v := range args {
		values[a] = tftypes.NewValue(tftypes.String, v)
	}
	req, _ := readRequestWith(t, context.Background(), s.ds, values)
	about, diags := s.ds.asks(context.Background(), req.Config)
	if diags.HasError() {
		t.Fatalf("%s: %v", s.typeName, diags)
	}
	return about
}

// Every single-object data source the provider registers behaves as one:
// read by id it holds what its list shows of the object, read by name the
// same, and its errors name it whole: a 404 for the id under its kind's
// summary, a key of another workspace, and no org_id or workspace_id. A
// data source added is tested here without a line of its own, as long as
// a list data source lists what it reads.
func TestSingleDataSourcesConform(t *testing.T) {
	t.Parallel()
	singles := singleDataSources(t)
	if len(singles) < 3 {
		t.Fatalf("found %d single-object data sources, want at least sarvam_campaign, sarvam_campaign_cohort and sarvam_webhook_config", len(singles))
	}
	for _, typeName := range sortedKeys(singles) {
		t.Run(typeName, func(t *testing.T) {
			t.Parallel()
			testSingleConforms(t, singleShapeOf(t, typeName, singles[typeName]))
		})
	}
}

func testSingleConforms(t *testing.T, s singleShape) {
	fake, base := startFake(t)

	// An object of the list with a name no other item has.
	var all listRead
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps: []resource.TestStep{{
			Config:            providerBlock(base) + s.list.block(),
			ConfigStateChecks: []statecheck.StateCheck{capture{s.list.typeName, &all, ""}},
		}},
	})
	all.itemsOf(s.list.items)
	names := map[any]int{}
	for _, it := range all.items {
		names[it["name"]]++
	}
	var item map[string]any
	for _, it := range all.items {
		if _, ok := it["name"].(string); ok && names[it["name"]] == 1 {
			item = it
			break
		}
	}
	if item == nil {
		t.Fatalf("%s lists no item with a name of its own: %v", s.list.typeName, all.items)
	}
	id, _ := item[s.idAttr].(string)
	name, _ := item["name"].(string)
	t.Logf("reading %s %q, named %q, whose %d attributes %s lists", s.idAttr, id, name, len(item), s.list.typeName)

	// By id, and by name: the same object, which holds what the list shows.
	var byID, byName listRead
	config := providerBlock(base) + s.block("by_id", map[string]string{s.idAttr: id})
	checks := []statecheck.StateCheck{capture{s.typeName, &byID, "by_id"}}
	if s.byName {
		config += s.block("by_name", map[string]string{"name": name})
		checks = append(checks, capture{s.typeName, &byName, "by_name"})
	}
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testProviders,
		Steps:                    []resource.TestStep{{Config: config, ConfigStateChecks: checks}},
	})
	if byID.attrs[s.idAttr] != id || byID.attrs["name"] != name {
		t.Errorf("read by %s %q: %s %v and name %v, want %q and %q", s.idAttr, id, s.idAttr, byID.attrs[s.idAttr], byID.attrs["name"], id, name)
	}
	for _, attr := range sortedKeys(item) {
		if !reflect.DeepEqual(byID.attrs[attr], item[attr]) {
			t.Errorf("read by %s, %s is %#v; %s lists %#v", s.idAttr, attr, byID.attrs[attr], s.list.typeName, item[attr])
		}
	}
	if s.byName && !reflect.DeepEqual(byName.attrs, byID.attrs) {
		t.Errorf("read by name %q:\n%v\nread by %s:\n%v", name, byName.attrs, s.idAttr, byID.attrs)
	}

	// A 404 for the id, under the kind's summary, with the API's message.
	missing := map[string]string{s.idAttr: "no-such-id"}
	asked := s.target(t, missing)
	got := applyError(t, nil, testProviders, providerBlock(base)+s.block("test", missing))
	checkFailure(t, got, exact(capitalize(s.kind)+" not found",
		`Reading `+asked.asked+`: the API answered HTTP 404 Not Found: `+lastAnswer(t, fake, base, "/no-such-id")+`. `+
			`Check `+asked.checks()+`, and that org_id and workspace_id ("`+fakeapi.WorkspaceID+`" of org "`+fakeapi.OrgID+`") name the workspace it belongs to.`), testKey, "base_url")

	// A key of another workspace.
	foreign := map[string]string{s.idAttr: id, "workspace_id": otherWorkspace}
	expectFailure(t, providerBlock(base)+s.block("test", foreign), exact(summaryForeignKey,
		`Reading `+s.target(t, foreign).asked+`: the API answered HTTP 403 Forbidden: `+
			`This API key does not have access to workspace ws-other of org org-acme-finance (code workspace_access_denied). `+
			`The key was accepted, but this key does not belong to workspace "ws-other" of org "org-acme-finance": a key belongs to one workspace. `+
			`Check workspace_id and org_id, or use a key of that workspace (api_key or SARVAM_API_KEY).`), testKey)

	// No org_id, then no workspace_id, in the data source, the provider or
	// the environment.
	for _, scope := range []struct{ attr, env, other, otherValue string }{
		{"org_id", EnvOrgID, "workspace_id", fakeapi.WorkspaceID},
		{"workspace_id", EnvWorkspaceID, "org_id", fakeapi.OrgID},
	} {
		provider := requiredProviders + fmt.Sprintf("\nprovider \"sarvam\" {\n  api_key  = %q\n  base_url = %q\n  %s = %q\n}\n", testKey, base, scope.other, scope.otherValue)
		expectFailureIn(t, map[string]string{}, provider+s.block("test", map[string]string{s.idAttr: id}), exact("No "+scope.attr+" for "+s.typeName,
			fmt.Sprintf("The %[1]s to read in is not set. Set %[1]s in the data source, or %[1]s in the provider block, or the %[2]s environment variable.", scope.attr, scope.env)), testKey)
	}
}

// lastAnswer is the API's message, with its code, in the fake's answer to
// the last request whose path ends in suffix, asked again.
func lastAnswer(t *testing.T, fake *fakeapi.Server, base, suffix string) string {
	t.Helper()
	var path string
	for _, r := range fake.Requests() {
		if strings.HasSuffix(r.EscapedPath, suffix) {
			path = r.EscapedPath
		}
	}
	if path == "" {
		t.Fatalf("no request to a path ending in %s", suffix)
	}
	req, err := http.NewRequest(http.MethodGet, strings.TrimSuffix(base, fakeapi.BasePath)+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-Key", testKey)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Error struct{ Message, Code string } `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.Error.Message == "" {
		t.Fatalf("the fake's answer to %s is not an error of the API's shape (%v)", path, err)
	}
	return fmt.Sprintf("%s (code %s)", body.Error.Message, body.Error.Code)
}

// asks is what a read of config asks for, as the read's diagnostics name it
// (its kind, id argument and request), with the scope as config sets it.
func (d *singleDataSource[M, P, T]) asks(ctx context.Context, config tfsdk.Config) (target, diag.Diagnostics) {
	m := new(M)
	diags := config.Get(ctx, m)
	return P(m).about(), diags
}
