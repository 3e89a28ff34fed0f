package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// A listed cohort has the attributes, model and mapping of
// sarvam_campaign_cohort's cohort.

func newCampaignCohortsDataSource() datasource.DataSource {
	item := cohortAttributes()
	item["cohort_id"] = computedString("ID of the cohort.")
	return newListDataSource[campaignCohortsModel, *campaignCohortsModel, client.Cohort]("campaign_cohorts", schema.Schema{
		Description: "the cohorts of a campaign and how their records were processed",
		MarkdownDescription: "Lists the cohorts of a campaign, the contact lists uploaded to it (List Cohorts), reading every page: gate a rollout on every upload being processed without rejected records. " +
			"A campaign without cohorts gives empty lists; a campaign that does not exist is an error. The cohorts' contacts are personal data and are never read.",
		Attributes: withScope("the campaign belongs to", withListArguments("cohorts", map[string]schema.Attribute{
			"campaign_id": requiredID("ID of the campaign whose cohorts to list."),
			"cohorts":     computedObjectList("The cohorts, in the order of `sort_by` and `sort_order`. A list that changed while it was read (a cohort listed twice, or `total` changed) is read once more, and is an error if it changes again.", item),
			"ids":         computedStringList("The `cohort_id` of each of `cohorts`, in the same order."),
		})),
	})
}

// campaignCohortsModel is the data source's state; a lookup of a cohort
// by name lists through it too.
type campaignCohortsModel struct {
	scopeModel
	listModel
	CampaignID types.String   `tfsdk:"campaign_id"`
	Cohorts    []cohortModel  `tfsdk:"cohorts"`
	IDs        []types.String `tfsdk:"ids"`
}

func (m *campaignCohortsModel) about() target {
	return target{kind: "campaign", item: "cohort", idAttr: "campaign_id", scope: m.scopeModel, asked: fmt.Sprintf("the cohorts of campaign %q %s", m.CampaignID.ValueString(), m.where())}
}

func (m *campaignCohortsModel) fetch(ctx context.Context, c *client.Client, q client.ListQuery) (*client.ListResult[client.Cohort], error) {
	return c.ListCohorts(ctx, m.org(), m.workspace(), m.CampaignID.ValueString(), q)
}

func (m *campaignCohortsModel) fill(items []client.Cohort) (err error) {
	m.Cohorts, m.IDs, err = mapItems("cohorts", items, func(i *cohortModel) types.String { return i.CohortID })
	return err
}

// byName finds the cohort by its name among those of the model's campaign.
// A campaign that does not exist fails the listing with a 404 on
// campaign_id, as sarvam_campaign_cohorts does. It lists through this data
// source's model, so it is declared here, beside it.
func (m *campaignCohortModel) byName(c *client.Client) (*types.String, string, nameFinder) {
	campaignID := m.CampaignID.ValueString()
	listing := &campaignCohortsModel{scopeModel: m.scopeModel, CampaignID: m.CampaignID}
	return &m.CohortID, m.Name.ValueString(), cohortNaming.lookup(c, listing, fmt.Sprintf("of campaign %q %s", campaignID, m.where()),
		fmt.Sprintf("the sarvam_campaign_cohorts data source for campaign_id %q", campaignID))
}
