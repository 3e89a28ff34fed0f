package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A listed cohort has the attributes, model and mapping of
// sarvam_campaign_cohort's cohort.

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

type campaignCohortsModel struct {
	scopeModel
	listModel
	CampaignID types.String   `tfsdk:"campaign_id"`
	Cohorts    []cohortModel  `tfsdk:"cohorts"`
	IDs        []types.String `tfsdk:"ids"`
}
