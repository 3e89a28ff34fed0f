package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/big"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// nullState is the state a read starts from: null, of the schema's type.
func nullState(t testing.TB, ds datasource.DataSource) tfsdk.State {
	t.Helper()
	s := schemaOf(ds)
	return tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
}

// matchesReflection sets m into a state of ds by reflection and by
// setState, which must take the direct path, and fails unless both states
// are the same.
func matchesReflection(t *testing.T, ds datasource.DataSource, name string, m stateModel) {
	t.Helper()
	if !writesDirectly(m) {
		_, err := planOf(reflect.TypeOf(m).Elem())
		t.Fatalf("%s: setState would set %T by reflection: %v", name, m, err)
	}
	ctx := context.Background()
	reflected, direct := nullState(t, ds), nullState(t, ds)
	if diags := reflected.Set(ctx, m); diags.HasError() {
		t.Fatalf("%s: reflection: %v", name, diags)
	}
	if diags := setState(ctx, &direct, m); diags.HasError() {
		t.Fatalf("%s: direct: %v", name, diags)
	}
	if !direct.Raw.Equal(reflected.Raw) {
		// The paths only: a webhook configuration's values hold its
		// headers, which no output may show.
		diffs, err := direct.Raw.Diff(reflected.Raw)
		paths := make([]string, len(diffs))
		for i, d := range diffs {
			paths[i] = d.Path.String()
		}
		t.Fatalf("%s: the state written directly differs from reflection's at %s (%v)", name, strings.Join(paths, ", "), err)
	}
}

// fakeObjects is every campaign, cohort and webhook configuration of a
// fake's workspace, read as the reads do, through the client.
type fakeObjects struct {
	campaigns []*client.Campaign
	cohorts   []*client.Cohort
	webhooks  []*client.WebhookConfiguration
}

func readFake(t testing.TB, fake *fakeapi.Server, org, workspace string) fakeObjects {
	t.Helper()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	c, err := client.New(client.Config{BaseURL: srv.URL + fakeapi.BasePath, APIKey: testKey})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	var out fakeObjects
	list, err := c.ListCampaigns(ctx, org, workspace, client.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range list.Items {
		campaign, err := c.GetCampaign(ctx, org, workspace, *s.CampaignID)
		if err != nil {
			t.Fatal(err)
		}
		out.campaigns = append(out.campaigns, campaign)
		cohorts, err := c.ListCohorts(ctx, org, workspace, *s.CampaignID, client.ListQuery{})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range cohorts.Items {
			cohort, err := c.GetCohort(ctx, org, workspace, *s.CampaignID, *h.CohortID)
			if err != nil {
				t.Fatal(err)
			}
			out.cohorts = append(out.cohorts, cohort)
		}
	}
	webhooks, err := c.ListWebhookConfigs(ctx, org, workspace, client.ListQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range webhooks.Items {
		webhook, err := c.GetWebhookConfig(ctx, org, workspace, *w.WebhookID)
		if err != nil {
			t.Fatal(err)
		}
		out.webhooks = append(out.webhooks, webhook)
	}
	return out
}

// fakesObjects is what readFake reads from the fake's fixtures and from
// two generated workspaces: fully populated objects, sparse ones, and ones
// with optional fields null or absent.
func fakesObjects(t testing.TB) fakeObjects {
	t.Helper()
	all := readFake(t, fakeapi.New(testKey), fakeapi.OrgID, fakeapi.WorkspaceID)
	if len(all.campaigns) < 7 || len(all.cohorts) < 15 || len(all.webhooks) < 4 {
		t.Fatalf("%d campaigns, %d cohorts, %d webhook configurations in the fake", len(all.campaigns), len(all.cohorts), len(all.webhooks))
	}
	for _, seed := range []uint64{1, 2} {
		fake, gen := fakeapi.NewGenerated(testKey, seed)
		more := readFake(t, fake, gen.Org, gen.Workspace)
		all.campaigns = append(all.campaigns, more.campaigns...)
		all.cohorts = append(all.cohorts, more.cohorts...)
		all.webhooks = append(all.webhooks, more.webhooks...)
	}
	return all
}

// readScope is a scope as a read leaves it, known, or, for i not a
// multiple of 3, with a value null or unknown.
func readScope(i int) scopeModel {
	s := scopeModel{OrgID: types.StringValue("org"), WorkspaceID: types.StringValue("ws")}
	switch i % 3 {
	case 1:
		s.OrgID = types.StringNull()
	case 2:
		s.WorkspaceID = types.StringUnknown()
	}
	return s
}

// handmadeCampaigns are the shapes the fakes may not have: nothing but the
// required fields, every nested object present and empty, nulls inside
// lists, and the extremes of numbers.
func handmadeCampaigns(t testing.TB) []*client.Campaign {
	t.Helper()
	str := func(s string) *string { return &s }
	num := func(n int64) *int64 { return &n }
	flt := func(f float64) *float64 { return &f }
	yes, no := true, false
	decode := func(body string) *client.Campaign {
		var c client.Campaign
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			t.Fatal(err)
		}
		return &c
	}
	return []*client.Campaign{
		{CampaignSummary: client.CampaignSummary{CampaignID: str("only-required"), Name: str("n"), Status: str("active")}},
		{},
		{
			CampaignSummary: client.CampaignSummary{CampaignID: str("empty"), Name: str(""), Status: str(""), AppID: str(""), CreatedBy: str(""), Description: str(""), AppType: str(""), UpdatedBy: str("")},
			AppConfig: &client.AppConfig{
				ConnectionConfigs: []client.ConnectionConfig{},
				RetryConfig:       &client.RetryConfig{RetryOn: &client.RetryOn{}, RetryIntervalMinutes: client.IntegerList{Present: true, Values: []int64{}}},
				WebhookConfig:     &client.WebhookConfig{Metadata: json.RawMessage(`{}`)},
				PhoneRotation:     &client.PhoneRotation{},
			},
			AllowedSchedule: &client.AllowedSchedule{AllowedDays: []*string{}},
			WebhookConfig:   json.RawMessage(`{}`),
		},
		{
			CampaignSummary: client.CampaignSummary{CampaignID: str("nulls-inside"), Name: str("Renewals é \"Q3\"\n"), Status: str("paused"),
				CreatedAt: str("2026-01-02 03:04:05Z"), UpdatedAt: str("2026-01-02t03:04:05.123456z"), AppVersion: num(math.MaxInt64)},
			StartTimestamp: str("2026-01-02T03:04:05"), EndTimestamp: str("2026-01-02T03:04:05+05:30"),
			AppConfig: &client.AppConfig{
				AppVersion: num(math.MinInt64), AttemptsPerSecond: flt(0.1),
				ConnectionConfigs: []client.ConnectionConfig{{PhoneNumbers: []*string{nil, str("+918000000000"), str("")}}, {ConnectionID: str("c"), PhoneNumbers: []*string{}, Weight: num(0)}, {}},
				RetryConfig: &client.RetryConfig{MaxRetries: num(0), RetryIntervalMinutes: client.IntegerList{Present: true, Values: []int64{0, -1, math.MaxInt64}},
					RetryOn: &client.RetryOn{Busy: &client.RetryToggle{}, NoAnswer: &client.RetryToggle{Enabled: &no},
						ShortDuration: &client.ShortDurationRetry{}, InternalError: &client.ErrorRetry{Enabled: &yes}}},
				WebhookConfig: &client.WebhookConfig{URL: str("https://example.com/hook"), Metadata: json.RawMessage(`{"a":[1,"x",null,{"b":true}],"n":-1.5e-300,"e":{},"l":[]}`)},
				PhoneRotation: &client.PhoneRotation{Agent: &no},
			},
			AllowedSchedule: &client.AllowedSchedule{AllowedDays: []*string{str("Monday"), nil}, Timezone: str("Asia/Kolkata")},
			WebhookConfig:   json.RawMessage(`{"url":"https://example.com","custom_headers":{"k":"v"},"nested":[{"signing_secret":"s","x":1}]}`),
		},
		decode(`{"campaign_id":"big","app_config":{"attempts_per_second":1.7976931348623157e308,"retry_config":{"retry_interval_minutes":30}},"webhook_config":null}`),
	}
}

// The state a read of sarvam_campaign, sarvam_campaign_cohort or
// sarvam_webhook_config writes directly is exactly the one reflection over
// its model writes: for every object of the fake's fixtures and of two
// generated workspaces (fully populated, sparse, and with optional fields
// null or absent), and for objects made here with every nested object
// null, every one present and empty, and nulls inside lists. The scope and
// id are known, as after a read, or null or unknown.
func TestSingleValuesMatchReflection(t *testing.T) {
	all := fakesObjects(t)
	str := func(s string) *string { return &s }
	num := func(n int64) *int64 { return &n }

	campaigns := append(all.campaigns, handmadeCampaigns(t)...)
	ds := newCampaignDataSource()
	for i, c := range campaigns {
		m := campaignModel{scopeModel: readScope(i), CampaignID: types.StringPointerValue(c.CampaignID)}
		if i%3 == 1 {
			m.CampaignID = types.StringNull()
		}
		if err := m.fromAPI(c); err != nil {
			t.Fatalf("campaign %d (%s): %v", i, deref(c.CampaignID), err)
		}
		matchesReflection(t, ds, "campaign "+deref(c.CampaignID), &m)
	}
	matchesReflection(t, ds, "zero campaign", &campaignModel{})

	cohorts := append(all.cohorts, &client.Cohort{}, &client.Cohort{CohortID: str("empty"), Name: str(""), Result: &client.CohortResult{}},
		&client.Cohort{CohortID: str("counts"), CreatedAt: str("2026-01-02 03:04:05"), Result: &client.CohortResult{TotalRecords: num(math.MaxInt64), ValidRecords: num(0), RejectedRecords: num(-1)}})
	ds = newCampaignCohortDataSource()
	for i, c := range cohorts {
		m := campaignCohortModel{scopeModel: readScope(i), CampaignID: types.StringValue("campaign")}
		if err := m.fromAPI(c); err != nil {
			t.Fatalf("cohort %d (%s): %v", i, deref(c.CohortID), err)
		}
		matchesReflection(t, ds, "cohort "+deref(c.CohortID), &m)
	}
	matchesReflection(t, ds, "zero cohort", &campaignCohortModel{})

	webhooks := append(all.webhooks, &client.WebhookConfiguration{}, &client.WebhookConfiguration{WebhookID: str("empty"), CustomHeaders: map[string]*string{}},
		&client.WebhookConfiguration{WebhookID: str("null-header"), CustomHeaders: map[string]*string{"X-Empty": str(""), "X-Null": nil}})
	ds = newWebhookConfigDataSource()
	for i, w := range webhooks {
		m := webhookConfigurationModel{scopeModel: readScope(i)}
		if err := m.fromAPI(w); err != nil {
			t.Fatalf("webhook configuration %d (%s): %v", i, deref(w.WebhookID), err)
		}
		matchesReflection(t, ds, "webhook configuration "+deref(w.WebhookID), &m)
	}
}

// The list data sources' models are written by the same plan: each list
// of the fake's objects, empty, and not read (nil), with its arguments set
// as a read records them or left null.
func TestListModelsMatchReflection(t *testing.T) {
	all := fakesObjects(t)
	args := listModel{Search: types.StringValue("a"), SortBy: types.StringValue("name"), SortOrder: types.StringValue("asc"),
		MaxResults: types.NumberValue(big.NewFloat(10)), Total: types.Int64Value(12)}
	for i, args := range []listModel{args, {}} {
		var cohorts []client.Cohort
		for _, c := range all.cohorts {
			cohorts = append(cohorts, *c)
		}
		for _, items := range [][]client.Cohort{cohorts, {}} {
			m := campaignCohortsModel{scopeModel: readScope(i), listModel: args, CampaignID: types.StringValue("campaign")}
			if err := m.fill(items); err != nil {
				t.Fatal(err)
			}
			matchesReflection(t, newCampaignCohortsDataSource(), fmt.Sprintf("%d cohorts", len(items)), &m)
		}
		matchesReflection(t, newCampaignCohortsDataSource(), "no cohorts read", &campaignCohortsModel{scopeModel: readScope(i), listModel: args})

		var webhooks []client.WebhookConfiguration
		for _, w := range all.webhooks {
			webhooks = append(webhooks, *w)
		}
		for _, items := range [][]client.WebhookConfiguration{webhooks, {}} {
			m := webhookConfigsModel{scopeModel: readScope(i), listModel: args}
			if err := m.fill(items); err != nil {
				t.Fatal(err)
			}
			matchesReflection(t, newWebhookConfigsDataSource(), fmt.Sprintf("%d webhook configurations", len(items)), &m)
		}
		matchesReflection(t, newWebhookConfigsDataSource(), "no webhook configurations read", &webhookConfigsModel{scopeModel: readScope(i), listModel: args})

		// The campaigns of sarvam_campaigns are written after, by
		// setAttributes; here the model as the read hands it to setState.
		matchesReflection(t, newCampaignsDataSource(), "campaigns", &campaignsModel{scopeModel: readScope(i), listModel: args, Status: types.StringValue("Active")})
	}
}

// campaignStateWith is a null state of sarvam_campaign's type with the
// attributes of changed added or changed.
func campaignStateWith(t testing.TB, changed map[string]tftypes.Type) tfsdk.State {
	t.Helper()
	state := nullState(t, newCampaignDataSource())
	typ, _ := state.Raw.Type().(tftypes.Object)
	attrTypes := maps.Clone(typ.AttributeTypes)
	maps.Copy(attrTypes, changed)
	state.Raw = tftypes.NewValue(tftypes.Object{AttributeTypes: attrTypes}, nil)
	return state
}

// A model whose values do not fit the schema is refused whole, with an
// error that names the first attribute it is about and what was read, and
// the state is left as it was.
func TestSetStateRefusesValuesOfAnotherSchema(t *testing.T) {
	m := campaignModel{scopeModel: scopeModel{OrgID: types.StringValue("o"), WorkspaceID: types.StringValue("w")}, CampaignID: types.StringValue("c")}
	for _, tc := range []struct {
		name   string
		state  tfsdk.State
		detail string
	}{
		{"an attribute the schema lacks", nullState(t, newCampaignCohortDataSource()), "app_id: the schema has no such attribute"},
		{"attributes the model lacks", campaignStateWith(t, map[string]tftypes.Type{"b_added": tftypes.String, "a_added": tftypes.Bool}), "no value for a_added, b_added"},
		{"an attribute of another type", campaignStateWith(t, map[string]tftypes.Type{"name": tftypes.Number}), `AttributeName("name"): can't use tftypes.String as tftypes.Number`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := tc.state.Raw
			diags := setState(context.Background(), &tc.state, &m)
			want := diag.Diagnostics{diag.NewErrorDiagnostic("Could not store the campaign",
				`Reading campaign "c" in workspace "w" of org "o" succeeded, but the result could not be written into Terraform's state: `+tc.detail+
					`. Nothing was stored. This is a fault of the provider; please report it.`)}
			if !diags.Equal(want) {
				t.Fatalf("diagnostics %v", diags)
			}
			if !tc.state.Raw.Equal(before) {
				t.Fatalf("state changed to %v", tc.state.Raw)
			}
		})
	}
}
