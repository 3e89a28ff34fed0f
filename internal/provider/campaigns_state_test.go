package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// campaignsState is an empty state of sarvam_campaigns: every attribute
// null, as a read has it before the lists are written.
func campaignsState(t testing.TB) tfsdk.State {
	t.Helper()
	var resp datasource.SchemaResponse
	newCampaignsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	typ, _ := resp.Schema.Type().TerraformType(context.Background()).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	return tfsdk.State{Schema: resp.Schema, Raw: tftypes.NewValue(typ, attrs)}
}

// reflectedCampaignList writes items into state by reflection, as a read
// did before it wrote the lists directly.
func reflectedCampaignList(t testing.TB, items []client.CampaignSummary) tfsdk.State {
	t.Helper()
	m := campaignsModel{}
	var err error
	if m.Campaigns, m.IDs, err = mapItems("campaigns", items, func(m *campaignListItemModel) types.String { return m.CampaignID }); err != nil {
		t.Fatal(err)
	}
	state := campaignsState(t)
	if diags := state.Set(context.Background(), &m); diags.HasError() {
		t.Fatal(diags)
	}
	return state
}

// directCampaignList writes items into state as a read does: the model's
// fill builds the values that are set into state.
func directCampaignList(t testing.TB, items []client.CampaignSummary) tfsdk.State {
	t.Helper()
	state := campaignsState(t)
	m := campaignsModel{}
	if err := m.fill(items); err != nil {
		t.Fatal(err)
	}
	if err := setAttributes(&state, m.itemValues()); err != nil {
		t.Fatal(err)
	}
	return state
}

// The type the values are built with is the one the schema gives campaigns.
func TestCampaignListTypeIsTheSchemas(t *testing.T) {
	typ, _ := campaignsState(t).Raw.Type().(tftypes.Object)
	if !typ.AttributeTypes["campaigns"].Equal(campaignListType) {
		t.Fatalf("campaignListType is %s; the schema has %s", campaignListType, typ.AttributeTypes["campaigns"])
	}
}

// fakeCampaignSummaries lists every campaign of the fake: its fixtures, its
// seeded listing and n generated ones.
func fakeCampaignSummaries(t testing.TB, n int) []client.CampaignSummary {
	t.Helper()
	fake := fakeapi.New(testKey)
	fake.AddCampaigns(n, "Generated")
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c, err := client.New(client.Config{BaseURL: srv.URL + fakeapi.BasePath, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.ListCampaigns(context.Background(), fakeapi.OrgID, fakeapi.WorkspaceID, client.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return list.Items
}

// The state written directly is exactly the state reflection writes: for
// every campaign of the fake, and for summaries with every optional field
// null or empty, every timestamp form the mapping accepts, and the extremes
// of app_version.
func TestCampaignListValuesMatchReflection(t *testing.T) {
	str := func(s string) *string { return &s }
	num := func(n int64) *int64 { return &n }
	items := append(fakeCampaignSummaries(t, 3), []client.CampaignSummary{
		{CampaignID: str("only-required"), Name: str("n"), Status: str("active")},
		{CampaignID: str("empty"), Name: str(""), Status: str(""), AppID: str(""), CreatedBy: str(""), Description: str(""), AppType: str(""), UpdatedBy: str("")},
		{CampaignID: str("space"), Name: str("Renewals é \"Q3\"\n"), Status: str("paused"), CreatedAt: str("2026-01-02 03:04:05Z"), UpdatedAt: str("2026-01-02t03:04:05.123456z"), AppVersion: num(9223372036854775807)},
		{CampaignID: str("offsetless"), Name: str("n"), Status: str("ended"), CreatedAt: str("2026-01-02T03:04:05"), UpdatedAt: str("2026-01-02T03:04:05+05:30"), AppVersion: num(-9223372036854775808)},
		{CampaignID: str("zero"), Name: str("n"), Status: str("scheduled"), AppVersion: num(0)},
	}...)
	if len(items) != 7+3+5 {
		t.Fatalf("%d campaigns, want the fake's 10 and 5 made here", len(items))
	}
	reflected, direct := reflectedCampaignList(t, items), directCampaignList(t, items)
	if !direct.Raw.Equal(reflected.Raw) {
		diffs, err := direct.Raw.Diff(reflected.Raw)
		t.Fatalf("the state written directly differs from reflection's (%v): %v", err, diffs)
	}
	// An empty list is an empty list, not null, both ways.
	if reflected, direct := reflectedCampaignList(t, nil), directCampaignList(t, nil); !direct.Raw.Equal(reflected.Raw) {
		t.Fatalf("empty list: direct %v, reflected %v", direct.Raw, reflected.Raw)
	}
}

// A timestamp that is not one names the campaign and the field, as the
// mapping of one campaign does.
func TestCampaignListValuesBadTimestamp(t *testing.T) {
	str := func(s string) *string { return &s }
	items := []client.CampaignSummary{
		{CampaignID: str("a"), Name: str("n"), Status: str("active")},
		{CampaignID: str("b"), Name: str("n"), Status: str("active"), UpdatedAt: str("last week")},
	}
	_, _, err := campaignListValues(items, campaignListType)
	if err == nil || err.Error() != `campaigns[1].updated_at: "last week" is not an RFC 3339 timestamp` {
		t.Fatalf("error %v", err)
	}
}

// BenchmarkCampaignListState writes 1,000 listed campaigns into state,
// directly as a read does and by the framework's reflection over models.
func BenchmarkCampaignListState(b *testing.B) {
	items := fakeCampaignSummaries(b, 993)
	for _, bc := range []struct {
		name  string
		write func(testing.TB, []client.CampaignSummary) tfsdk.State
	}{{"direct", directCampaignList}, {"reflection", reflectedCampaignList}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				bc.write(b, items)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(items)), "ns/campaign")
		})
	}
}

// stateError's message, which no fault of the API can bring about.
func TestStateError(t *testing.T) {
	var diags diag.Diagnostics
	state := campaignsState(t)
	state.Raw = tftypes.NewValue(state.Raw.Type(), nil)
	err := setAttributes(&state, nil)
	stateError(&diags, err, target{kind: "campaign list", asked: `the campaign list in workspace "w" of org "o"`})
	if len(diags) != 1 || diags[0].Summary() != "Could not store the campaign list" ||
		diags[0].Detail() != `Reading the campaign list in workspace "w" of org "o" succeeded, but the result could not be written into Terraform's state: the state must be set before attributes are replaced in it. Nothing was stored. This is a fault of the provider; please report it.` {
		t.Fatalf("diagnostics %v", diags)
	}
}
