package provider

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// Every schema attribute of every data source the provider registers has a
// model field and every model field an attribute, at every level of nesting.
// A mismatch would otherwise only show as a runtime error on the first read
// that reaches it. Each data source's model comes from the dataSource it
// embeds, so no list of data sources is kept here.
func TestSchemasMatchModels(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	registered := p.DataSources(ctx)
	if len(registered) == 0 {
		t.Fatal("the provider registers no data sources")
	}
	for _, newDS := range registered {
		ds := newDS()
		var meta datasource.MetadataResponse
		ds.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "sarvam"}, &meta)
		t.Run(meta.TypeName, func(t *testing.T) {
			var resp datasource.SchemaResponse
			ds.Schema(ctx, datasource.SchemaRequest{}, &resp)
			if diags := resp.Schema.ValidateImplementation(ctx); diags.HasError() {
				t.Fatalf("schema is invalid: %v", diags)
			}
			model := modelOf(t, ds)
			compare(t, meta.TypeName, resp.Schema.Attributes, model)
		})
	}
}

// modelOf is the model type a data source's Read decodes into.
func modelOf(t *testing.T, ds datasource.DataSource) reflect.Type {
	t.Helper()
	m, ok := ds.(interface{ modelType() reflect.Type })
	if !ok {
		t.Fatalf("%T does not embed dataSource, so its model is unknown", ds)
	}
	return m.modelType()
}

// modelType is declared here, not with dataSource, because only this test
// needs it: Go's reflection cannot read a type argument.
func (d *dataSource[M, P]) modelType() reflect.Type { return reflect.TypeFor[M]() }

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
		if f.Anonymous && f.Tag.Get("tfsdk") == "" {
			// An embedded struct's fields are the model's own.
			for inner := range f.Type.Fields() {
				if tag := inner.Tag.Get("tfsdk"); tag != "" && tag != "-" {
					fields[tag] = inner.Type
				}
			}
			continue
		}
		if !f.IsExported() {
			// The framework neither reads nor writes it.
			continue
		}
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

	// Fields of an embedded struct count, and so does one missing from it.
	type embedding struct {
		partial
		Other string `tfsdk:"other"`
	}
	rec = &recorder{}
	compare(rec, "y", map[string]schema.Attribute{
		"name": schema.StringAttribute{Computed: true, MarkdownDescription: "n"},
	}, reflect.TypeFor[embedding]())
	if len(rec.errs) != 1 || !strings.Contains(rec.errs[0], "y.other: model field has no schema attribute") {
		t.Fatalf("want one error about y.other, got %q", rec.errs)
	}
}

type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}
