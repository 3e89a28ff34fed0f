package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

var _ datasource.DataSourceWithConfigure = (*campaignCohortDataSource)(nil)

type campaignCohortDataSource struct {
	dataSource[campaignCohortModel, *campaignCohortModel]
}

func newCampaignCohortDataSource() datasource.DataSource {
	return &campaignCohortDataSource{dataSource[campaignCohortModel, *campaignCohortModel]{name: "campaign_cohort"}}
}

func (d *campaignCohortDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	campaignID, cohortID := m.CampaignID.ValueString(), m.CohortID.ValueString()
	t := target{kind: "cohort", idAttr: "cohort_id", check: "cohort_id and campaign_id (the API answers 404 when either does not exist)", scope: m.scopeModel, asked: fmt.Sprintf("cohort %q of campaign %q %s", cohortID, campaignID, m.in())}
	cohort, err := d.client().GetCohort(ctx, m.org(), m.workspace(), campaignID, cohortID)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if err := m.fromAPI(cohort); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
