package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*campaignCohortsDataSource)(nil)

type campaignCohortsDataSource struct {
	dataSource[campaignCohortsModel, *campaignCohortsModel]
}

func newCampaignCohortsDataSource() datasource.DataSource {
	return &campaignCohortsDataSource{dataSource[campaignCohortsModel, *campaignCohortsModel]{name: "campaign_cohorts"}}
}

func (d *campaignCohortsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	campaignID := m.CampaignID.ValueString()
	q := m.query()
	t := target{kind: "campaign", item: "cohort", idAttr: "campaign_id", scope: m.scopeModel, asked: fmt.Sprintf("the cohorts of campaign %q %s", campaignID, m.in())}
	list, err := d.client().ListCohorts(ctx, m.org(), m.workspace(), campaignID, q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.record(q, list.Total)
	if m.Cohorts, m.IDs, err = mapItems("cohorts", list.Items, func(i *cohortModel) types.String { return i.CohortID }); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
