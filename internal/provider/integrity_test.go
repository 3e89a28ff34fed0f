package provider

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// Every schema attribute has a model field and every model field an
// attribute, at every level of nesting. A mismatch would otherwise only
// show as a runtime error on the first read that reaches it.
func TestCampaignSchemaMatchesModel(t *testing.T) {
	var resp datasource.SchemaResponse
	newCampaignDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatalf("schema is invalid: %v", diags)
	}
	compare(t, "sarvam_campaign", resp.Schema.Attributes, reflect.TypeFor[campaignModel]())
}

// reporter is the part of testing.T that compare needs, so that compare can
// be tested against a recorder.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

func compare(t reporter, at string, attrs map[string]schema.Attribute, model reflect.Type) {
	t.Helper()
	for model.Kind() == reflect.Pointer || model.Kind() == reflect.Slice {
		model = model.Elem()
	}
	fields := map[string]reflect.Type{}
	for f := range model.Fields() {
		tag := f.Tag.Get("tfsdk")
		if tag == "" || tag == "-" {
			t.Errorf("%s: model field %s has no tfsdk tag", at, f.Name)
			continue
		}
		fields[tag] = f.Type
	}
	for _, name := range sortedKeys(attrs) {
		ft, ok := fields[name]
		if !ok {
			t.Errorf("%s.%s: schema attribute has no model field", at, name)
			continue
		}
		if attrs[name].GetMarkdownDescription() == "" {
			t.Errorf("%s.%s: schema attribute has no description", at, name)
		}
		switch a := attrs[name].(type) {
		case schema.SingleNestedAttribute:
			compare(t, at+"."+name, a.Attributes, ft)
		case schema.ListNestedAttribute:
			compare(t, at+"."+name, a.NestedObject.Attributes, ft)
		}
	}
	for name := range fields {
		if _, ok := attrs[name]; !ok {
			t.Errorf("%s.%s: model field has no schema attribute", at, name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The check itself must catch a missing field, or it proves nothing.
func TestCompareCatchesMismatch(t *testing.T) {
	type partial struct {
		Name string `tfsdk:"name"`
	}
	rec := &recorder{}
	compare(rec, "x", map[string]schema.Attribute{
		"name":  schema.StringAttribute{Computed: true, MarkdownDescription: "n"},
		"extra": schema.StringAttribute{Computed: true, MarkdownDescription: "e"},
	}, reflect.TypeFor[partial]())
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "x.extra: schema attribute has no model field") {
		t.Fatalf("want one error about x.extra, got %q", rec.errs)
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
