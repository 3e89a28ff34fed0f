package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*campaignCohortDataSource)(nil)

type campaignCohortDataSource struct {
	dataSource[campaignCohortModel]
}

func newCampaignCohortDataSource() datasource.DataSource {
	return &campaignCohortDataSource{dataSource[campaignCohortModel]{name: "campaign_cohort"}}
}

type campaignCohortModel struct {
	scopeModel
	CampaignID types.String `tfsdk:"campaign_id"`
	cohortModel
}

func (d *campaignCohortDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := cohortAttributes()
	attrs["campaign_id"] = requiredID("ID of the campaign the cohort belongs to.")
	attrs["cohort_id"] = requiredID("ID of the cohort to read.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one cohort, a contact list uploaded to a campaign (Get Cohort): its processing status and how many records were accepted or rejected. " +
			"The cohort's contacts themselves are personal data and are never read.",
		Attributes: withScope("the campaign belongs to", attrs),
	}
}

func (d *campaignCohortDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	campaignID, cohortID := m.CampaignID.ValueString(), m.CohortID.ValueString()
	t := target{kind: "cohort", idAttr: "cohort_id", asked: fmt.Sprintf("cohort %q of campaign %q %s", cohortID, campaignID, m.in())}
	cohort, err := d.client().GetCohort(ctx, m.org(), m.workspace(), campaignID, cohortID)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if m.cohortModel, err = mapCohort(cohort); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
