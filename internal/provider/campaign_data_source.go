package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
)

var _ datasource.DataSourceWithConfigure = (*campaignDataSource)(nil)

type campaignDataSource struct{ dataSource[campaignModel] }

func newCampaignDataSource() datasource.DataSource {
	return &campaignDataSource{dataSource[campaignModel]{name: "campaign"}}
}

func (d *campaignDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = campaignSchema()
}

func (d *campaignDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	id := m.CampaignID.ValueString()
	t := target{kind: "campaign", idAttr: "campaign_id", asked: fmt.Sprintf("campaign %q %s", id, m.in())}
	campaign, err := d.client().GetCampaign(ctx, m.org(), m.workspace(), id)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	if err := mapCampaign(campaign, m); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
