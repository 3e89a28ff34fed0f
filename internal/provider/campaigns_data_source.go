package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ datasource.DataSourceWithConfigure = (*campaignsDataSource)(nil)

type campaignsDataSource struct {
	dataSource[campaignsModel, *campaignsModel]
}

func newCampaignsDataSource() datasource.DataSource {
	return &campaignsDataSource{dataSource[campaignsModel, *campaignsModel]{name: "campaigns"}}
}

func (d *campaignsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	q := m.query()
	q.Status = m.Status.ValueString()
	t := target{kind: "campaign list", idAttr: "workspace_id", asked: "the campaign list " + m.in()}
	list, err := d.client().ListCampaigns(ctx, m.org(), m.workspace(), q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	m.record(q, list.Total)
	if m.Campaigns, m.IDs, err = mapItems("campaigns", list.Items, func(i *campaignListItemModel) types.String { return i.CampaignID }); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
}
