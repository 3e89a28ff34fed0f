package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// campaignConfig is a configuration of sarvam_campaign with campaign_id and
// name as given and every other attribute null.
func campaignConfig(t testing.TB, id, name tftypes.Value) tfsdk.Config {
	t.Helper()
	s := schemaOf(newCampaignDataSource())
	typ, ok := s.Type().TerraformType(context.Background()).(tftypes.Object)
	if !ok {
		t.Fatalf("the schema's type is %s", s.Type())
	}
	attrs := map[string]tftypes.Value{}
	for n, at := range typ.AttributeTypes {
		attrs[n] = tftypes.NewValue(at, nil)
	}
	attrs["campaign_id"], attrs["name"] = id, name
	return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(typ, attrs)}
}

// The validator of an id or a name reports, for every configuration of the
// two, null, unknown or set, exactly what the framework's ExactlyOneOf
// reports, summary, detail and path, as a data source's and as an
// ephemeral resource's validator.
func TestExactlyOneOfReportsAsTheFrameworks(t *testing.T) {
	values := map[string]tftypes.Value{
		"null":    tftypes.NewValue(tftypes.String, nil),
		"unknown": tftypes.NewValue(tftypes.String, tftypes.UnknownValue),
		"set":     tftypes.NewValue(tftypes.String, "x"),
	}
	framework := datasourcevalidator.ExactlyOneOf(path.MatchRoot("campaign_id"), path.MatchRoot("name"))
	ours := idOrName("campaign_id")
	ctx := context.Background()
	var refused int
	for idCase, id := range values {
		for nameCase, name := range values {
			t.Run(fmt.Sprintf("campaign_id %s, name %s", idCase, nameCase), func(t *testing.T) {
				config := campaignConfig(t, id, name)
				var want, got datasource.ValidateConfigResponse
				framework.ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: config}, &want)
				ours.ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: config}, &got)
				if !got.Diagnostics.Equal(want.Diagnostics) {
					t.Fatalf("got %v, want the framework's %v", got.Diagnostics, want.Diagnostics)
				}
				var ephemeralGot ephemeral.ValidateConfigResponse
				ev, ok := ours.(ephemeral.ConfigValidator)
				if !ok {
					t.Fatalf("%T cannot check an ephemeral resource", ours)
				}
				ev.ValidateEphemeralResource(ctx, ephemeral.ValidateConfigRequest{Config: config}, &ephemeralGot)
				if !ephemeralGot.Diagnostics.Equal(want.Diagnostics) {
					t.Fatalf("as an ephemeral resource's: got %v, want %v", ephemeralGot.Diagnostics, want.Diagnostics)
				}
				if want.Diagnostics.HasError() {
					refused++
				}
			})
		}
	}
	// Both null, and both set: the two refusals, in the framework's words.
	if refused != 2 {
		t.Fatalf("%d configurations refused, want 2", refused)
	}
	var both, none datasource.ValidateConfigResponse
	set, null := values["set"], values["null"]
	ours.ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: campaignConfig(t, set, set)}, &both)
	ours.ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: campaignConfig(t, null, null)}, &none)
	const detail = "Exactly one of these attributes must be configured: [campaign_id,name]"
	if want := (diag.Diagnostics{diag.NewAttributeErrorDiagnostic(path.Root("campaign_id"), "Invalid Attribute Combination", detail)}); !both.Diagnostics.Equal(want) {
		t.Errorf("both set: %v", both.Diagnostics)
	}
	if want := (diag.Diagnostics{diag.NewErrorDiagnostic("Missing Attribute Configuration", detail)}); !none.Diagnostics.Equal(want) {
		t.Errorf("none set: %v", none.Diagnostics)
	}
}

// A configuration that is not an object, or that lacks an attribute the
// validator names, is a fault of the provider, said whole.
func TestExactlyOneOfOfAnotherSchema(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name   string
		config tftypes.Value
		detail string
	}{
		{"not an object", tftypes.NewValue(tftypes.String, "x"),
			"The configuration is not an object: can't unmarshal tftypes.String into *map[string]tftypes.Value, expected map[string]tftypes.Value. This is a fault of the provider; please report it."},
		{"no name", tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{"campaign_id": tftypes.String}}, map[string]tftypes.Value{"campaign_id": tftypes.NewValue(tftypes.String, "x")}),
			`The schema has no attribute "name". This is a fault of the provider; please report it.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var resp datasource.ValidateConfigResponse
			idOrName("campaign_id").ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: tfsdk.Config{Raw: tc.config}}, &resp)
			if want := (diag.Diagnostics{diag.NewErrorDiagnostic("Internal error in the sarvam provider", tc.detail)}); !resp.Diagnostics.Equal(want) {
				t.Fatalf("got %v", resp.Diagnostics)
			}
		})
	}
}

// The validator of an id or a name, against the framework's ExactlyOneOf
// it replaces, on the configuration of a read by id.
func BenchmarkExactlyOneOf(b *testing.B) {
	config := campaignConfig(b, tftypes.NewValue(tftypes.String, "MKN-1"), tftypes.NewValue(tftypes.String, nil))
	ctx := context.Background()
	for _, v := range []struct {
		name string
		v    datasource.ConfigValidator
	}{
		{"framework", datasourcevalidator.ExactlyOneOf(path.MatchRoot("campaign_id"), path.MatchRoot("name"))},
		{"provider", idOrName("campaign_id")},
	} {
		b.Run(v.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var resp datasource.ValidateConfigResponse
				v.v.ValidateDataSource(ctx, datasource.ValidateConfigRequest{Config: config}, &resp)
				if resp.Diagnostics.HasError() {
					b.Fatal(resp.Diagnostics)
				}
			}
		})
	}
}
