package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*campaignCohortsDataSource)(nil)

type campaignCohortsDataSource struct {
	dataSource[campaignCohortsModel]
}

func newCampaignCohortsDataSource() datasource.DataSource {
	return &campaignCohortsDataSource{dataSource[campaignCohortsModel]{name: "campaign_cohorts"}}
}

type campaignCohortsModel struct {
	scopeModel
	listModel
	CampaignID types.String   `tfsdk:"campaign_id"`
	Cohorts    []cohortModel  `tfsdk:"cohorts"`
	IDs        []types.String `tfsdk:"ids"`
}

func (d *campaignCohortsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := cohortAttributes()
	item["cohort_id"] = computedString("ID of the cohort.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the cohorts of a campaign, the contact lists uploaded to it (List Cohorts), reading every page: gate a rollout on every upload being processed without rejected records. " +
			"A campaign without cohorts gives empty lists; a campaign that does not exist is an error. The cohorts' contacts are personal data and are never read.",
		Attributes: withScope("the campaign belongs to", withListArguments("cohorts", map[string]schema.Attribute{
			"campaign_id": requiredID("ID of the campaign whose cohorts to list."),
			"cohorts":     computedObjectList("The cohorts, in the order of `sort_by` and `sort_order`. A cohort the API lists twice, because the list shifted between pages, is kept once.", item),
			"ids":         computedStringList("The `cohort_id` of each of `cohorts`, in the same order."),
		})),
	}
}

func (d *campaignCohortsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	campaignID := m.CampaignID.ValueString()
	t := target{kind: "campaign", idAttr: "campaign_id", asked: fmt.Sprintf("the cohorts of campaign %q %s", campaignID, m.in())}
	list, err := d.client().ListCohorts(ctx, m.org(), m.workspace(), campaignID, m.query())
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.Total = types.Int64PointerValue(list.Total)
	if m.Cohorts, m.IDs, err = mapItems("cohorts", list.Items, mapCohort, func(i *cohortModel) types.String { return i.CohortID }); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
